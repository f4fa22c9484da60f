//! Loop peeling: the recorded iteration becomes a preamble, and a second copy becomes the loop.
//!
//! The trace `[I] ops jump(J)` becomes `[I] ops label(L) ops' jump(L')` where `ops'` is a copy of
//! `ops` with every input `I_k` replaced by `J_k`, the value it has at the end of an iteration. `L`
//! holds the `J_k` that really vary (not constants, not the unchanged input itself). Constants and
//! unchanged inputs therefore become facts in the loop body, so `fold` removes guards the preamble
//! already checked (type tags, promoted values) and CSE moves loop-invariant pure ops into the
//! preamble: this is the invariant code motion (as in LuaJIT's `lj_opt_loop.c`; there is no classic
//! LICM, since guards make almost everything control-dependent).
//!
//! An input moved into another slot (`jump(i1, i0)`, a swap) is itself loop-carried: it becomes a
//! label operand, re-bound in parallel by the jump. It does not peel a trace that already has a
//! label or a bridge (ends in `finish`).

use std::collections::{HashMap, HashSet};

use super::OptContext;
use crate::ir::{Inst, OpRef, Opcode, Snapshot, Trace, Virtual};

pub fn run(trace: &mut Trace, ctx: &mut OptContext) {
    if !ctx.peel || trace.label_index().is_some() {
        return;
    }
    let Some(jump) = trace.ops.last() else { return };
    if jump.opcode != Opcode::Jump {
        return;
    }
    let jump_args = jump.args.clone();
    let inputs = trace.inputs.clone();
    if jump_args.len() != inputs.len() {
        return;
    }
    let mut map: HashMap<OpRef, OpRef> = HashMap::new();
    let mut label_args: Vec<OpRef> = Vec::new();
    // Invariant values: inputs the loop passes back unchanged, and pure computations of invariant
    // values (every iteration recomputes the same value, so it needs no loop variable).
    let mut invariant_set: HashSet<OpRef> = inputs
        .iter()
        .zip(&jump_args)
        .filter(|(i, j)| i == j)
        .map(|(&i, _)| i)
        .collect();
    for inst in &trace.ops {
        if let Some(res) = inst.res
            && inst.opcode.is_pure()
            && !inst.opcode.is_load()
            && inst
                .args
                .iter()
                .all(|a| a.is_const() || invariant_set.contains(a))
        {
            invariant_set.insert(res);
        }
    }
    let invariant = |r: OpRef| invariant_set.contains(&r);
    for (&input, &next) in inputs.iter().zip(&jump_args) {
        map.insert(input, next);
        // A value that changes from one iteration to the next is carried by the label, including
        // an input moved into another slot (its old value is the new value of that slot).
        if !next.is_const() && !invariant(next) && !label_args.contains(&next) {
            label_args.push(next);
        }
    }
    let preamble: Vec<Inst> = trace.ops[..trace.ops.len() - 1].to_vec();
    trace.ops.pop();
    trace.emit(Opcode::Label, label_args.clone(), 0, None, None);
    let get = |map: &HashMap<OpRef, OpRef>, r: OpRef| map.get(&r).copied().unwrap_or(r);
    for inst in preamble {
        let args: Vec<OpRef> = inst.args.iter().map(|&a| get(&map, a)).collect();
        let snapshot = inst.snapshot.map(|s| {
            let old = trace.snapshot(s).clone();
            let copy = Snapshot {
                pc: old.pc,
                base: old.base,
                slots: old
                    .slots
                    .iter()
                    .map(|&(slot, v)| (slot, get(&map, v)))
                    .collect(),
                virtuals: old
                    .virtuals
                    .iter()
                    .map(|v| Virtual {
                        id: get(&map, v.id),
                        size: v.size,
                        alloc: v.alloc,
                        fields: v.fields.iter().map(|&(o, f)| (o, get(&map, f))).collect(),
                    })
                    .collect(),
            };
            trace.add_snapshot(copy)
        });
        let res = inst.res.map(|old| {
            let new = trace.new_value(trace.type_of(old));
            map.insert(old, new);
            new
        });
        trace.ops.push(Inst {
            opcode: inst.opcode,
            args,
            res,
            imm: inst.imm,
            descr: inst.descr,
            snapshot,
        });
    }
    let body_jump: Vec<OpRef> = label_args.iter().map(|&a| get(&map, a)).collect();
    trace.emit(Opcode::Jump, body_jump, 0, None, None);
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::ir::text;
    use crate::opt::{OptContext, optimize_with, peel};

    #[track_caller]
    fn check(before: &str, after: Expect) {
        let mut trace = text::parse(before).unwrap();
        peel::run(&mut trace, &mut OptContext::for_tests());
        crate::ir::verify::verify(&trace).unwrap();
        after.assert_eq(&trace.to_string());
    }

    #[test]
    fn peel_copies_body_with_jump_values() {
        check(
            "
[i0, i1]
i2 = int_add(i0, i1)
jump(i2, i1)
",
            expect![[r#"
                [i0, i1]
                i2 = int_add(i0, i1)
                label(i2)
                i3 = int_add(i2, i1)
                jump(i3)
            "#]],
        );
    }

    #[test]
    fn peel_then_fold_removes_tag_guard_and_hoists_invariant() {
        let mut trace = text::parse(
            "
[i0, i1, i2]
guard_value(i1, 3) [pc=0; 0=i0, 1=i1]
i3 = int_mul(i2, i2)
i4 = int_add(i0, i3)
jump(i4, 3, i2)
",
        )
        .unwrap();
        optimize_with(
            &mut trace,
            &mut OptContext::for_tests(),
            &[
                ("peel", peel::run),
                ("fold", crate::opt::fold::run),
                ("dce", crate::opt::dce::run),
            ],
        )
        .unwrap();
        expect![[r#"
            [i0, i1, i2]
            guard_value(i1, 3) [pc=0; 0=i0, 1=i1]
            i3 = int_mul(i2, i2)
            i4 = int_add(i0, i3)
            label(i4)
            i6 = int_add(i4, i3)
            jump(i6)
        "#]]
        .assert_eq(&trace.to_string());
    }

    #[test]
    fn peel_carries_swapped_inputs_in_the_label() {
        check(
            "
[i0, i1]
i2 = int_add(i0, 1)
jump(i1, i2)
",
            expect![[r#"
                [i0, i1]
                i2 = int_add(i0, 1)
                label(i1, i2)
                i3 = int_add(i1, 1)
                jump(i2, i3)
            "#]],
        );
    }
}

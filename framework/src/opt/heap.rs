//! The heap cache: forwards stored and loaded field values to later loads of the same field.
//!
//! A forward walk keeps `(base, offset) -> value` for fields whose value is known. A load that hits
//! becomes the known value; a store records its value. Aliasing is handled conservatively: a store
//! through one base forgets every known field of every other base (two different `OpRef`s may be
//! the same object), a call that may write the heap forgets everything, and so does the `label`
//! (facts from the preamble do not hold in later iterations). Stores are never removed: that would
//! need escape information, which `virtualize` has.

use std::collections::HashMap;

use super::{OptContext, Subst, label_args, remove_ops, unshare_snapshots};
use crate::ir::{Effect, OpRef, Opcode, Trace};

#[allow(
    clippy::needless_range_loop,
    reason = "the loop rewrites `trace.ops[idx]` while it fills `dead`"
)]
pub fn run(trace: &mut Trace, _ctx: &mut OptContext) {
    unshare_snapshots(trace);
    let pinned = label_args(trace);
    let mut subst = Subst::default();
    let mut known: HashMap<(OpRef, i64), OpRef> = HashMap::new();
    let mut dead = vec![false; trace.ops.len()];
    for idx in 0..trace.ops.len() {
        subst.apply(trace, idx);
        let inst = &trace.ops[idx];
        match inst.opcode {
            Opcode::GetfieldI | Opcode::GetfieldF | Opcode::GetfieldR => {
                let key = (inst.args[0], inst.imm);
                let res = inst.res.expect("loads have results");
                match known.get(&key) {
                    Some(&value)
                        if trace.type_of(value) == trace.type_of(res) && !pinned.contains(&res) =>
                    {
                        subst.insert(res, value);
                        dead[idx] = true;
                    }
                    _ => {
                        known.insert(key, res);
                    }
                }
            }
            Opcode::Setfield => {
                let (base, value, offset) = (inst.args[0], inst.args[1], inst.imm);
                known.retain(|&(b, _), _| b == base);
                known.insert((base, offset), value);
            }
            Opcode::Call => {
                let descr = trace.descr(inst.descr.expect("calls have descriptors"));
                if descr.effect == Effect::Any {
                    known.clear();
                }
            }
            Opcode::New | Opcode::Label | Opcode::CallAssembler => known.clear(),
            _ => {}
        }
    }
    remove_ops(trace, &dead);
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use crate::ir::text;
    use crate::opt::{OptContext, heap};

    #[track_caller]
    fn check(before: &str, after: Expect) {
        let mut trace = text::parse(before).unwrap();
        heap::run(&mut trace, &mut OptContext::for_tests());
        crate::ir::verify::verify(&trace).unwrap();
        after.assert_eq(&trace.to_string());
    }

    #[test]
    fn heap_load_after_store_forwarded() {
        check(
            "
[p0, i1]
setfield(p0, i1, #8)
i2 = getfield_i(p0, #8)
i3 = getfield_i(p0, #8)
i4 = int_add(i2, i3)
jump(p0, i4)
",
            expect![[r#"
                [p0, i1]
                setfield(p0, i1, #8)
                i4 = int_add(i1, i1)
                jump(p0, i4)
            "#]],
        );
    }

    #[test]
    fn heap_store_to_other_base_forgets() {
        check(
            "
[p0, p1, i2]
i3 = getfield_i(p0, #8)
setfield(p1, i2, #16)
i4 = getfield_i(p0, #8)
i5 = getfield_i(p1, #16)
i6 = int_add(i4, i5)
jump(p0, p1, i6)
",
            expect![[r#"
                [p0, p1, i2]
                i3 = getfield_i(p0, #8)
                setfield(p1, i2, #16)
                i4 = getfield_i(p0, #8)
                i6 = int_add(i4, i2)
                jump(p0, p1, i6)
            "#]],
        );
    }

    #[test]
    fn heap_call_with_effects_forgets() {
        check(
            "
[p0]
i1 = getfield_i(p0, #0)
call[clobber](p0)
i2 = getfield_i(p0, #0)
i3 = int_add(i1, i2)
jump(p0)
",
            expect![[r#"
                [p0]
                i1 = getfield_i(p0, #0)
                call[clobber](p0)
                i2 = getfield_i(p0, #0)
                i3 = int_add(i1, i2)
                jump(p0)
            "#]],
        );
    }
}

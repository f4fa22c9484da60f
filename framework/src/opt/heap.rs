//! The heap cache: forwards stored and loaded field values to later loads of the same field.
//!
//! A forward walk keeps `(base, offset) -> value` for fields whose value is known. A load that hits
//! becomes the known value; a store records its value. Aliasing is handled conservatively: a store
//! through one base forgets every known field of every other base (two different `OpRef`s may be
//! the same object), a call that may write the heap forgets everything, and so does the `label`
//! (facts from the preamble do not hold in later iterations) unless the loop body writes nothing
//! at all (then every iteration sees the memory the preamble saw: a loop's poll of a flag that
//! only allocation sets is loaded once). Stores are never removed: that would
//! need escape information, which `virtualize` has.
//!
//! The same walk removes write barriers (`gc_wb`, see `crate::gc`) whose card is known to be set:
//! on an object that already had one, or on an object the trace allocated with `new`, since the
//! last safepoint. A trace reaches a safepoint (where a collection may clean cards) only through a
//! call that may do anything, `call_assembler`, or the loop header; allocation never collects.

use std::collections::{HashMap, HashSet};

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
    // Objects whose card is set until the next safepoint.
    let mut carded: HashSet<OpRef> = HashSet::new();
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
            // ANCHOR: barrier_elision
            Opcode::Call => {
                let descr = trace.descr(inst.descr.expect("calls have descriptors"));
                if descr.effect == Effect::Any {
                    known.clear();
                    carded.clear();
                }
            }
            // The guard records the card; a barrier whose card was already recorded goes.
            Opcode::GcWb if !carded.insert(inst.args[0]) => dead[idx] = true,
            Opcode::New => {
                known.clear();
                // The allocator contract (`gc::GcLayout`): a fresh object needs no barrier
                // before the next safepoint.
                carded.extend(inst.res);
            }
            Opcode::Label => {
                // Facts from the preamble hold in every iteration when the loop body writes
                // nothing: each iteration then starts from the memory the preamble left.
                if !body_is_read_only(trace, idx) {
                    known.clear();
                }
                carded.clear();
            }
            Opcode::CallAssembler => {
                known.clear();
                carded.clear();
            }
            // ANCHOR_END: barrier_elision
            _ => {}
        }
    }
    remove_ops(trace, &dead);
}

/// Whether the ops after the label at `label` (the loop body) leave memory as it was: only pure
/// ops, plain loads, guards and the back-edge. Any call (even a pure one may allocate, and an
/// allocation may request a collection through the flag a loop polls), allocation, store or
/// barrier makes the body a writer. Guards leave the loop, and bridges re-enter traces at their
/// start, never at the label, so the preamble's loads always precede the first iteration.
fn body_is_read_only(trace: &Trace, label: usize) -> bool {
    trace.ops[label + 1..].iter().all(|i| {
        let op = i.opcode;
        !op.is_call() && (op.is_pure() || op.is_guard() || op.is_load() || op == Opcode::Jump)
    })
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
    fn barrier_repeated_on_same_object_without_safepoint_removed() {
        check(
            "
[p0, p1, p2]
setfield(p0, p1, #8)
gc_wb(p0)
setfield(p0, p2, #16)
gc_wb(p0)
setfield(p1, p2, #8)
gc_wb(p1)
jump(p0, p1, p2)
",
            expect![[r#"
                [p0, p1, p2]
                setfield(p0, p1, #8)
                gc_wb(p0)
                setfield(p0, p2, #16)
                setfield(p1, p2, #8)
                gc_wb(p1)
                jump(p0, p1, p2)
            "#]],
        );
    }

    #[test]
    fn barrier_after_safepoint_call_kept() {
        check(
            "
[p0, p1]
setfield(p0, p1, #8)
gc_wb(p0)
call[may_collect](p1)
setfield(p0, p1, #16)
gc_wb(p0)
call_pure[len](p1)
setfield(p0, p1, #24)
gc_wb(p0)
jump(p0, p1)
",
            expect![[r#"
                [p0, p1]
                setfield(p0, p1, #8)
                gc_wb(p0)
                call[may_collect](p1)
                setfield(p0, p1, #16)
                gc_wb(p0)
                call_pure[len](p1)
                setfield(p0, p1, #24)
                jump(p0, p1)
            "#]],
        );
    }

    #[test]
    fn barrier_on_fresh_object_removed_until_safepoint() {
        check(
            "
[p0, p1]
p2 = new(#16)
setfield(p2, p1, #8)
gc_wb(p2)
setfield(p0, p2, #8)
gc_wb(p0)
call[may_collect](p2)
setfield(p2, p0, #8)
gc_wb(p2)
jump(p0, p1)
",
            expect![[r#"
                [p0, p1]
                p2 = new(#16)
                setfield(p2, p1, #8)
                setfield(p0, p2, #8)
                gc_wb(p0)
                call[may_collect](p2)
                setfield(p2, p0, #8)
                gc_wb(p2)
                jump(p0, p1)
            "#]],
        );
    }

    #[test]
    fn barrier_before_label_does_not_cover_loop_body() {
        check(
            "
[p0, p1]
setfield(p0, p1, #8)
gc_wb(p0)
label(p0, p1)
setfield(p0, p1, #8)
gc_wb(p0)
jump(p0, p1)
",
            expect![[r#"
                [p0, p1]
                setfield(p0, p1, #8)
                gc_wb(p0)
                label(p0, p1)
                setfield(p0, p1, #8)
                gc_wb(p0)
                jump(p0, p1)
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

    #[test]
    fn preamble_load_reaches_a_loop_body_that_writes_nothing() {
        // The loop polls a flag: with no store, call or allocation in the body, the body's load
        // is the preamble's, and the guard on it repeats one already passed.
        check(
            "
[p0, i1]
i2 = getfield_i(p0, #0)
guard_value(i2, 0) [pc=1; 0=i1]
i3 = int_add(i1, 1)
label(p0, i3)
i4 = getfield_i(p0, #0)
guard_value(i4, 0) [pc=1; 0=i3]
i5 = int_add(i3, 1)
jump(p0, i5)
",
            expect![[r#"
                [p0, i1]
                i2 = getfield_i(p0, #0)
                guard_value(i2, 0) [pc=1; 0=i1]
                i3 = int_add(i1, 1)
                label(p0, i3)
                guard_value(i2, 0) [pc=1; 0=i3]
                i5 = int_add(i3, 1)
                jump(p0, i5)
            "#]],
        );
    }

    #[test]
    fn preamble_load_does_not_reach_a_loop_body_that_allocates_or_calls() {
        for writer in ["p9 = new(#16)", "call[clobber](p0)", "setfield(p0, i3, #8)"] {
            let before = format!(
                "
[p0, i1]
i2 = getfield_i(p0, #0)
i3 = int_add(i1, 1)
label(p0, i3)
i4 = getfield_i(p0, #0)
{writer}
i5 = int_add(i3, i4)
jump(p0, i5)
"
            );
            let mut trace = text::parse(&before).unwrap();
            heap::run(&mut trace, &mut OptContext::for_tests());
            let after = trace.to_string();
            assert!(
                after.contains("i4 = getfield_i(p0, #0)"),
                "{writer}: {after}"
            );
        }
    }
}

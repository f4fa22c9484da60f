//! Dead code elimination: removes pure ops and loads whose results nothing uses.
//!
//! One backward walk. Uses include operands and snapshot values (a value an exit needs is live).
//! Ops with effects, guards and control ops always stay.

use std::collections::HashSet;

use super::{OptContext, remove_ops};
use crate::ir::{OpRef, Trace};

pub fn run(trace: &mut Trace, _ctx: &mut OptContext) {
    let mut live: HashSet<OpRef> = HashSet::new();
    let mut dead = vec![false; trace.ops.len()];
    for idx in (0..trace.ops.len()).rev() {
        let inst = &trace.ops[idx];
        let needed = inst.opcode.has_side_effect() || inst.res.is_some_and(|r| live.contains(&r));
        if !needed {
            dead[idx] = true;
            continue;
        }
        live.extend(inst.args.iter().copied());
        if let Some(s) = inst.snapshot {
            let snapshot = trace.snapshot(s);
            live.extend(snapshot.slots.iter().map(|&(_, v)| v));
            for v in &snapshot.virtuals {
                live.extend(v.fields.iter().map(|&(_, f)| f));
            }
        }
    }
    remove_ops(trace, &dead);
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use crate::ir::text;
    use crate::opt::{OptContext, dce};

    #[test]
    fn dce_removes_unused_pure_and_loads_keeps_snapshot_uses() {
        let mut trace = text::parse(
            "
[i0, p1]
i2 = int_add(i0, 1)
i3 = int_mul(i0, 3)
i4 = getfield_i(p1, #8)
i5 = int_sub(i0, 1)
guard_true(i0) [pc=0; 0=i5]
setfield(p1, i2, #0)
jump(i0, p1)
",
        )
        .unwrap();
        dce::run(&mut trace, &mut OptContext::for_tests());
        expect![[r#"
            [i0, p1]
            i2 = int_add(i0, 1)
            i5 = int_sub(i0, 1)
            guard_true(i0) [pc=0; 0=i5]
            setfield(p1, i2, #0)
            jump(i0, p1)
        "#]]
        .assert_eq(&trace.to_string());
    }
}

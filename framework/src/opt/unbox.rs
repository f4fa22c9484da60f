//! Loop-carried floats stay floats: a peeled loop carries a float in a float register instead of
//! as its bits in an integer one.
//!
//! Frames hold words, so a float that lives in a frame slot is recorded as `float_to_bits` before
//! the slot is written and `float_from_bits` after it is read. Peeling turns such a slot into a
//! label operand of integer type, and every iteration then moves the value between register files
//! twice on the loop's critical path (an accumulator `s = s + x` pays for both moves on top of
//! the add). When the jump passes `float_to_bits(x)` for a label operand `a` and the loop body
//! uses `a` only through `float_from_bits(a)` and in snapshots, this pass makes the label carry
//! `float_from_bits(a)` (computed once before the label) and the jump `x`. Snapshots may name
//! the float: an exit stores a float's bits, which is the word the slot holds.
//!
//! It does not touch an operand the body also uses as an integer (a store of the word, an
//! integer comparison), and it only looks at peeled loops (a label and a jump).

use std::collections::{HashMap, HashSet};

use super::{OptContext, remove_ops};
use crate::ir::{Inst, OpRef, Opcode, SnapshotId, Trace, Type};

pub fn run(trace: &mut Trace, _ctx: &mut OptContext) {
    let Some(label) = trace.label_index() else {
        return;
    };
    let last = trace.ops.len() - 1;
    if last <= label || trace.ops[last].opcode != Opcode::Jump {
        return;
    }
    let body_def: HashMap<OpRef, usize> = (label + 1..last)
        .filter_map(|idx| trace.ops[idx].res.map(|r| (r, idx)))
        .collect();
    // Snapshots are only rewritten when no op before the label shares them.
    let preamble_snapshots: HashSet<SnapshotId> = trace.ops[..label]
        .iter()
        .filter_map(|i| i.snapshot)
        .collect();
    let mut subst: HashMap<OpRef, OpRef> = HashMap::new();
    let mut snapshot_subst: HashMap<OpRef, OpRef> = HashMap::new();
    let mut before_label: Vec<Inst> = Vec::new();
    let mut dead = vec![false; trace.ops.len()];
    for k in 0..trace.ops[label].args.len() {
        let a = trace.ops[label].args[k];
        let next = trace.ops[last].args[k];
        if a.is_const() || trace.type_of(a) != Type::Int {
            continue;
        }
        if trace.ops[label].args.iter().filter(|&&r| r == a).count() != 1 {
            continue;
        }
        let Some(&def) = body_def.get(&next) else {
            continue;
        };
        if trace.ops[def].opcode != Opcode::FloatToBits {
            continue;
        }
        let x = trace.ops[def].args[0];
        let mut reads = Vec::new();
        let mut ok = true;
        for idx in label + 1..=last {
            let inst = &trace.ops[idx];
            let uses_a = inst.args.contains(&a);
            if uses_a && inst.opcode == Opcode::FloatFromBits {
                reads.push(idx);
            } else if uses_a {
                ok = false;
            }
            if let Some(s) = inst.snapshot
                && preamble_snapshots.contains(&s)
            {
                ok = false;
            }
        }
        if !ok {
            continue;
        }
        let carried = trace.new_value(Type::Float);
        before_label.push(Inst {
            opcode: Opcode::FloatFromBits,
            args: vec![a],
            res: Some(carried),
            imm: 0,
            descr: None,
            snapshot: None,
        });
        for idx in reads {
            subst.insert(trace.ops[idx].res.expect("float_from_bits result"), carried);
            dead[idx] = true;
        }
        snapshot_subst.insert(a, carried);
        snapshot_subst.insert(next, x);
        trace.ops[label].args[k] = carried;
        trace.ops[last].args[k] = x;
    }
    if before_label.is_empty() {
        return;
    }
    let mut body_snapshots: HashSet<SnapshotId> = HashSet::new();
    for inst in &mut trace.ops[label + 1..] {
        for arg in &mut inst.args {
            if let Some(&r) = subst.get(arg) {
                *arg = r;
            }
        }
        body_snapshots.extend(inst.snapshot);
    }
    for s in body_snapshots {
        let snapshot = &mut trace.snapshots[s.0 as usize];
        let rewrite = |v: &mut OpRef| {
            if let Some(&r) = subst.get(v).or_else(|| snapshot_subst.get(v)) {
                *v = r;
            }
        };
        for (_, v) in &mut snapshot.slots {
            rewrite(v);
        }
        for virt in &mut snapshot.virtuals {
            for (_, v) in &mut virt.fields {
                rewrite(v);
            }
        }
    }
    remove_ops(trace, &dead);
    let label = trace.label_index().expect("label");
    trace.ops.splice(label..label, before_label);
}

#[cfg(test)]
mod tests;

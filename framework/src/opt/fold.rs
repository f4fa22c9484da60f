//! Constant folding, algebraic simplification and CSE of pure ops; removal of guards that hold.
//!
//! One forward walk. Each op's operands are first rewritten through the substitution built so far;
//! then the op is folded to a constant, simplified to an existing value, or looked up in the CSE
//! table. A guard whose condition is known (a constant, or a value already guarded the same way) is
//! dropped; after `guard_value(x, K)` later uses of `x` become `K`.
//!
//! Contract for rules:
//! 1. A rule preserves the result type.
//! 2. A rule never makes the trace longer.
//! 3. At the `label`, facts about loop-variant values are forgotten (`variant_values`): only
//!    loop-invariant ops are CSE'd into the preamble, which is how peeling hoists them.

use std::collections::{HashMap, HashSet};

use super::{OptContext, Subst, label_args, remove_ops, unshare_snapshots, variant_values};
use crate::ir::eval::eval_pure;
use crate::ir::{Const, DescrId, OpRef, Opcode, Trace};

#[derive(Hash, PartialEq, Eq)]
struct Key {
    opcode: Opcode,
    args: Vec<OpRef>,
    imm: i64,
    descr: Option<DescrId>,
}

#[allow(
    clippy::needless_range_loop,
    reason = "the loop rewrites `trace.ops[idx]` while it fills `dead`"
)]
pub fn run(trace: &mut Trace, _ctx: &mut OptContext) {
    unshare_snapshots(trace);
    let variant = variant_values(trace);
    let pinned = label_args(trace);
    let mut subst = Subst::default();
    let mut cse: HashMap<Key, OpRef> = HashMap::new();
    // Values known to be true (nonzero) or false (zero) because a guard checked them.
    let mut known: HashMap<OpRef, bool> = HashMap::new();
    let mut nonnull: HashSet<OpRef> = HashSet::new();
    let mut dead = vec![false; trace.ops.len()];
    let mut skip_ovf_guard = false;
    // The definition of every cast seen so far, so cancelling a cast pair does not scan the trace.
    let mut casts: HashMap<OpRef, (Opcode, OpRef)> = HashMap::new();
    for idx in 0..trace.ops.len() {
        subst.apply(trace, idx);
        let inst = &trace.ops[idx];
        let opcode = inst.opcode;
        if let (Some(res), true) = (inst.res, is_cast(opcode)) {
            casts.insert(res, (opcode, inst.args[0]));
        }
        if opcode == Opcode::Label {
            cse.retain(|_, v| !variant.contains(v));
            known.retain(|k, _| !variant.contains(k));
            nonnull.retain(|k| !variant.contains(k));
            subst.remove_if(|k| variant.contains(&k));
            continue;
        }
        if opcode.is_guard() && opcode != Opcode::Finish {
            if opcode == Opcode::GuardNoOverflow && skip_ovf_guard {
                dead[idx] = true;
                skip_ovf_guard = false;
                continue;
            }
            if guard_holds(trace, idx, &known, &nonnull) {
                dead[idx] = true;
                continue;
            }
            let args = trace.ops[idx].args.clone();
            match opcode {
                Opcode::GuardTrue => {
                    known.insert(args[0], true);
                }
                Opcode::GuardFalse => {
                    known.insert(args[0], false);
                }
                Opcode::GuardNonnull => {
                    nonnull.insert(args[0]);
                }
                Opcode::GuardValue if !args[0].is_const() && !pinned.contains(&args[0]) => {
                    subst.insert(args[0], args[1])
                }
                _ => {}
            }
            continue;
        }
        skip_ovf_guard = false;
        if !opcode.is_pure() {
            continue;
        }
        let Some(res) = inst.res else { continue };
        if pinned.contains(&res) {
            continue;
        }
        let args = inst.args.clone();
        let consts: Option<Vec<Const>> = args.iter().map(|a| trace.as_const(*a)).collect();
        let is_ovf = matches!(
            opcode,
            Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf
        );
        if let Some(consts) = consts
            && !opcode.is_load()
            && !opcode.is_call()
            && let Some(value) = eval_pure(opcode, &consts)
        {
            let k = trace.constant(value);
            subst.insert(res, k);
            dead[idx] = true;
            skip_ovf_guard = is_ovf;
            continue;
        }
        if let Some(simple) = simplify(trace, opcode, &args, &variant, &casts) {
            subst.insert(res, simple);
            dead[idx] = true;
            skip_ovf_guard = is_ovf;
            continue;
        }
        let mut key_args = args;
        if opcode.is_commutative() && key_args.len() == 2 && key_args[0] > key_args[1] {
            key_args.swap(0, 1);
        }
        let inst = &trace.ops[idx];
        let key = Key {
            opcode,
            args: key_args,
            imm: inst.imm,
            descr: inst.descr,
        };
        match cse.get(&key) {
            Some(&prev) => {
                subst.insert(res, prev);
                dead[idx] = true;
                skip_ovf_guard = is_ovf;
            }
            None => {
                cse.insert(key, res);
            }
        }
    }
    remove_ops(trace, &dead);
}

fn guard_holds(
    trace: &Trace,
    idx: usize,
    known: &HashMap<OpRef, bool>,
    nonnull: &HashSet<OpRef>,
) -> bool {
    let inst = &trace.ops[idx];
    let arg = |k: usize| inst.args[k];
    match inst.opcode {
        Opcode::GuardTrue => {
            trace.as_const_int(arg(0)).is_some_and(|v| v != 0) || known.get(&arg(0)) == Some(&true)
        }
        Opcode::GuardFalse => {
            trace.as_const_int(arg(0)) == Some(0) || known.get(&arg(0)) == Some(&false)
        }
        Opcode::GuardValue => {
            arg(0) == arg(1)
                || matches!((trace.as_const(arg(0)), trace.as_const(arg(1))), (Some(a), Some(b)) if a == b)
        }
        Opcode::GuardNonnull => {
            nonnull.contains(&arg(0))
                || matches!(trace.as_const(arg(0)), Some(Const::Ref(v)) if v != 0)
        }
        _ => false,
    }
}

/// Algebraic identities that turn an op into an existing value.
fn is_cast(opcode: Opcode) -> bool {
    matches!(
        opcode,
        Opcode::FloatFromBits | Opcode::FloatToBits | Opcode::CastIntToPtr | Opcode::CastPtrToInt
    )
}

fn simplify(
    trace: &mut Trace,
    opcode: Opcode,
    args: &[OpRef],
    variant: &HashSet<OpRef>,
    casts: &HashMap<OpRef, (Opcode, OpRef)>,
) -> Option<OpRef> {
    use Opcode::*;
    let k = |r: OpRef| trace.as_const_int(r);
    match opcode {
        IntAdd | IntOr | IntXor | IntAddOvf if k(args[1]) == Some(0) => Some(args[0]),
        IntAdd | IntOr | IntXor | IntAddOvf if k(args[0]) == Some(0) => Some(args[1]),
        IntSub | IntSubOvf | IntShl | IntShr | UintShr | PtrAdd if k(args[1]) == Some(0) => {
            Some(args[0])
        }
        IntMul | IntMulOvf if k(args[1]) == Some(1) => Some(args[0]),
        IntMul | IntMulOvf if k(args[0]) == Some(1) => Some(args[1]),
        IntMul | IntAnd if k(args[1]) == Some(0) || k(args[0]) == Some(0) => {
            Some(trace.const_int(0))
        }
        IntAnd | IntOr if args[0] == args[1] => Some(args[0]),
        IntSub | IntXor if args[0] == args[1] => Some(trace.const_int(0)),
        IntEq | IntLe | IntGe if args[0] == args[1] => Some(trace.const_int(1)),
        IntNe | IntLt | IntGt if args[0] == args[1] => Some(trace.const_int(0)),
        PtrEq if args[0] == args[1] => Some(trace.const_int(1)),
        SameAsI | SameAsF | SameAsR => Some(args[0]),
        FloatFromBits | FloatToBits | CastIntToPtr | CastPtrToInt => {
            let inverse = match opcode {
                FloatFromBits => FloatToBits,
                FloatToBits => FloatFromBits,
                CastIntToPtr => CastPtrToInt,
                _ => CastIntToPtr,
            };
            // A label operand is re-bound by the jump: its definition before the label says nothing
            // about its value in later iterations.
            if variant.contains(&args[0]) {
                return None;
            }
            casts
                .get(&args[0])
                .filter(|(op, _)| *op == inverse)
                .map(|&(_, arg)| arg)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests;

//! The IR verifier: SSA order, operand types, snapshots and control flow.
//!
//! Run after every optimiser pass in tests and debug builds (Cranelift's `verify_if`). It checks
//! the invariants passes rely on; it does not check that a trace is a *good* trace.

use std::collections::HashSet;

use super::{Inst, OpRef, Opcode, Trace, Type};

/// Checks `trace`; the error names the first broken rule and the op.
pub fn verify(trace: &Trace) -> Result<(), String> {
    let mut defined: HashSet<OpRef> = HashSet::new();
    for &input in &trace.inputs {
        if !defined.insert(input) {
            return Err(format!("input {} listed twice", name(trace, input)));
        }
    }
    let mut label_arity: Option<Vec<Type>> = None;
    let n = trace.ops.len();
    if n == 0 {
        return Err("empty trace".into());
    }
    for (idx, inst) in trace.ops.iter().enumerate() {
        let here = || format!("op {idx} `{}`", op_text(trace, inst));
        for &arg in &inst.args {
            if !arg.is_const() && !defined.contains(&arg) {
                return Err(format!(
                    "{}: operand {} is not defined before use",
                    here(),
                    name(trace, arg)
                ));
            }
        }
        if let Some(arity) = inst.opcode.arity()
            && inst.args.len() != arity
        {
            return Err(format!(
                "{}: expected {arity} operands, got {}",
                here(),
                inst.args.len()
            ));
        }
        for (pos, &arg) in inst.args.iter().enumerate() {
            if let Some(want) = inst.opcode.operand_type(pos) {
                let got = trace.type_of(arg);
                if got != want {
                    return Err(format!(
                        "{}: operand {pos} is {got:?}, expected {want:?}",
                        here()
                    ));
                }
            }
        }
        if inst.opcode.has_descr() != inst.descr.is_some() && inst.opcode != Opcode::New {
            return Err(format!(
                "{}: descriptor presence does not match the op",
                here()
            ));
        }
        if let Some(d) = inst.descr
            && inst.opcode.is_call()
        {
            let descr = trace.descr(d);
            if descr.args.len() != inst.args.len() {
                return Err(format!(
                    "{}: descriptor `{}` takes {} arguments",
                    here(),
                    descr.name,
                    descr.args.len()
                ));
            }
            for (pos, (&arg, &want)) in inst.args.iter().zip(descr.args.iter()).enumerate() {
                if trace.type_of(arg) != want {
                    return Err(format!(
                        "{}: argument {pos} does not match descriptor `{}`",
                        here(),
                        descr.name
                    ));
                }
            }
        }
        let needs_snapshot = inst.opcode.is_guard();
        if needs_snapshot != inst.snapshot.is_some() {
            return Err(format!(
                "{}: guards and only guards carry snapshots",
                here()
            ));
        }
        if let Some(s) = inst.snapshot {
            let snapshot = trace.snapshot(s);
            let virtual_ids: HashSet<OpRef> = snapshot.virtuals.iter().map(|v| v.id).collect();
            // An object is either allocated (its `new` ran) or virtual at a guard, never both.
            if let Some(v) = snapshot.virtuals.iter().find(|v| defined.contains(&v.id)) {
                return Err(format!(
                    "{}: virtual {} is also a value of the trace",
                    here(),
                    name(trace, v.id)
                ));
            }
            let known = |r: OpRef| r.is_const() || defined.contains(&r) || virtual_ids.contains(&r);
            for &(slot, value) in &snapshot.slots {
                if !known(value) {
                    return Err(format!(
                        "{}: snapshot slot {slot} refers to undefined {}",
                        here(),
                        name(trace, value)
                    ));
                }
            }
            for v in &snapshot.virtuals {
                for &(_, value) in &v.fields {
                    if !known(value) {
                        return Err(format!(
                            "{}: virtual field refers to undefined {}",
                            here(),
                            name(trace, value)
                        ));
                    }
                }
            }
        }
        match inst.opcode {
            Opcode::GuardNoOverflow => {
                let ok = idx > 0
                    && matches!(
                        trace.ops[idx - 1].opcode,
                        Opcode::IntAddOvf | Opcode::IntSubOvf | Opcode::IntMulOvf
                    )
                    && trace.ops[idx - 1].res == Some(inst.args[0]);
                if !ok {
                    return Err(format!(
                        "{}: must directly follow the *_ovf op it checks",
                        here()
                    ));
                }
            }
            Opcode::Label => {
                if label_arity.is_some() {
                    return Err(format!("{}: a trace has at most one label", here()));
                }
                label_arity = Some(inst.args.iter().map(|a| trace.type_of(*a)).collect());
            }
            Opcode::Finish => {
                let ok = match inst.args[..] {
                    [] => true,
                    [a] => trace.type_of(a) == Type::Int,
                    _ => false,
                };
                if !ok {
                    return Err(format!(
                        "{}: finish carries at most one int (a function's result)",
                        here()
                    ));
                }
            }
            Opcode::Jump => {
                let want: Vec<Type> = match &label_arity {
                    Some(tys) => tys.clone(),
                    None => trace.inputs.iter().map(|a| trace.type_of(*a)).collect(),
                };
                let got: Vec<Type> = inst.args.iter().map(|a| trace.type_of(*a)).collect();
                if want != got {
                    return Err(format!(
                        "{}: jump carries {got:?} but its target expects {want:?}",
                        here()
                    ));
                }
            }
            _ => {}
        }
        if inst.opcode.is_control() && inst.opcode != Opcode::Label && idx != n - 1 {
            return Err(format!(
                "{}: only the last op may be jump or finish",
                here()
            ));
        }
        if let Some(res) = inst.res {
            if !defined.insert(res) {
                return Err(format!("{}: {} defined twice", here(), name(trace, res)));
            }
            let want = inst
                .opcode
                .result()
                .resolve(inst.descr.map(|d| trace.descr(d).ret));
            if trace.type_of(res) != want {
                return Err(format!(
                    "{}: result has type {:?}, expected {want:?}",
                    here(),
                    trace.type_of(res)
                ));
            }
        } else if inst
            .opcode
            .result()
            .resolve(inst.descr.map(|d| trace.descr(d).ret))
            != Type::Void
        {
            return Err(format!("{}: result missing", here()));
        }
    }
    let last = trace.ops[n - 1].opcode;
    if last != Opcode::Jump && last != Opcode::Finish {
        return Err("trace must end in jump or finish".into());
    }
    Ok(())
}

fn name(trace: &Trace, r: OpRef) -> String {
    super::text::value_name(trace, r)
}

fn op_text(trace: &Trace, inst: &Inst) -> String {
    let mut s = String::new();
    super::text::print_inst(trace, inst, &mut s);
    s
}

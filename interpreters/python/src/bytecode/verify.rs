//! A verifier for code objects: the stack discipline the runtime relies on.
//!
//! It walks every path through the code (jumps, fall-through, and exception-table edges, which
//! enter a handler with the table's depth plus the exception) and checks that each instruction is
//! reached with one consistent stack depth, that the depth never goes negative or above
//! `max_stack`, that jump targets and handlers are inside the code, that cache slots are below the
//! declared counts and that operand indexes are in range. The compiler's tests run it on
//! everything they compile; the runtime may run it in debug builds. It does not check types.

use super::{CodeObject, Constant, Insn};

/// Checks `code` and, recursively, the code objects among its constants.
pub fn verify(code: &CodeObject) -> Result<(), String> {
    verify_one(code).map_err(|e| format!("{}: {e}", code.qualname))?;
    for c in &code.constants {
        if let Constant::Code(inner) = c {
            verify(inner)?;
        }
    }
    Ok(())
}

fn verify_one(code: &CodeObject) -> Result<(), String> {
    let n = code.code.len();
    if code.line_table.locations.len() != n {
        return Err("line table length differs from the code length".into());
    }
    let n_cells = code.cellvars.len() + code.freevars.len();
    for (pc, insn) in code.code.iter().enumerate() {
        if let Some(t) = insn.target()
            && t as usize >= n
        {
            return Err(format!("pc {pc}: jump target {t} out of range"));
        }
        let bad = match *insn {
            Insn::LoadConst { k } | Insn::MakeFunction { code: k, .. } => {
                k as usize >= code.constants.len()
            }
            Insn::CallKw { names, .. } | Insn::CallMethodKw { names, .. } => {
                names as usize >= code.constants.len()
            }
            Insn::LoadFast { slot } | Insn::StoreFast { slot } | Insn::DeleteFast { slot } => {
                slot as usize >= code.varnames.len()
            }
            Insn::CompareFastFastJump { a, b, .. } => {
                a as usize >= code.varnames.len() || b as usize >= code.varnames.len()
            }
            Insn::LoadDeref { slot }
            | Insn::StoreDeref { slot }
            | Insn::DeleteDeref { slot }
            | Insn::LoadClassDeref { slot }
            | Insn::LoadClosure { slot } => slot as usize >= n_cells,
            Insn::LoadGlobal { name, cache } => {
                name as usize >= code.names.len() || cache as u32 >= code.n_global_caches
            }
            Insn::LoadAttr { name, cache }
            | Insn::StoreAttr { name, cache }
            | Insn::LoadMethod { name, cache } => {
                name as usize >= code.names.len() || cache as u32 >= code.n_attr_caches
            }
            Insn::StoreGlobal { name }
            | Insn::DeleteGlobal { name }
            | Insn::LoadName { name }
            | Insn::StoreName { name }
            | Insn::DeleteName { name }
            | Insn::DeleteAttr { name }
            | Insn::ImportName { name }
            | Insn::ImportFrom { name } => name as usize >= code.names.len(),
            _ => false,
        };
        if bad {
            return Err(format!("pc {pc}: operand out of range in {insn:?}"));
        }
    }
    for e in &code.exception_table {
        if e.start > e.end || e.end as usize > n || e.handler as usize >= n {
            return Err(format!("exception entry {e:?} out of range"));
        }
    }
    // Depth propagation.
    let mut depth: Vec<Option<i32>> = vec![None; n];
    let mut work: Vec<(usize, i32)> = Vec::new();
    if n > 0 {
        work.push((0, 0));
    }
    let max = code.max_stack as i32;
    while let Some((pc, d)) = work.pop() {
        if pc >= n {
            return Err(format!("execution falls off the end of the code (pc {pc})"));
        }
        match depth[pc] {
            Some(existing) if existing == d => continue,
            Some(existing) => {
                return Err(format!(
                    "pc {pc}: reached with stack depth {d} and {existing}"
                ));
            }
            None => depth[pc] = Some(d),
        }
        for e in &code.exception_table {
            if (e.start as usize) <= pc && pc < e.end as usize {
                if e.depth as i32 > d {
                    return Err(format!(
                        "pc {pc}: handler {} cuts to depth {} above the current {d}",
                        e.handler, e.depth
                    ));
                }
                work.push((e.handler as usize, e.depth as i32 + 1));
                break;
            }
        }
        let insn = code.code[pc];
        let fall = d + insn.stack_effect(false);
        if fall < 0 || fall > max {
            return Err(format!(
                "pc {pc}: depth {fall} outside 0..={max} after {insn:?}"
            ));
        }
        if let Some(t) = insn.target() {
            let jd = d + insn.stack_effect(true);
            if jd < 0 || jd > max {
                return Err(format!("pc {pc}: jump depth {jd} outside 0..={max}"));
            }
            work.push((t as usize, jd));
        }
        if !insn.is_terminator() {
            work.push((pc + 1, fall));
        }
    }
    Ok(())
}

//! The disassembler behind `pyvgc --dis`: one line per instruction, nested code objects after.
//!
//! Each line shows the pc, the source line, the instruction with its operands, and a comment
//! resolving operands to what they denote (constants, names, locals, cells, jump targets). The
//! exception table follows the instructions. The format is for people and for snapshot tests;
//! nothing parses it back.

use std::fmt::Write;

use crate::bytecode::{CodeObject, Constant, Insn, flags};

/// The disassembly of `code` and, after it, of every code object in its constants (depth first).
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    dis_one(code, &mut out);
    out
}

fn flag_names(f: u32) -> String {
    let mut names = Vec::new();
    for (bit, name) in [
        (flags::OPTIMIZED, "OPTIMIZED"),
        (flags::VARARGS, "VARARGS"),
        (flags::VARKEYWORDS, "VARKEYWORDS"),
        (flags::NESTED, "NESTED"),
        (flags::GENERATOR, "GENERATOR"),
        (flags::CLASS_BODY, "CLASS_BODY"),
    ] {
        if f & bit != 0 {
            names.push(name);
        }
    }
    if names.is_empty() {
        "-".to_string()
    } else {
        names.join("|")
    }
}

fn list(items: &[std::rc::Rc<str>]) -> String {
    items.iter().map(|s| &**s).collect::<Vec<_>>().join(", ")
}

fn dis_one(code: &CodeObject, out: &mut String) {
    let _ = writeln!(
        out,
        "code {} (qualname {}, line {}): args={} posonly={} kwonly={} flags={} stack={}",
        code.name,
        code.qualname,
        code.first_line,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        flag_names(code.flags),
        code.max_stack
    );
    if !code.varnames.is_empty() {
        let _ = writeln!(out, "  locals: {}", list(&code.varnames));
    }
    if !code.cellvars.is_empty() {
        let _ = writeln!(out, "  cells: {}", list(&code.cellvars));
    }
    if !code.freevars.is_empty() {
        let _ = writeln!(out, "  free: {}", list(&code.freevars));
    }
    let mut last_line = 0;
    for (pc, insn) in code.code.iter().enumerate() {
        let line = code.line_table.line(pc);
        let line_col = if line != last_line {
            last_line = line;
            line.to_string()
        } else {
            String::new()
        };
        let (op, operands) = split_debug(insn);
        let comment = comment(code, insn);
        let mut text = format!("{pc:>5} {line_col:>5}  {op:<22}{operands}");
        if !comment.is_empty() {
            while text.len() < 52 {
                text.push(' ');
            }
            text.push_str(" ; ");
            text.push_str(&comment);
        }
        let _ = writeln!(out, "{}", text.trim_end());
    }
    if !code.exception_table.is_empty() {
        let _ = writeln!(out, "  exception table:");
        for e in &code.exception_table {
            let _ = writeln!(
                out,
                "    {} to {} -> {} [depth {}]",
                e.start, e.end, e.handler, e.depth
            );
        }
    }
    for c in &code.constants {
        if let Constant::Code(inner) = c {
            out.push('\n');
            dis_one(inner, out);
        }
    }
}

/// `LoadConst { k: 3 }` → ("LoadConst", "k=3").
fn split_debug(insn: &Insn) -> (String, String) {
    let text = format!("{insn:?}");
    match text.split_once(" { ") {
        Some((name, rest)) => {
            let operands = rest.trim_end_matches(" }").replace(": ", "=");
            (name.to_string(), operands)
        }
        None => (text, String::new()),
    }
}

fn comment(code: &CodeObject, insn: &Insn) -> String {
    let name = |i: u16| {
        code.names
            .get(i as usize)
            .map_or("?".to_string(), |s| s.to_string())
    };
    let local = |i: u16| {
        code.varnames
            .get(i as usize)
            .map_or("?".to_string(), |s| s.to_string())
    };
    let konst = |k: u32| {
        code.constants
            .get(k as usize)
            .map_or("?".to_string(), |c| c.to_string())
    };
    match *insn {
        Insn::LoadConst { k } => konst(k),
        Insn::LoadFast { slot } | Insn::StoreFast { slot } | Insn::DeleteFast { slot } => {
            local(slot)
        }
        Insn::LoadDeref { slot }
        | Insn::StoreDeref { slot }
        | Insn::DeleteDeref { slot }
        | Insn::LoadClassDeref { slot }
        | Insn::LoadClosure { slot } => code.cell_name(slot as usize).to_string(),
        Insn::LoadGlobal { name: n, .. }
        | Insn::StoreGlobal { name: n }
        | Insn::DeleteGlobal { name: n }
        | Insn::LoadName { name: n }
        | Insn::StoreName { name: n }
        | Insn::DeleteName { name: n }
        | Insn::LoadAttr { name: n, .. }
        | Insn::StoreAttr { name: n, .. }
        | Insn::DeleteAttr { name: n }
        | Insn::LoadMethod { name: n, .. }
        | Insn::ImportName { name: n }
        | Insn::ImportFrom { name: n } => name(n),
        Insn::CompareFastFastJump { a, b, op, target } => format!(
            "if not ({} {} {}) goto {target}",
            local(a as u16),
            op.symbol(),
            local(b as u16)
        ),
        Insn::CompareJump { op, target } => format!("if not (a {} b) goto {target}", op.symbol()),
        Insn::Compare { op } => op.symbol().to_string(),
        Insn::BinaryOp { op } => op.symbol().to_string(),
        Insn::InplaceOp { op } => format!("{}=", op.symbol()),
        Insn::CallKw { names, .. } | Insn::CallMethodKw { names, .. } => konst(names),
        Insn::MakeFunction { code: k, .. } => konst(k),
        _ => match insn.target() {
            Some(t) => format!("to {t}"),
            None => String::new(),
        },
    }
}

//! A `luac -l -l` style listing of compiled functions, for debugging and for compiler tests.
//!
//! Each function prints a header, one line per instruction (`pc [line] NAME operands ; note`,
//! with pcs counted from 0 like our jump targets), then its constants, locals and upvalues;
//! nested functions follow their parent. Operands are printed in the order of the `Insn`
//! fields; notes name constants, upvalues and jump targets. The format is for people and
//! golden tests; nothing parses it back.

use std::fmt::Write;

use crate::bytecode::{ArithOp, Constant, Insn, MULTRET, Proto};

/// Disassembles `proto` and, after it, every nested function (depth first).
pub fn disassemble(proto: &Proto) -> String {
    let mut out = String::new();
    print_function(&mut out, proto, true);
    out
}

fn print_function(out: &mut String, proto: &Proto, is_main: bool) {
    let kind = if is_main { "main" } else { "function" };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "{kind} <{}:{},{}> ({})",
        proto.source,
        proto.line_defined,
        proto.last_line_defined,
        plural(proto.code.len(), "instruction")
    );
    let _ = writeln!(
        out,
        "{}{} params, {}, {}, {}, {}, {}",
        proto.num_params,
        if proto.is_vararg { "+" } else { "" },
        plural(usize::from(proto.max_stack), "slot"),
        plural(proto.upvalues.len(), "upvalue"),
        plural(proto.locvars.len(), "local"),
        plural(proto.constants.len(), "constant"),
        plural(proto.protos.len(), "function")
    );
    for (pc, insn) in proto.code.iter().enumerate() {
        let (operands, note) = describe(proto, insn);
        let mut line = format!(
            "\t{pc}\t[{}]\t{:<10}\t{operands}",
            proto.line(pc),
            mnemonic(insn)
        );
        if !note.is_empty() {
            let _ = write!(line, "\t; {note}");
        }
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "constants ({}):", proto.constants.len());
    for (i, k) in proto.constants.iter().enumerate() {
        let tag = match k {
            Constant::Nil => "N",
            Constant::Bool(_) => "B",
            Constant::Int(_) => "I",
            Constant::Float(_) => "F",
            Constant::Str(_) => "S",
        };
        let _ = writeln!(out, "\t{i}\t{tag}\t{}", constant(k));
    }
    let _ = writeln!(out, "locals ({}):", proto.locvars.len());
    for (i, var) in proto.locvars.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{i}\t{}\tR{}\t{}\t{}",
            var.name, var.reg, var.start_pc, var.end_pc
        );
    }
    let _ = writeln!(out, "upvalues ({}):", proto.upvalues.len());
    for (i, up) in proto.upvalues.iter().enumerate() {
        let _ = writeln!(
            out,
            "\t{i}\t{}\t{}\t{}",
            up.name,
            u8::from(up.in_stack),
            up.index
        );
    }
    for child in &proto.protos {
        let _ = writeln!(out);
        print_function(out, child, false);
    }
}

fn arith_name(op: ArithOp) -> &'static str {
    match op {
        ArithOp::Add => "ADD",
        ArithOp::Sub => "SUB",
        ArithOp::Mul => "MUL",
        ArithOp::Mod => "MOD",
        ArithOp::Pow => "POW",
        ArithOp::Div => "DIV",
        ArithOp::IDiv => "IDIV",
        ArithOp::BAnd => "BAND",
        ArithOp::BOr => "BOR",
        ArithOp::BXor => "BXOR",
        ArithOp::Shl => "SHL",
        ArithOp::Shr => "SHR",
    }
}

/// The printed name: Lua's (`ADDK`, `SHRI`) for the arithmetic family, `Insn::opname` otherwise.
fn mnemonic(insn: &Insn) -> String {
    match insn {
        Insn::Arith { op, .. } => arith_name(*op).to_string(),
        Insn::ArithK { op, .. } => format!("{}K", arith_name(*op)),
        Insn::ArithI { op, .. } => format!("{}I", arith_name(*op)),
        _ => insn.opname().to_string(),
    }
}

fn count(n: u8) -> String {
    if n == MULTRET {
        "*".to_string()
    } else {
        n.to_string()
    }
}

fn flag(b: bool) -> u8 {
    u8::from(b)
}

/// Operands and a note for one instruction.
fn describe(proto: &Proto, insn: &Insn) -> (String, String) {
    let k = |index: u32| match proto.constants.get(index as usize) {
        Some(value) => constant(value),
        None => "?".to_string(),
    };
    let up = |index: u8| match proto.upvalues.get(usize::from(index)) {
        Some(desc) => desc.name.to_string(),
        None => "?".to_string(),
    };
    let to = |target: u32| format!("to {target}");
    match *insn {
        Insn::Move { a, b } => (format!("{a} {b}"), String::new()),
        Insn::LoadI { a, i } => (format!("{a} {i}"), String::new()),
        Insn::LoadF { a, f } => (format!("{a} {f}"), String::new()),
        Insn::LoadK { a, k: index } => (format!("{a} {index}"), k(index)),
        Insn::LoadFalse { a } | Insn::LoadFalseSkip { a } | Insn::LoadTrue { a } => {
            (format!("{a}"), String::new())
        }
        Insn::LoadNil { a, n } => (format!("{a} {n}"), format!("{n} out")),
        Insn::GetUpval { a, up: u } => (format!("{a} {u}"), up(u)),
        Insn::SetUpval { up: u, src } => (format!("{u} {src}"), up(u)),
        Insn::GetTabUp { a, up: u, key } => {
            (format!("{a} {u} {key}"), format!("{} {}", up(u), k(key)))
        }
        Insn::GetTable { a, t, key } => (format!("{a} {t} {key}"), String::new()),
        Insn::GetI { a, t, i } => (format!("{a} {t} {i}"), String::new()),
        Insn::GetField { a, t, key } => (format!("{a} {t} {key}"), k(key)),
        Insn::SetTabUp { up: u, key, src } => {
            (format!("{u} {key} {src}"), format!("{} {}", up(u), k(key)))
        }
        Insn::SetTabUpK {
            up: u,
            key,
            k: value,
        } => (
            format!("{u} {key} {value}"),
            format!("{} {} {}", up(u), k(u32::from(key)), k(u32::from(value))),
        ),
        Insn::SetTable { t, key, src } => (format!("{t} {key} {src}"), String::new()),
        Insn::SetTableK { t, key, k: value } => (format!("{t} {key} {value}"), k(u32::from(value))),
        Insn::SetI { t, i, src } => (format!("{t} {i} {src}"), String::new()),
        Insn::SetIK { t, i, k: value } => (format!("{t} {i} {value}"), k(u32::from(value))),
        Insn::SetField { t, key, src } => (format!("{t} {key} {src}"), k(key)),
        Insn::SetFieldK { t, key, k: value } => (
            format!("{t} {key} {value}"),
            format!("{} {}", k(u32::from(key)), k(u32::from(value))),
        ),
        Insn::NewTable { a, hash, array } => (format!("{a} {hash} {array}"), String::new()),
        Insn::SelfK { a, obj, key } => (format!("{a} {obj} {key}"), k(key)),
        Insn::Arith { a, b, c, .. } => (format!("{a} {b} {c}"), String::new()),
        Insn::ArithK {
            a,
            b,
            k: index,
            k_left,
            ..
        } => {
            let side = if k_left { " (left operand)" } else { "" };
            (
                format!("{a} {b} {index}"),
                format!("{}{side}", k(u32::from(index))),
            )
        }
        Insn::ArithI {
            a,
            b,
            imm,
            imm_left,
            ..
        } => {
            let note = if imm_left { "left operand" } else { "" };
            (format!("{a} {b} {imm}"), note.to_string())
        }
        Insn::Unm { a, b } | Insn::BNot { a, b } | Insn::Not { a, b } | Insn::Len { a, b } => {
            (format!("{a} {b}"), String::new())
        }
        Insn::Concat { a, n } => (format!("{a} {n}"), String::new()),
        Insn::Close { a } | Insn::Tbc { a } => (format!("{a}"), String::new()),
        Insn::Jmp { target } => (format!("{target}"), to(target)),
        Insn::Eq {
            a,
            b,
            jump_if,
            target,
        }
        | Insn::Lt {
            a,
            b,
            jump_if,
            target,
        }
        | Insn::Le {
            a,
            b,
            jump_if,
            target,
        } => (format!("{a} {b} {}", flag(jump_if)), to(target)),
        Insn::EqK {
            a,
            k: index,
            jump_if,
            target,
        } => (
            format!("{a} {index} {}", flag(jump_if)),
            format!("{} {}", k(u32::from(index)), to(target)),
        ),
        Insn::EqI {
            a,
            imm,
            jump_if,
            target,
        }
        | Insn::LtI {
            a,
            imm,
            jump_if,
            target,
        }
        | Insn::LeI {
            a,
            imm,
            jump_if,
            target,
        }
        | Insn::GtI {
            a,
            imm,
            jump_if,
            target,
        }
        | Insn::GeI {
            a,
            imm,
            jump_if,
            target,
        } => (format!("{a} {imm} {}", flag(jump_if)), to(target)),
        Insn::Test { a, jump_if, target } => (format!("{a} {}", flag(jump_if)), to(target)),
        Insn::TestSet {
            a,
            b,
            jump_if,
            target,
        } => (format!("{a} {b} {}", flag(jump_if)), to(target)),
        Insn::Call {
            func,
            nargs,
            nresults,
        } => (
            format!("{func} {} {}", count(nargs), count(nresults)),
            format!("{} in {} out", count(nargs), count(nresults)),
        ),
        Insn::TailCall { func, nargs, close } => (
            format!("{func} {} {}", count(nargs), flag(close)),
            String::new(),
        ),
        Insn::Return { a, n, close } => {
            (format!("{a} {} {}", count(n), flag(close)), String::new())
        }
        Insn::Return0 => (String::new(), String::new()),
        Insn::Return1 { a } => (format!("{a}"), String::new()),
        Insn::ForPrep { a, exit } => (format!("{a} {exit}"), format!("exit {}", to(exit))),
        Insn::ForLoop { a, body } | Insn::TForLoop { a, body } => (format!("{a} {body}"), to(body)),
        Insn::TForPrep { a, call } => (format!("{a} {call}"), to(call)),
        Insn::TForCall { a, n } => (format!("{a} {n}"), String::new()),
        Insn::SetList { t, n, first } => (format!("{t} {} {first}", count(n)), String::new()),
        Insn::Closure { a, proto: index } => {
            let note = match proto.protos.get(index as usize) {
                Some(child) => format!(
                    "function <{}:{},{}>",
                    child.source, child.line_defined, child.last_line_defined
                ),
                None => "?".to_string(),
            };
            (format!("{a} {index}"), note)
        }
        Insn::VarArg { a, n } => (format!("{a} {}", count(n)), String::new()),
        Insn::VarArgPrep { nparams } => (format!("{nparams}"), String::new()),
    }
}

/// A constant as Lua source would write it.
fn constant(k: &Constant) -> String {
    match k {
        Constant::Nil => "nil".to_string(),
        Constant::Bool(b) => b.to_string(),
        Constant::Int(i) => i.to_string(),
        Constant::Float(f) => float_g14(*f),
        Constant::Str(s) => quote(s),
    }
}

fn quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &c in s {
        match c {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\{c}");
            }
        }
    }
    out.push('"');
    out
}

/// A float as Lua prints it (`%.14g`, plus `.0` when that looks like an integer).
fn float_g14(f: f64) -> String {
    if f.is_nan() {
        return if f.is_sign_negative() { "-nan" } else { "nan" }.to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let scientific = format!("{f:.13e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let mut text = if !(-4..14).contains(&exponent) {
        let mantissa = trim_fraction(mantissa);
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{mantissa}e{sign}{:02}", exponent.abs())
    } else {
        let decimals = (13 - exponent).max(0) as usize;
        trim_fraction(&format!("{f:.decimals$}")).to_string()
    };
    if text.bytes().all(|c| c == b'-' || c.is_ascii_digit()) {
        text.push_str(".0");
    }
    text
}

fn trim_fraction(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

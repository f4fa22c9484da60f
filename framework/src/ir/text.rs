//! The text form of traces: `print` and `parse`, which round-trip.
//!
//! ```text
//! [i0, p1]
//! i2 = int_add(i0, 1)
//! guard_true(i2) [pc=3; 0=i0, 1=i2]
//! i3 = getfield_i(p1, #8)
//! i4 = call[helper](i3)
//! jump(i0, i4)
//! ```
//!
//! Values are a type letter and a number (`i` int, `f` float, `p` ref); numbers are kept as they
//! are, gaps included, so `print(parse(s)) == s` for printed traces. Constants are written inline:
//! integers in decimal, floats always with a `.`, an exponent, `inf` or `NaN`, refs in hex.
//! Immediates are `#n`; call descriptors are `[name]`. A guard's snapshot follows it in brackets:
//! `pc=N` (and `, base=B` inside inlined calls), then `slot=value` pairs, then removed allocations as `p9=new(#16)[alloc]{0=i2, 8=3}`.
//! Lines starting with `#` are comments.

use std::collections::HashMap;
use std::fmt::Write;
use std::rc::Rc;

use super::{
    CallDescr, Const, DescrId, Effect, Inst, OpRef, Opcode, Snapshot, Trace, Type, Virtual,
};

/// Prints `trace` in the text form.
pub fn print(trace: &Trace) -> String {
    let mut out = String::new();
    out.push('[');
    for (idx, input) in trace.inputs.iter().enumerate() {
        if idx > 0 {
            out.push_str(", ");
        }
        out.push_str(&value_name(trace, *input));
    }
    out.push_str("]\n");
    for inst in &trace.ops {
        print_inst(trace, inst, &mut out);
        out.push('\n');
    }
    out
}

/// Prints one op without a newline.
pub fn print_inst(trace: &Trace, inst: &Inst, out: &mut String) {
    if let Some(res) = inst.res {
        let _ = write!(out, "{} = ", value_name(trace, res));
    }
    out.push_str(inst.opcode.name());
    if inst.opcode == Opcode::New {
        let _ = write!(out, "(#{})", inst.imm);
        if let Some(d) = inst.descr {
            let _ = write!(out, "[{}]", trace.descr(d).name);
        }
    } else {
        if let Some(d) = inst.descr {
            let _ = write!(out, "[{}]", trace.descr(d).name);
        }
        out.push('(');
        let mut first = true;
        for arg in &inst.args {
            if !first {
                out.push_str(", ");
            }
            first = false;
            out.push_str(&value_name(trace, *arg));
        }
        if inst.opcode.has_imm() {
            if !first {
                out.push_str(", ");
            }
            let _ = write!(out, "#{}", inst.imm);
        }
        out.push(')');
    }
    if let Some(s) = inst.snapshot {
        out.push(' ');
        print_snapshot(trace, trace.snapshot(s), out);
    }
}

fn print_snapshot(trace: &Trace, snapshot: &Snapshot, out: &mut String) {
    let _ = write!(out, "[pc={}", snapshot.pc);
    if snapshot.base != 0 {
        let _ = write!(out, ", base={}", snapshot.base);
    }
    if !snapshot.slots.is_empty() {
        out.push(';');
        for (idx, (slot, value)) in snapshot.slots.iter().enumerate() {
            out.push_str(if idx == 0 { " " } else { ", " });
            let _ = write!(out, "{}={}", slot, value_name(trace, *value));
        }
    }
    for v in &snapshot.virtuals {
        let _ = write!(
            out,
            "; {}=new(#{})[{}]{{",
            value_name(trace, v.id),
            v.size,
            trace.descr(v.alloc).name
        );
        for (idx, (offset, value)) in v.fields.iter().enumerate() {
            if idx > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "{}={}", offset, value_name(trace, *value));
        }
        out.push('}');
    }
    out.push(']');
}

/// The text name of a value or constant.
pub fn value_name(trace: &Trace, r: OpRef) -> String {
    match trace.as_const(r) {
        Some(Const::Int(v)) => v.to_string(),
        Some(Const::Float(v)) => {
            let s = format!("{v:?}");
            if s.contains(['.', 'e', 'E', 'i', 'N']) {
                s
            } else {
                format!("{s}.0")
            }
        }
        Some(Const::Ref(v)) => format!("{v:#x}"),
        None => format!("{}{}", trace.type_of(r).letter(), r.0),
    }
}

/// A parse error with the 1-based line it happened on.
#[derive(Debug, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Resolves a descriptor name to a descriptor; `None` makes the parser invent one from the call site.
pub type DescrResolver<'a> = &'a dyn Fn(&str) -> Option<Rc<CallDescr>>;

/// Parses a trace; descriptors are invented from their call sites (address 0).
pub fn parse(text: &str) -> Result<Trace, ParseError> {
    parse_with(text, &|_| None)
}

/// Parses a trace, looking descriptor names up with `resolve` first.
pub fn parse_with(text: &str, resolve: DescrResolver<'_>) -> Result<Trace, ParseError> {
    let mut parser = Parser {
        trace: Trace::new(),
        names: HashMap::new(),
        resolve,
        line: 0,
    };
    let mut saw_header = false;
    for (idx, raw) in text.lines().enumerate() {
        parser.line = idx + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !saw_header {
            parser.header(line)?;
            saw_header = true;
        } else {
            parser.inst(line)?;
        }
    }
    if !saw_header {
        return Err(ParseError {
            line: 0,
            message: "missing input list `[...]`".into(),
        });
    }
    Ok(parser.trace)
}

struct Parser<'a> {
    trace: Trace,
    names: HashMap<u32, OpRef>,
    resolve: DescrResolver<'a>,
    line: usize,
}

impl Parser<'_> {
    fn err<T>(&self, message: impl Into<String>) -> Result<T, ParseError> {
        Err(ParseError {
            line: self.line,
            message: message.into(),
        })
    }

    fn header(&mut self, line: &str) -> Result<(), ParseError> {
        let Some(inner) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) else {
            return self.err("expected the input list `[i0, f1, ...]`");
        };
        for name in split_top(inner, ',') {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let r = self.define(name)?;
            self.trace.inputs.push(r);
        }
        Ok(())
    }

    /// Defines a value named like `i3`, keeping its number.
    fn define(&mut self, name: &str) -> Result<OpRef, ParseError> {
        let (ty, num) = self.split_name(name)?;
        if self.names.contains_key(&num) {
            return self.err(format!("value {name} is defined twice"));
        }
        let idx = num as usize;
        if self.trace.types.len() <= idx {
            self.trace.types.resize(idx + 1, Type::Void);
        }
        self.trace.types[idx] = ty;
        let r = OpRef(num);
        self.names.insert(num, r);
        Ok(r)
    }

    fn split_name(&self, name: &str) -> Result<(Type, u32), ParseError> {
        let mut chars = name.chars();
        let ty = match chars.next() {
            Some('i') => Type::Int,
            Some('f') => Type::Float,
            Some('p') => Type::Ref,
            _ => return self.err(format!("bad value name `{name}`")),
        };
        match chars.as_str().parse::<u32>() {
            Ok(num) if num < (1 << 31) => Ok((ty, num)),
            _ => self.err(format!("bad value name `{name}`")),
        }
    }

    /// An operand: a defined value or a constant.
    fn operand(&mut self, tok: &str) -> Result<OpRef, ParseError> {
        let tok = tok.trim();
        if let Some(hex) = tok.strip_prefix("0x") {
            return match usize::from_str_radix(hex, 16) {
                Ok(v) => Ok(self.trace.constant(Const::Ref(v))),
                Err(_) => self.err(format!("bad ref constant `{tok}`")),
            };
        }
        let first = tok.chars().next().unwrap_or(' ');
        if first.is_ascii_digit() || first == '-' || tok == "inf" || tok == "NaN" {
            if let Ok(v) = tok.parse::<i64>() {
                return Ok(self.trace.constant(Const::Int(v)));
            }
            return match tok.parse::<f64>() {
                Ok(v) => Ok(self.trace.constant(Const::Float(v))),
                Err(_) => self.err(format!("bad constant `{tok}`")),
            };
        }
        let (ty, num) = self.split_name(tok)?;
        match self.names.get(&num) {
            Some(&r) if self.trace.types[r.index()] == ty => Ok(r),
            Some(_) => self.err(format!("`{tok}` used with the wrong type letter")),
            None => self.err(format!("`{tok}` used before it is defined")),
        }
    }

    fn inst(&mut self, line: &str) -> Result<(), ParseError> {
        let (res_name, rest) = match line.split_once(" = ") {
            Some((lhs, rhs)) if !lhs.contains('(') => (Some(lhs.trim()), rhs.trim()),
            _ => (None, line),
        };
        let name_end = rest.find(['(', '[']).unwrap_or(rest.len());
        let name = &rest[..name_end];
        let Some(opcode) = Opcode::from_name(name) else {
            return self.err(format!("unknown op `{name}`"));
        };
        let mut rest = &rest[name_end..];
        let mut descr_name = None;
        let mut imm = 0;
        let mut args = Vec::new();
        if opcode == Opcode::New {
            let Some(body) = rest.strip_prefix("(#") else {
                return self.err("expected `new(#size)`");
            };
            let Some((size, tail)) = body.split_once(')') else {
                return self.err("unclosed `(`");
            };
            imm = self.int(size)?;
            rest = tail;
            if let Some(tail) = rest.strip_prefix('[') {
                let Some((d, tail)) = tail.split_once(']') else {
                    return self.err("unclosed `[`");
                };
                descr_name = Some(d.to_string());
                rest = tail;
            }
        } else {
            if let Some(tail) = rest.strip_prefix('[') {
                let Some((d, tail)) = tail.split_once(']') else {
                    return self.err("unclosed `[`");
                };
                descr_name = Some(d.to_string());
                rest = tail;
            }
            let Some(body) = rest.strip_prefix('(') else {
                return self.err("expected `(`");
            };
            let Some(close) = body.find(')') else {
                return self.err("unclosed `(`");
            };
            for tok in split_top(&body[..close], ',') {
                let tok = tok.trim();
                if tok.is_empty() {
                    continue;
                }
                if let Some(n) = tok.strip_prefix('#') {
                    imm = self.int(n)?;
                } else {
                    args.push(self.operand(tok)?);
                }
            }
            rest = &body[close + 1..];
        }
        let rest = rest.trim();
        let snapshot = if let Some(snap) = rest.strip_prefix('[') {
            let Some(snap) = snap.strip_suffix(']') else {
                return self.err("unclosed snapshot `[`");
            };
            Some(self.snapshot(snap)?)
        } else if rest.is_empty() {
            None
        } else {
            return self.err(format!("unexpected `{rest}`"));
        };
        let descr = match descr_name {
            Some(d) => Some(self.descr(&d, opcode, &args, res_name)?),
            None => None,
        };
        let snapshot = snapshot.map(|s| self.trace.add_snapshot(s));
        let res = match res_name {
            Some(n) => Some(self.define(n)?),
            None => None,
        };
        self.trace.ops.push(Inst {
            opcode,
            args,
            res,
            imm,
            descr,
            snapshot,
        });
        Ok(())
    }

    fn int(&self, s: &str) -> Result<i64, ParseError> {
        match s.trim().parse() {
            Ok(v) => Ok(v),
            Err(_) => self.err(format!("bad immediate `{s}`")),
        }
    }

    fn descr(
        &mut self,
        name: &str,
        opcode: Opcode,
        args: &[OpRef],
        res: Option<&str>,
    ) -> Result<DescrId, ParseError> {
        if let Some(d) = self.trace.descrs.iter().position(|d| d.name == name) {
            return Ok(DescrId(d as u32));
        }
        let descr = match (self.resolve)(name) {
            Some(d) => d,
            None => {
                let ret = match res {
                    Some(n) => self.split_name(n)?.0,
                    None => Type::Void,
                };
                let effect = if opcode == Opcode::CallPure {
                    Effect::Pure
                } else {
                    Effect::Any
                };
                let args: Vec<Type> = args.iter().map(|a| self.trace.type_of(*a)).collect();
                Rc::new(CallDescr {
                    name: name.to_string().into(),
                    addr: 0,
                    args: args.into(),
                    ret,
                    effect,
                })
            }
        };
        Ok(self.trace.add_descr(descr))
    }

    fn snapshot(&mut self, text: &str) -> Result<Snapshot, ParseError> {
        let mut parts = split_top(text, ';').into_iter();
        let head = parts.next().unwrap_or("").trim();
        let (head, base) = match head.split_once(", base=") {
            Some((h, b)) => (h, self.int(b)? as i32),
            None => (head, 0),
        };
        let Some(pc) = head.strip_prefix("pc=") else {
            return self.err("snapshot must start with `pc=`");
        };
        let pc = self.int(pc)? as u32;
        let mut snapshot = Snapshot {
            pc,
            base,
            slots: Vec::new(),
            virtuals: Vec::new(),
        };
        for part in parts {
            let part = part.trim();
            if let Some((id, rest)) = part.split_once("=new(#") {
                // A virtual: `p9=new(#16)[alloc]{0=i2, 8=3}`.
                let Some((size, rest)) = rest.split_once(")[") else {
                    return self.err("bad virtual");
                };
                let Some((alloc, rest)) = rest.split_once("]{") else {
                    return self.err("bad virtual");
                };
                let Some(fields_text) = rest.strip_suffix('}') else {
                    return self.err("bad virtual");
                };
                let id = self.virtual_id(id.trim())?;
                let size = self.int(size)?;
                let alloc = self.descr(alloc, Opcode::New, &[], Some("p0"))?;
                let mut fields = Vec::new();
                for field in split_top(fields_text, ',') {
                    let Some((offset, value)) = field.split_once('=') else {
                        continue;
                    };
                    fields.push((self.int(offset)?, self.operand(value)?));
                }
                snapshot.virtuals.push(Virtual {
                    id,
                    size,
                    alloc,
                    fields,
                });
            } else {
                for pair in split_top(part, ',') {
                    let pair = pair.trim();
                    if pair.is_empty() {
                        continue;
                    }
                    let Some((slot, value)) = pair.split_once('=') else {
                        return self.err(format!("bad snapshot entry `{pair}`"));
                    };
                    let slot = self.int(slot)? as i32;
                    let value = self.virtual_or_operand(value.trim())?;
                    snapshot.slots.push((slot, value));
                }
            }
        }
        Ok(snapshot)
    }

    /// A virtual's id may be mentioned in slots before the virtual itself is listed.
    fn virtual_id(&mut self, name: &str) -> Result<OpRef, ParseError> {
        let (_, num) = self.split_name(name)?;
        match self.names.get(&num) {
            Some(&r) => Ok(r),
            None => self.define(name),
        }
    }

    fn virtual_or_operand(&mut self, tok: &str) -> Result<OpRef, ParseError> {
        if tok.starts_with('p')
            && let Ok((_, num)) = self.split_name(tok)
            && !self.names.contains_key(&num)
        {
            return self.define(tok);
        }
        self.operand(tok)
    }
}

/// Splits on `sep` outside brackets and braces.
fn split_top(text: &str, sep: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (idx, ch) in text.char_indices() {
        match ch {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&text[start..idx]);
                start = idx + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

//! `_pyvgc_re`: the regex engine behind the bundled `re.py` (the `regex` crate).
//!
//! `compile` translates Python syntax with `support::re_translate` and keeps the compiled
//! automata in `vm.module_state`; Python holds them by index. `search` runs one search in one of
//! three modes (search, match = anchored at `pos`, fullmatch = anchored at both ends) and returns
//! group spans in code points, as Python reports them. `match` relies on leftmost-first search:
//! if any match starts at `pos`, the leftmost match is one of those and the engine picks it in
//! Python's priority order. Python's `$` also matching before a final newline is handled by
//! searching the subject without that newline as well (see `re_translate`). The `must_advance`
//! rule for iterating after an empty match is approximated by restarting one character later,
//! which misses a lower-priority non-empty match at the same position (`re.findall('|a', 'a')`).
//!
//! Patterns the automaton cannot run (look-ahead, look-behind, backreferences) are compiled by
//! `support::re_backtrack` instead and matched by backtracking over the subject's characters.

use super::args;
use crate::runtime::Value;
use crate::runtime::ops;
use crate::runtime::vm::{PyResult, Vm};
use crate::support::re_backtrack;
use crate::support::re_translate::{ASCII, TemplatePiece, UNICODE, parse_template, translate};
use crate::support::{Error, ErrorKind};

const KEY: &str = "_pyvgc_re";

struct Compiled {
    engine: Engine,
    dollar: bool,
    groups: usize,
    names: Vec<(String, usize)>,
}

enum Engine {
    /// The `regex` crate: a search automaton and one anchored at the end (fullmatch).
    Automaton {
        search: regex::Regex,
        full: regex::Regex,
    },
    /// The backtracking matcher, for look-around and backreferences.
    Backtrack(re_backtrack::Program),
}

fn table(vm: &mut Vm) -> &mut Vec<Compiled> {
    let entry = vm
        .module_state
        .entry(KEY)
        .or_insert_with(|| Box::new(Vec::<Compiled>::new()));
    if entry.downcast_ref::<Vec<Compiled>>().is_none() {
        *entry = Box::new(Vec::<Compiled>::new());
    }
    entry
        .downcast_mut::<Vec<Compiled>>()
        .expect("regex table type checked above")
}

/// An error for re.py to raise: ("error" | "unsupported" | class name, message).
fn error_value(vm: &mut Vm, e: &Error) -> Value {
    let kind = match e.kind {
        ErrorKind::ReError => "error",
        ErrorKind::NotSupported => "unsupported",
        other => other.class_name(),
    };
    let k = vm.new_str(kind);
    let m = vm.new_str(&e.message);
    vm.new_tuple(vec![k, m])
}

fn r_compile(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "compile", a, kw, 2)?;
    let Some(pattern) = ops::as_str(a[0]) else {
        return Err(vm.type_error(
            "pyvgc's re supports str patterns only (bytes patterns are not supported)",
        ));
    };
    let flags = args::int(vm, a[1])? as u32;
    let t = match translate(pattern, flags) {
        Ok(t) => t,
        Err(e) if e.kind == ErrorKind::NotSupported => {
            // Look-around and backreferences: the backtracking matcher, if it can parse it.
            let prog = match re_backtrack::compile(pattern, flags) {
                Ok(prog) => prog,
                Err(be) if be.kind == ErrorKind::ReError => return Ok(error_value(vm, &be)),
                Err(_) => return Ok(error_value(vm, &e)),
            };
            let groups = prog.groups;
            let names = prog.names.clone();
            let py_flags = if prog_flags(&prog) & ASCII != 0 {
                prog_flags(&prog)
            } else {
                prog_flags(&prog) | UNICODE
            };
            let tbl = table(vm);
            tbl.push(Compiled {
                engine: Engine::Backtrack(prog),
                dollar: false,
                groups,
                names: names.clone(),
            });
            let handle = Value::int(tbl.len() as i64 - 1);
            return handle_tuple(vm, handle, groups, names, py_flags);
        }
        Err(e) => return Ok(error_value(vm, &e)),
    };
    let build = |src: &str| regex::RegexBuilder::new(src).size_limit(64 << 20).build();
    let (search, full) = match (build(&t.pattern), build(&format!("(?:{})\\z", t.pattern))) {
        (Ok(s), Ok(f)) => (s, f),
        (Err(e), _) | (_, Err(e)) => {
            let msg = format!(
                "pattern not supported by pyvgc's regex engine: {}",
                e.to_string().lines().last().unwrap_or("")
            );
            let err = Error::new(ErrorKind::NotSupported, msg);
            return Ok(error_value(vm, &err));
        }
    };
    let groups = t.groups;
    let names = t.group_names.clone();
    let tbl = table(vm);
    tbl.push(Compiled {
        engine: Engine::Automaton { search, full },
        dollar: t.dollar_before_final_newline,
        groups,
        names: names.clone(),
    });
    let handle = Value::int(tbl.len() as i64 - 1);
    handle_tuple(vm, handle, groups, names, t.flags)
}

fn prog_flags(p: &re_backtrack::Program) -> u32 {
    p.flags()
}

/// What `compile` returns to re.py: (handle, groups, groupindex, flags).
fn handle_tuple(
    vm: &mut Vm,
    handle: Value,
    groups: usize,
    names: Vec<(String, usize)>,
    flags: u32,
) -> PyResult<Value> {
    let d = vm.new_dict();
    if let Some(dict) = d.as_obj() {
        for (name, index) in names {
            let k = vm.new_string(name);
            ops::dict_set(vm, dict, k, Value::int(index as i64))?;
        }
    }
    Ok(vm.new_tuple(vec![
        handle,
        Value::int(groups as i64),
        d,
        Value::int(flags as i64),
    ]))
}

/// Code-point index ↔ byte offset conversion for one subject string.
struct Offsets<'a> {
    s: &'a str,
    ascii: bool,
    starts: Vec<usize>,
}

impl<'a> Offsets<'a> {
    fn new(s: &'a str) -> Offsets<'a> {
        let ascii = s.is_ascii();
        let starts = if ascii {
            Vec::new()
        } else {
            s.char_indices().map(|(b, _)| b).collect()
        };
        Offsets { s, ascii, starts }
    }
    fn len(&self) -> usize {
        if self.ascii {
            self.s.len()
        } else {
            self.starts.len()
        }
    }
    fn byte(&self, ci: usize) -> usize {
        if self.ascii {
            ci.min(self.s.len())
        } else {
            self.starts.get(ci).copied().unwrap_or(self.s.len())
        }
    }
    fn char(&self, b: usize) -> usize {
        if self.ascii {
            b
        } else {
            self.starts.partition_point(|&x| x < b)
        }
    }
}

fn clamp_index(i: i64, len: usize) -> usize {
    if i < 0 { 0 } else { (i as usize).min(len) }
}

/// Runs one search; returns byte spans of all groups.
fn run(c: &Compiled, hay: &str, pos: usize, mode: i64) -> Option<Vec<Option<(usize, usize)>>> {
    let Engine::Automaton { search, full } = &c.engine else {
        return None;
    };
    let re = if mode == 2 { full } else { search };
    let caps = re.captures_at(hay, pos)?;
    let m0 = caps.get(0)?;
    if mode != 0 && m0.start() != pos {
        return None;
    }
    Some(
        (0..=c.groups)
            .map(|i| caps.get(i).map(|m| (m.start(), m.end())))
            .collect(),
    )
}

fn r_search(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "search", a, kw, 6)?;
    let h = args::int(vm, a[0])?;
    let Some(s) = ops::as_str(a[1]) else {
        let t = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("expected string or bytes-like object, got '{t}'")));
    };
    let pos = args::int(vm, a[2])?;
    let endpos = args::int(vm, a[3])?;
    let mode = args::int(vm, a[4])?;
    let must_advance = ops::truthy(vm, a[5])?;
    let offsets = Offsets::new(s);
    let n = offsets.len();
    let pos_c = clamp_index(pos, n);
    let end_c = clamp_index(endpos, n).max(pos_c);
    let hay = &s[..offsets.byte(end_c)];
    let start = offsets.byte(pos_c);
    let tbl = table(vm);
    if h < 0 || h as usize >= tbl.len() {
        return Err(vm.value_error("invalid compiled pattern handle"));
    }
    let c = &tbl[h as usize];
    if let Engine::Backtrack(prog) = &c.engine {
        let chars: Vec<char> = s.chars().take(end_c).collect();
        let mut found = prog.run(&chars, pos_c, mode);
        if must_advance
            && let Ok(Some(spans)) = &found
            && spans[0] == Some((pos_c, pos_c))
        {
            found = if mode != 0 || pos_c >= chars.len() {
                Ok(None)
            } else {
                prog.run(&chars, pos_c + 1, mode)
            };
        }
        let spans = match found {
            Ok(Some(spans)) => spans,
            Ok(None) => return Ok(Value::NONE),
            Err(e) => return Err(vm.new_error("RuntimeError", e.message)),
        };
        let mut items = Vec::with_capacity(spans.len() * 2);
        for span in spans {
            let (a, b) = span.map_or((-1, -1), |(a, b)| (a as i64, b as i64));
            items.push(Value::int(a));
            items.push(Value::int(b));
        }
        return Ok(vm.new_list(items));
    }
    let mut found = run(c, hay, start, mode);
    if c.dollar && hay.ends_with('\n') {
        let shorter = &hay[..hay.len() - 1];
        if start <= shorter.len()
            && let Some(alt) = run(c, shorter, start, mode)
        {
            let better = match &found {
                None => true,
                Some(cur) => {
                    let (a0, b0) = cur[0].unwrap_or((usize::MAX, 0));
                    let (a1, b1) = alt[0].unwrap_or((usize::MAX, 0));
                    a1 < a0 || (a1 == a0 && b1 > b0)
                }
            };
            if better {
                found = Some(alt);
            }
        }
    }
    if must_advance
        && let Some(spans) = &found
        && spans[0] == Some((start, start))
    {
        // An empty match where the previous one ended: try again one character later.
        if mode != 0 || start >= hay.len() {
            return Ok(Value::NONE);
        }
        let next = start + hay[start..].chars().next().map_or(1, char::len_utf8);
        found = run(c, hay, next, mode);
    }
    let Some(spans) = found else {
        return Ok(Value::NONE);
    };
    let mut items = Vec::with_capacity(spans.len() * 2);
    for span in spans {
        match span {
            Some((a, b)) => {
                items.push(Value::int(offsets.char(a) as i64));
                items.push(Value::int(offsets.char(b) as i64));
            }
            None => {
                items.push(Value::int(-1));
                items.push(Value::int(-1));
            }
        }
    }
    Ok(vm.new_list(items))
}

fn r_template(vm: &mut Vm, a: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let a = args::exact(vm, "template", a, kw, 2)?;
    let h = args::int(vm, a[0])?;
    let Some(t) = ops::as_str(a[1]) else {
        let ty = ops::type_name(vm, a[1]);
        return Err(vm.type_error(format!("expected str instance, {ty} found")));
    };
    let tbl = table(vm);
    if h < 0 || h as usize >= tbl.len() {
        return Err(vm.value_error("invalid compiled pattern handle"));
    }
    let c = &tbl[h as usize];
    let (groups, names) = (c.groups, c.names.clone());
    match parse_template(t, groups, &names) {
        Ok(pieces) => {
            let mut items = Vec::with_capacity(pieces.len());
            for p in pieces {
                items.push(match p {
                    TemplatePiece::Literal(s) => vm.new_string(s),
                    TemplatePiece::Group(i) => Value::int(i as i64),
                });
            }
            Ok(vm.new_list(items))
        }
        Err(e) => Ok(error_value(vm, &e)),
    }
}

/// Builds the module.
pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_pyvgc_re");
    vm.module_add_fn(m, "compile", r_compile);
    vm.module_add_fn(m, "search", r_search);
    vm.module_add_fn(m, "template", r_template);
    Ok(m)
}

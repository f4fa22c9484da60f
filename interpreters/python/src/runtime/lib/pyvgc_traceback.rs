//! The native half of `traceback`: `_pyvgc_traceback.format(exc)` renders an exception with its
//! chain (`__cause__`, `__context__`) and traceback entries as CPython 3.11 prints them.
//!
//! The bundled `traceback.py` builds the public functions (`format_exc`, `print_exc`,
//! `format_exception`, ...) on it. Like pyvgc's uncaught-exception printer, it does not print
//! CPython 3.11's `^^^^` position markers. `exc.__traceback__`, `sys.exc_info()[2]` and
//! `with_traceback` go through [`traceback_of`] and [`with_traceback`], which convert the
//! exception's entries to and from the traceback objects of the bundled `_pyvgc_tbtypes`; the
//! formatting functions take their entries from the exception itself (a `tb` argument that is
//! not the exception's own traceback is ignored).

use std::collections::HashMap;

use crate::runtime::object::Kind;
use crate::runtime::ops;
use crate::runtime::value::Value;
use crate::runtime::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_pyvgc_traceback");
    vm.module_add_fn(m, "format", tb_format);
    vm.module_add_fn(m, "format_only", tb_format_only);
    vm.module_add_fn(m, "source_line", tb_source_line);
    Ok(m)
}

/// `_pyvgc_traceback.source_line(filename, lineno)`: the stripped source line, or None.
fn tb_source_line(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (Some(file), Some(line)) = (
        args.first().and_then(|v| ops::as_str(*v)),
        args.get(1).and_then(|v| ops::as_i64(*v)),
    ) else {
        return Ok(Value::NONE);
    };
    let mut sources = HashMap::new();
    match u32::try_from(line)
        .ok()
        .and_then(|l| source_line(&mut sources, file, l))
    {
        Some(text) => Ok(vm.new_string(text)),
        None => Ok(Value::NONE),
    }
}

/// A function of the bundled `_pyvgc_tbtypes`.
fn tbtypes_fn(vm: &mut Vm, name: &str) -> PyResult<Value> {
    let globals = vm.builtins;
    let m = crate::runtime::import::import_name(vm, "_pyvgc_tbtypes", globals, Value::NONE, 0)?;
    crate::runtime::import::import_from(vm, m, name)
}

/// `exc.__traceback__`: a chain of traceback objects built from the exception's entries, or None
/// for an exception that was never raised (or whose traceback was cleared).
pub fn traceback_of(vm: &mut Vm, exc: Value) -> PyResult<Value> {
    let entries = match Vm::obj_ref(exc).map(|o| &o.kind) {
        Some(Kind::Instance(i)) => i.tb.borrow().clone(),
        _ => return Ok(Value::NONE),
    };
    if entries.is_empty() {
        return Ok(Value::NONE);
    }
    // The entries are innermost first; a traceback chain starts at the outermost frame.
    let mut items = Vec::with_capacity(entries.len());
    for en in entries.iter().rev() {
        let f = vm.new_str(&en.filename);
        let n = vm.new_str(&en.name);
        items.push(vm.new_tuple(vec![f, Value::int(i64::from(en.line)), n]));
    }
    let list = vm.new_list(items);
    let make = tbtypes_fn(vm, "make")?;
    ops::call(vm, make, &[list], &[])
}

/// `sys._getframe(depth=0)`: a snapshot of the running frames as `_pyvgc_tbtypes.frame` objects,
/// the frame `depth` calls below the caller's, linked through `f_back`.
pub fn getframe(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "_getframe expected at most 1 argument, got {}",
            args.len()
        )));
    }
    let depth = match args.first() {
        Some(d) => ops::index_i64(vm, *d)?,
        None => 0,
    };
    let n = vm.frames.len() as i64;
    if depth < 0 || depth >= n {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    let upto = (n - depth) as usize;
    let mut rows = Vec::with_capacity(upto);
    for fr in &vm.frames[..upto] {
        let Kind::Code(rt) = &fr.code.kind else {
            continue;
        };
        let line = rt.code.line_table.line(fr.pc);
        rows.push((
            rt.filename.clone(),
            line,
            rt.name.clone(),
            fr.globals,
            fr.locals,
        ));
    }
    let mut items = Vec::with_capacity(rows.len());
    for (file, line, name, globals, locals) in rows {
        let f = vm.new_str(&file);
        let nm = vm.new_str(&name);
        items.push(vm.new_tuple(vec![
            f,
            Value::int(i64::from(line)),
            nm,
            Value::obj(globals),
            locals,
        ]));
    }
    let list = vm.new_list(items);
    let stack = tbtypes_fn(vm, "stack")?;
    ops::call(vm, stack, &[list], &[])
}

/// `BaseException.with_traceback(tb)`: replaces the exception's entries with those of `tb` (a
/// traceback object or None) and returns the exception.
pub fn with_traceback(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (Some(&exc), Some(&tb)) = (args.first(), args.get(1)) else {
        return Err(vm.type_error("with_traceback() takes exactly one argument"));
    };
    let mut entries = Vec::new();
    if !tb.is_none() {
        let of = tbtypes_fn(vm, "entries")?;
        let list = ops::call(vm, of, &[tb], &[])?;
        for item in ops::collect(vm, list)? {
            let parts = ops::collect(vm, item)?;
            let (Some(f), Some(l), Some(n)) = (
                parts.first().and_then(|v| ops::as_str(*v)),
                parts.get(1).and_then(|v| ops::as_i64(*v)),
                parts.get(2).and_then(|v| ops::as_str(*v)),
            ) else {
                return Err(vm.type_error("__traceback__ must be a traceback or None"));
            };
            entries.push(crate::runtime::object::TbEntry {
                filename: f.into(),
                line: u32::try_from(l).unwrap_or(0),
                name: n.into(),
            });
        }
        entries.reverse();
    }
    if let Some(Kind::Instance(i)) = Vm::obj_ref(exc).map(|o| &o.kind) {
        *i.tb.borrow_mut() = entries;
    }
    Ok(exc)
}

fn exc_arg(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    let Some(&e) = args.first() else {
        return Err(vm.type_error("format() takes exactly one argument (0 given)"));
    };
    Ok(e)
}

fn tb_format(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let e = exc_arg(vm, args)?;
    let out = format_exception(vm, e);
    Ok(vm.new_string(out))
}

fn tb_format_only(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let e = exc_arg(vm, args)?;
    let mut s = crate::runtime::builtins::exc_display_line(vm, e);
    s.push('\n');
    Ok(vm.new_string(s))
}

/// Line `line` of `file`, stripped, cached per file.
fn source_line(
    sources: &mut HashMap<String, Option<Vec<String>>>,
    file: &str,
    line: u32,
) -> Option<String> {
    let lines = sources.entry(file.to_string()).or_insert_with(|| {
        std::fs::read_to_string(file)
            .ok()
            .map(|s| s.lines().map(String::from).collect())
    });
    lines
        .as_ref()?
        .get(line.checked_sub(1)? as usize)
        .map(|l| l.trim().to_string())
}

/// The text CPython prints for an uncaught exception `e`: the chain of causes and contexts, each
/// traceback (runs of one line collapsed after three) and the final `Type: message` line. The CLI
/// prints this for an uncaught exception; `traceback.format_exc` and friends return it.
pub fn format_exception(vm: &mut Vm, e: Value) -> String {
    let mut out = String::new();
    let mut sources = HashMap::new();
    render(vm, e, &mut out, &mut sources, 0);
    out
}

fn render(
    vm: &mut Vm,
    e: Value,
    out: &mut String,
    sources: &mut HashMap<String, Option<Vec<String>>>,
    depth: usize,
) {
    let Some(o) = Vm::obj_ref(e) else {
        return;
    };
    if depth < 50 {
        let cause = ops::get_instance_attr(o, "__cause__").filter(|c| !c.is_none());
        let context = ops::get_instance_attr(o, "__context__").filter(|c| !c.is_none());
        let suppress = ops::get_instance_attr(o, "__suppress_context__")
            .is_some_and(|s| s.tag == crate::runtime::value::TRUE);
        if let Some(c) = cause {
            render(vm, c, out, sources, depth + 1);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if let Some(c) = context
            && !suppress
        {
            render(vm, c, out, sources, depth + 1);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    let tb = match &o.kind {
        Kind::Instance(i) => i.tb.borrow().clone(),
        _ => vec![],
    };
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        let entries: Vec<_> = tb.iter().rev().collect();
        let mut i = 0;
        while i < entries.len() {
            let en = entries[i];
            let mut run = 1;
            while i + run < entries.len() {
                let x = entries[i + run];
                if x.filename == en.filename && x.line == en.line && x.name == en.name {
                    run += 1;
                } else {
                    break;
                }
            }
            for _ in 0..run.min(3) {
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    en.filename, en.line, en.name
                ));
                if let Some(l) = source_line(sources, &en.filename, en.line)
                    && !l.is_empty()
                {
                    out.push_str(&format!("    {l}\n"));
                }
            }
            if run > 3 {
                let n = run - 3;
                out.push_str(&format!(
                    "  [Previous line repeated {n} more time{}]\n",
                    if n == 1 { "" } else { "s" }
                ));
            }
            i += run;
        }
    }
    // A SyntaxError raised by compiling source carries CPython's rendering of its last lines.
    if let Some(r) = ops::get_instance_attr(o, "_pyvgc_rendered").and_then(ops::as_str) {
        out.push_str(r);
        return;
    }
    out.push_str(&crate::runtime::builtins::exc_display_line(vm, e));
    out.push('\n');
    // Notes added with `add_note` (3.11) follow the exception line, one per line.
    if let Some(notes) = ops::get_instance_attr(o, "__notes__")
        && let Ok(items) = ops::collect(vm, notes)
    {
        for n in items {
            if let Some(t) = ops::as_str(n) {
                out.push_str(t);
                out.push('\n');
            }
        }
    }
}

/// `BaseException.add_note(note)` (3.11): appends the string `note` to the exception's
/// `__notes__` list, creating it on first use.
pub fn add_note(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let (Some(&exc), Some(&note), 2) = (args.first(), args.get(1), args.len()) else {
        return Err(vm.type_error("BaseException.add_note() takes exactly one argument"));
    };
    if ops::as_str(note).is_none() {
        let tn = ops::type_name(vm, note);
        return Err(vm.type_error(format!("note must be a str, not '{tn}'")));
    }
    let Some(o) = exc.as_obj() else {
        return Err(vm.type_error("add_note() needs an exception"));
    };
    let notes = match Vm::obj_ref(exc).and_then(|r| ops::get_instance_attr(r, "__notes__")) {
        Some(l) => l,
        None => {
            let l = vm.new_list(vec![]);
            let n = vm.intern("__notes__");
            ops::set_instance_attr(o, n, l);
            l
        }
    };
    ops::call_method(vm, notes, "append", &[note])?;
    Ok(Value::NONE)
}

//! `_pyvgc_inspect`: the facts about functions and generators the bundled `inspect.py` needs.
//!
//! pyvgc's code objects do not expose CPython's `co_*` attributes and generators have no
//! `gi_frame`, so `inspect` asks here: `code_info(f)` gives a Python function's parameter layout
//! and `gen_state(g)` a generator's state name. Frames and source positions are not exposed.

use crate::runtime::Value;
use crate::runtime::object::Kind;
use crate::runtime::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) -> PyResult<Value> {
    let m = vm.new_module("_pyvgc_inspect");
    vm.module_add_fn(m, "code_info", code_info);
    vm.module_add_fn(m, "gen_state", gen_state);
    Ok(m)
}

/// `code_info(f)`: `(params, argcount, posonlyargcount, kwonlyargcount, flags, name, filename,
/// first_line)` of a Python function (`params` are the parameter names in slot order: positional,
/// keyword-only, `*args`, `**kwargs`), or None for anything else.
fn code_info(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(&f) = args.first() else {
        return Err(vm.type_error("code_info() takes exactly one argument (0 given)"));
    };
    let Some(Kind::Function(func)) = Vm::obj_ref(f).map(|o| &o.kind) else {
        return Ok(Value::NONE);
    };
    let Some(Kind::Code(code)) = Vm::obj_ref(Value::obj(func.code)).map(|o| &o.kind) else {
        return Ok(Value::NONE);
    };
    let co = code.code.clone();
    let flags = co.flags;
    let nparams = co.argcount as usize
        + co.kwonlyargcount as usize
        + usize::from(flags & crate::bytecode::flags::VARARGS != 0)
        + usize::from(flags & crate::bytecode::flags::VARKEYWORDS != 0);
    let mut names = Vec::with_capacity(nparams);
    for n in co.varnames.iter().take(nparams) {
        names.push(vm.new_str(n));
    }
    let names = vm.new_tuple(names);
    let name = vm.new_str(&co.name);
    let filename = vm.new_str(&co.filename);
    Ok(vm.new_tuple(vec![
        names,
        Value::int(i64::from(co.argcount)),
        Value::int(i64::from(co.posonlyargcount)),
        Value::int(i64::from(co.kwonlyargcount)),
        Value::int(i64::from(flags)),
        name,
        filename,
        Value::int(i64::from(co.first_line)),
    ]))
}

/// `gen_state(g)`: `'GEN_CREATED'`, `'GEN_RUNNING'`, `'GEN_SUSPENDED'` or `'GEN_CLOSED'`, or None
/// when `g` is not a generator.
fn gen_state(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult<Value> {
    let Some(&g) = args.first() else {
        return Err(vm.type_error("gen_state() takes exactly one argument (0 given)"));
    };
    let Some(Kind::Generator(st)) = Vm::obj_ref(g).map(|o| &o.kind) else {
        return Ok(Value::NONE);
    };
    // The state is mutably borrowed while the generator's body runs.
    let name = match st.try_borrow() {
        Err(_) => "GEN_RUNNING",
        Ok(st) => {
            if st.running {
                "GEN_RUNNING"
            } else if st.finished {
                "GEN_CLOSED"
            } else if st.started {
                "GEN_SUSPENDED"
            } else {
                "GEN_CREATED"
            }
        }
    };
    Ok(vm.new_str(name))
}

//! The interpreter loop: runs frames of bytecode on the VM's value stack.
//!
//! Python calls do not nest Rust calls: a call of a Python function pushes a `Frame` whose locals,
//! cells and evaluation stack sit above the caller's on `Vm::stack`, and the loop continues in
//! the callee, so recursion depth is bounded by `sys.getrecursionlimit()` and memory, not by the
//! native stack. A class call runs a Python `__init__` in the loop too, and a `for` over a
//! generator resumes the generator's frame in the loop. Native code that calls Python (a `key=`
//! function, `__eq__`) runs a nested loop for that one frame, as do `next`, `send` and `yield
//! from` on generators. Exceptions unwind through the code object's exception table; every frame
//! an exception leaves adds a traceback entry.
//!
//! The handlers are generic over the metatrace mode: `run_mode::<Concrete>` interprets,
//! `run_mode::<Recording>` records a trace with the same code. The plain interpreter keeps inline
//! caches for attribute and global loads (valid while the class epoch, resp. the globals' entry,
//! is unchanged); recording does not use them and records the full lookups as residual calls.
//! What it deliberately does not do yet: inline Python calls into traces (a call is one residual
//! call running the callee to its return).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use metatrace::{
    AbortReason, Backedge, Concrete, Float, GreenKey, Int, Jit, JitCtxHeader, Mode, RecordStep,
    Recording,
};
use vgc::Gc;

use super::jit;
use super::object::{
    AttrCache, AttrHit, AttrSite, CodeRt, Function, GenState, GlobalCache, Kind, Layout, Obj,
    Shape, TbEntry, class_epoch,
};
use super::ops::{self, as_str};
use super::types::iter::IterState;
use super::value::{self, Value};
use super::vm::{Frame, PyErr, PyResult, Vm};
use crate::bytecode::{BinOp, CmpOp, Conversion, Insn, UnaryOp, flags, make_fn};

/// How a run of the loop ended.
pub enum Exit {
    Return(Value),
    Yield(Value),
}

fn code_of(c: Gc<Obj>) -> &'static super::object::CodeRt {
    match &c.kind {
        // SAFETY: code objects are allocated in the permanent zone and stay reachable from the
        // frames and functions that run them; the reference is not kept past that.
        Kind::Code(rt) => unsafe { &*(&**rt as *const super::object::CodeRt) },
        _ => panic!("frame without a code object"),
    }
}

fn func_of(f: Value) -> Option<&'static Function> {
    match Vm::obj_ref(f).map(|o| &o.kind) {
        Some(Kind::Function(func)) => Some(func),
        _ => None,
    }
}

/// Frame size in slots: locals, cells, evaluation stack (+2 for NULL markers and slack).
pub(crate) fn frame_size(code: &crate::bytecode::CodeObject) -> (usize, usize, usize) {
    let nlocals = code.varnames.len();
    let ncells = code.cellvars.len() + code.freevars.len();
    (
        nlocals,
        ncells,
        nlocals + ncells + code.max_stack as usize + 4,
    )
}

/// True if the value stack has room for `need` slots. The stack is allocated once
/// (`vm::STACK_VALUES`) and never grows: compiled code and frame views hold the addresses of
/// frame slots, so it must not move. Beyond it, calls raise RecursionError.
fn stack_room(vm: &mut Vm, need: usize) -> bool {
    need <= vm.stack.capacity()
}

/// Binds arguments to parameters, writing the parameter slots of `slots`.
pub fn bind_args(
    vm: &mut Vm,
    func: &Function,
    args: &[Value],
    kwargs: &[(Value, Value)],
    slots: &mut [Value],
) -> PyResult<()> {
    let code = &code_of(func.code).code;
    let argc = code.argcount as usize;
    let posonly = code.posonlyargcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let has_varargs = code.flags & flags::VARARGS != 0;
    let has_varkw = code.flags & flags::VARKEYWORDS != 0;
    let fname = func.name.borrow().clone();
    let npos = args.len().min(argc);
    slots[..npos].copy_from_slice(&args[..npos]);
    let mut slot = argc + kwonly;
    if has_varargs {
        let extra = if args.len() > argc {
            args[argc..].to_vec()
        } else {
            vec![]
        };
        slots[slot] = vm.new_tuple(extra);
        slot += 1;
    } else if args.len() > argc {
        let ndef = func.defaults.borrow().len();
        let given = args.len();
        let msg = if ndef > 0 {
            format!(
                "{fname}() takes from {} to {argc} positional arguments but {given} were given",
                argc - ndef
            )
        } else {
            format!(
                "{fname}() takes {argc} positional argument{} but {given} {} given",
                if argc == 1 { "" } else { "s" },
                if given == 1 { "was" } else { "were" }
            )
        };
        return Err(vm.type_error(msg));
    }
    let kwdict = if has_varkw {
        let d = vm.new_dict();
        slots[slot] = d;
        Some(d)
    } else {
        None
    };
    for (k, v) in kwargs {
        let kn = as_str(*k).unwrap_or("");
        let pos = code.varnames[..argc + kwonly]
            .iter()
            .position(|n| &**n == kn);
        match pos {
            Some(i) if i >= posonly => {
                if !slots[i].is_unbound() {
                    return Err(
                        vm.type_error(format!("{fname}() got multiple values for argument '{kn}'"))
                    );
                }
                slots[i] = *v;
            }
            _ => match kwdict {
                Some(d) => ops::dict_set(vm, d.as_obj().expect("dict"), *k, *v)?,
                None => {
                    if pos.is_some() {
                        // CPython names every positional-only parameter passed by keyword.
                        let posonly_names = &code.varnames[..posonly];
                        let names: Vec<&str> = kwargs
                            .iter()
                            .filter_map(|(k, _)| as_str(*k))
                            .filter(|n| posonly_names.iter().any(|p| &**p == *n))
                            .collect();
                        let names = names.join(", ");
                        return Err(vm.type_error(format!(
                            "{fname}() got some positional-only arguments passed as keyword arguments: '{names}'"
                        )));
                    }
                    return Err(vm.type_error(format!(
                        "{fname}() got an unexpected keyword argument '{kn}'"
                    )));
                }
            },
        }
    }
    // Defaults and missing arguments.
    let defaults = func.defaults.borrow();
    let first_default = argc - defaults.len().min(argc);
    let mut missing = Vec::new();
    for i in 0..argc {
        if slots[i].is_unbound() {
            if i >= first_default {
                slots[i] = defaults[i - first_default];
            } else {
                missing.push(code.varnames[i].clone());
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_args(vm, &fname, &missing, "positional"));
    }
    let kwd = func.kwdefaults.get();
    let mut missing = Vec::new();
    for (i, slot) in slots.iter_mut().enumerate().take(argc + kwonly).skip(argc) {
        if slot.is_unbound() {
            let name = code.varnames[i].clone();
            let d = kwd.as_obj().and_then(|d| ops::dict_get_str(d, &name));
            match d {
                Some(v) => *slot = v,
                None => missing.push(name),
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_args(vm, &fname, &missing, "keyword-only"));
    }
    Ok(())
}

fn missing_args(vm: &mut Vm, fname: &str, missing: &[Rc<str>], kind: &str) -> PyErr {
    let names: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
    let list = match names.len() {
        1 => names[0].clone(),
        2 => format!("{} and {}", names[0], names[1]),
        _ => format!(
            "{}, and {}",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        ),
    };
    vm.type_error(format!(
        "{fname}() missing {} required {kind} argument{}: {list}",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    ))
}

/// Fills the cell slots of a new frame: cells for cellvars (initialised from their parameter)
/// and the function's closure cells for freevars.
fn init_cells(vm: &mut Vm, func: &Function, slots: &mut [Value], nlocals: usize) {
    let code = &code_of(func.code).code;
    let cell_cls = vm.types.cell;
    for (i, arg) in code.cell_args.iter().enumerate() {
        let init = match arg {
            Some(p) => slots[*p as usize],
            None => Value::UNBOUND,
        };
        let c = vm.alloc(cell_cls, Kind::Cell(Cell::new(init)));
        slots[nlocals + i] = Value::obj(c);
    }
    for (i, c) in func.closure.iter().enumerate() {
        slots[nlocals + code.cellvars.len() + i] = *c;
    }
}

/// Pushes a frame for Python function `f` called with these arguments (not for generators).
fn push_frame(vm: &mut Vm, f: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<()> {
    let func = func_of(f).expect("function");
    if vm.frames.len() >= vm.recursion_limit {
        return Err(vm.new_error("RecursionError", "maximum recursion depth exceeded"));
    }
    let code = &code_of(func.code).code;
    let (nlocals, _, size) = frame_size(code);
    let base = vm.stack.len();
    if !stack_room(vm, base + size) {
        return Err(vm.new_error("RecursionError", "maximum recursion depth exceeded"));
    }
    vm.stack.resize(base + size, Value::UNBOUND);
    let mut slots = std::mem::take(&mut vm.stack);
    let r = bind_args(vm, func, args, kwargs, &mut slots[base..base + size]);
    if r.is_ok() {
        init_cells(vm, func, &mut slots[base..base + size], nlocals);
    }
    vm.stack = slots;
    if let Err(e) = r {
        vm.stack.truncate(base);
        return Err(e);
    }
    let ncells = code.cellvars.len() + code.freevars.len();
    vm.frames.push(Frame {
        func: f,
        code: func.code,
        globals: func.globals,
        locals: Value::NONE,
        base,
        sp: base + nlocals + ncells,
        pc: 0,
        generator: Value::NONE,
        is_entry: false,
        init_self: Value::NONE,
        for_exit: 0,
    });
    Ok(())
}

/// Adds `n` unbound slots on top of the value stack (room checked by `stack_room`). The
/// unbound value is all zero bits, so this is one `memset` instead of `resize`'s per-element loop.
#[inline]
fn grow_unbound(vm: &mut Vm, n: usize) {
    const _: () = assert!(value::UNBOUND == 0);
    let len = vm.stack.len();
    assert!(len + n <= vm.stack.capacity(), "value stack overflow");
    // SAFETY: the `n` slots after `len` are inside the allocation (checked above); `Value` is two
    // plain integers, for which all-zero bytes are valid and are exactly `Value::UNBOUND`.
    unsafe {
        std::ptr::write_bytes(vm.stack.as_mut_ptr().add(len), 0, n);
        vm.stack.set_len(len + n);
    }
}

/// Pushes a frame for the common call: a plain Python function (or a bound method of one)
/// called with positional arguments only, taken straight from the caller's stack, so no argument
/// vector is built and nothing is allocated. Returns false, having changed nothing, for every
/// other call (keywords, `*args`, cells, generators, errors), which `push_frame` handles.
fn push_frame_simple(vm: &mut Vm, fpos: usize, argv: usize, argc: usize, method: bool) -> bool {
    let f = vm.stack[fpos];
    let (target, slf) = if method && !vm.stack[fpos + 1].is_unbound() {
        (f, Some(vm.stack[fpos + 1]))
    } else {
        match Vm::obj_ref(f).map(|o| &o.kind) {
            Some(Kind::BoundMethod(func, s)) => (*func, Some(*s)),
            _ => (f, None),
        }
    };
    push_frame_for(vm, target, slf, argv, argc)
}

/// `push_frame_simple` for function `target` with receiver `slf` (passed first) and the `argc`
/// arguments at `argv` on the stack. Inlined: it is the call path of every Python call.
#[inline(always)]
fn push_frame_for(
    vm: &mut Vm,
    target: Value,
    slf: Option<Value>,
    argv: usize,
    argc: usize,
) -> bool {
    let Some(func) = func_of(target) else {
        return false;
    };
    let info = code_of(func.code).frame;
    if !info.simple {
        return false;
    }
    let nargs = argc + slf.is_some() as usize;
    let nparams = info.argcount as usize;
    let defaults = func.defaults.borrow();
    let ndef = defaults.len().min(nparams);
    if nargs > nparams || nargs + ndef < nparams || vm.frames.len() >= vm.recursion_limit {
        return false;
    }
    let (nlocals, ncells, size) = (
        info.nlocals as usize,
        info.ncells as usize,
        info.size as usize,
    );
    let base = vm.stack.len();
    if !stack_room(vm, base + size) {
        return false;
    }
    grow_unbound(vm, size);
    let mut at = base;
    if let Some(s) = slf {
        vm.stack[at] = s;
        at += 1;
    }
    // A plain loop: calls pass a few arguments, and `copy_within` pays for a `memmove` call.
    let mut i = 0;
    while i < argc {
        vm.stack[at + i] = vm.stack[argv + i];
        i += 1;
    }
    let first_default = nparams - ndef;
    for k in nargs..nparams {
        vm.stack[base + k] = defaults[k - first_default];
    }
    let free_base = base + nlocals + info.ncellvars as usize;
    vm.stack[free_base..free_base + func.closure.len()].copy_from_slice(&func.closure);
    drop(defaults);
    vm.frames.push(Frame {
        func: target,
        code: func.code,
        globals: func.globals,
        locals: Value::NONE,
        base,
        sp: base + nlocals + ncells,
        pc: 0,
        generator: Value::NONE,
        is_entry: false,
        init_self: Value::NONE,
        for_exit: 0,
    });
    true
}

/// The Python `__init__` the loop runs itself for a call of class `cls`, when the call is
/// `object.__new__` followed by that function (what `builtins::construct_plain` does for a class
/// of metaclass `type` whose instances use shapes); None for every other call. The lookups are
/// cached in the class for the current class epoch; the metaclass is checked each time (it is
/// set after the class's namespace).
fn plain_init(vm: &Vm, cls: Gc<Obj>) -> Option<Value> {
    let Kind::Type(t) = &cls.kind else {
        return None;
    };
    if t.layout != Layout::Instance || !cls.cls.get().is_some_and(|m| Gc::ptr_eq(m, vm.types.type_))
    {
        return None;
    }
    let epoch = class_epoch();
    let (e, init) = t.ctor.get();
    if e != epoch {
        const NEW: i64 = ops::str_hash("__new__");
        const INIT: i64 = ops::str_hash("__init__");
        let kind = |v: Option<Value>| v.and_then(Vm::obj_ref).map(|o| &o.kind);
        let new_f = ops::lookup_type_hashed(cls, "__new__", NEW);
        let init_f = ops::lookup_type_hashed(cls, "__init__", INIT);
        let plain = (new_f.is_none() || matches!(kind(new_f), Some(Kind::Native(_))))
            && matches!(kind(init_f), Some(Kind::Function(_)));
        let init = if plain {
            init_f.unwrap_or(Value::NONE)
        } else {
            Value::NONE
        };
        t.ctor.set((epoch, init));
        return (!init.is_none()).then_some(init);
    }
    (!init.is_none()).then_some(init)
}

/// Creates the generator object for a call of a generator function.
fn make_generator(
    vm: &mut Vm,
    f: Value,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let func = func_of(f).expect("function");
    let code = &code_of(func.code).code;
    let (nlocals, ncells, size) = frame_size(code);
    let mut slots = vec![Value::UNBOUND; size];
    bind_args(vm, func, args, kwargs, &mut slots)?;
    init_cells(vm, func, &mut slots, nlocals);
    let cls = vm.types.generator;
    Ok(Value::obj(vm.alloc(
        cls,
        Kind::Generator(RefCell::new(GenState {
            func: f,
            slots,
            sp: nlocals + ncells,
            pc: 0,
            started: false,
            finished: false,
            running: false,
        })),
    )))
}

/// Calls a Python function from native code (runs a nested loop).
pub fn call_function(
    vm: &mut Vm,
    f: Value,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let func = func_of(f).expect("function");
    if code_of(func.code).code.is_generator() {
        return make_generator(vm, f, args, kwargs);
    }
    push_frame(vm, f, args, kwargs)?;
    vm.frames.last_mut().expect("frame").is_entry = true;
    let depth = vm.frames.len();
    // A nested loop never collects: the Rust code that started it may hold unrooted values.
    let saved = vm.native_depth;
    if depth > 1 {
        vm.native_depth += 1;
    }
    let r = run(vm, depth);
    vm.native_depth = saved;
    match r? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(vm.new_error("SystemError", "yield outside a generator frame")),
    }
}

/// Runs module-level (or exec/class-body) code with a locals mapping.
pub fn run_code(
    vm: &mut Vm,
    code: Gc<Obj>,
    globals: Gc<Obj>,
    locals: Value,
    func: Value,
) -> PyResult<Value> {
    let c = &code_of(code).code;
    let (nlocals, ncells, size) = frame_size(c);
    let base = vm.stack.len();
    if vm.frames.len() >= vm.recursion_limit || !stack_room(vm, base + size) {
        return Err(vm.new_error("RecursionError", "maximum recursion depth exceeded"));
    }
    vm.stack.resize(base + size, Value::UNBOUND);
    if let Some(fobj) = func_of(func) {
        let mut slots = std::mem::take(&mut vm.stack);
        init_cells(vm, fobj, &mut slots[base..base + size], nlocals);
        vm.stack = slots;
    } else {
        let cell_cls = vm.types.cell;
        for i in 0..ncells {
            let cell = vm.alloc(cell_cls, Kind::Cell(Cell::new(Value::UNBOUND)));
            vm.stack[base + nlocals + i] = Value::obj(cell);
        }
    }
    vm.frames.push(Frame {
        func,
        code,
        globals,
        locals,
        base,
        sp: base + nlocals + ncells,
        pc: 0,
        generator: Value::NONE,
        is_entry: true,
        init_self: Value::NONE,
        for_exit: 0,
    });
    let depth = vm.frames.len();
    // A nested loop never collects: the Rust code that started it may hold unrooted values.
    let saved = vm.native_depth;
    if depth > 1 {
        vm.native_depth += 1;
    }
    let r = run(vm, depth);
    vm.native_depth = saved;
    match r? {
        Exit::Return(v) => Ok(v),
        Exit::Yield(_) => Err(vm.new_error("SystemError", "yield outside a generator frame")),
    }
}

/// What a generator step produced.
pub enum GenOut {
    Yield(Value),
    Return(Value),
}

/// Resumes a generator with `sent` (or throws `throw` into it).
pub fn gen_step(vm: &mut Vm, g: Value, sent: Value, throw: Option<Value>) -> PyResult<GenOut> {
    let Some(Kind::Generator(st)) = Vm::obj_ref(g).map(|o| &o.kind) else {
        return Err(vm.type_error("not a generator"));
    };
    {
        let s = st.borrow();
        if s.running {
            drop(s);
            return Err(vm.value_error("generator already executing"));
        }
        if s.finished {
            drop(s);
            if let Some(t) = throw {
                return Err(PyErr(t));
            }
            return Ok(GenOut::Return(Value::NONE));
        }
        if !s.started && !sent.is_none() && throw.is_none() {
            drop(s);
            return Err(vm.type_error("can't send non-None value to a just-started generator"));
        }
    }
    if vm.frames.len() >= vm.recursion_limit {
        return Err(vm.new_error("RecursionError", "maximum recursion depth exceeded"));
    }
    // The saved slots are copied to the stack and stay in the generator (stale while it runs):
    // the yield copies the frame back into the same vector, so a resume allocates nothing.
    let (func, size, sp, pc, started) = {
        let mut s = st.borrow_mut();
        s.running = true;
        (s.func, s.slots.len(), s.sp, s.pc, s.started)
    };
    let f = func_of(func).expect("function");
    let base = vm.stack.len();
    if !stack_room(vm, base + size) {
        st.borrow_mut().running = false;
        return Err(vm.new_error("RecursionError", "maximum recursion depth exceeded"));
    }
    vm.stack.extend_from_slice(&st.borrow().slots);
    let mut sp = base + sp;
    if started {
        vm.stack[sp] = sent;
        sp += 1;
    }
    vm.frames.push(Frame {
        func,
        code: f.code,
        globals: f.globals,
        locals: Value::NONE,
        base,
        sp,
        pc,
        generator: g,
        is_entry: true,
        init_self: Value::NONE,
        for_exit: 0,
    });
    st.borrow_mut().started = true;
    let depth = vm.frames.len();
    // A nested loop never collects: the Rust code that started it may hold unrooted values.
    let saved = vm.native_depth;
    if depth > 1 {
        vm.native_depth += 1;
    }
    let r = if let Some(t) = throw {
        // The exception is raised at the yield the generator is suspended in.
        if started {
            let f = vm.frames.last_mut().expect("frame");
            f.pc = f.pc.saturating_sub(1);
            f.sp -= 1;
        }
        run_with_pending(vm, depth, PyErr(t))
    } else {
        run(vm, depth)
    };
    vm.native_depth = saved;
    {
        let mut s = st.borrow_mut();
        s.running = false;
        if !matches!(r, Ok(Exit::Yield(_))) {
            // Finished: its values are no longer needed.
            s.slots = Vec::new();
        }
    }
    match r {
        Ok(Exit::Yield(v)) => Ok(GenOut::Yield(v)),
        Ok(Exit::Return(v)) => {
            st.borrow_mut().finished = true;
            Ok(GenOut::Return(v))
        }
        Err(e) => {
            st.borrow_mut().finished = true;
            if vm.exc_matches(e.0, "StopIteration") {
                return Err(generator_raised_stop_iteration(vm, e));
            }
            Err(e)
        }
    }
}

/// The `RuntimeError` a `StopIteration` leaving a generator's frame becomes (PEP 479).
fn generator_raised_stop_iteration(vm: &mut Vm, e: PyErr) -> PyErr {
    let cls = vm.exc["RuntimeError"];
    let m = vm.new_str("generator raised StopIteration");
    let r = vm.new_exception(cls, vec![m]);
    let n = vm.intern("__cause__");
    ops::set_instance_attr(r.as_obj().expect("exc"), n, e.0);
    PyErr(r)
}

/// Resumes generator `g` (state `st`) for the `for` loop of the top frame, whose iterator it is,
/// in this loop: its frame is pushed with `for_exit` = the loop's exit, so its next `yield` hands
/// the value to the loop and its end leaves the loop (see `YieldValue`, `ReturnValue` and
/// `unwind`). False, having changed nothing, when the general path (`gen_step` in a nested
/// loop) must run: the generator is running or finished, or the stack is at its limits.
fn resume_in_loop(vm: &mut Vm, g: Value, st: &RefCell<GenState>, exit: usize) -> bool {
    let (func, size, sp, pc, started) = {
        let Ok(s) = st.try_borrow() else {
            return false;
        };
        if s.running || s.finished {
            return false;
        }
        (s.func, s.slots.len(), s.sp, s.pc, s.started)
    };
    let Some(f) = func_of(func) else {
        return false;
    };
    let base = vm.stack.len();
    if vm.frames.len() >= vm.recursion_limit || !stack_room(vm, base + size) {
        return false;
    }
    vm.stack.extend_from_slice(&st.borrow().slots);
    let mut sp = base + sp;
    if started {
        // The value of the `yield` it is suspended at: `next` sends None.
        vm.stack[sp] = Value::NONE;
        sp += 1;
    }
    {
        let mut s = st.borrow_mut();
        s.running = true;
        s.started = true;
    }
    vm.frames.push(Frame {
        func,
        code: f.code,
        globals: f.globals,
        locals: Value::NONE,
        base,
        sp,
        pc,
        generator: g,
        is_entry: false,
        init_self: Value::NONE,
        for_exit: exit,
    });
    true
}

/// Marks the generator of frame `fr` (if it runs one) finished; a generator resumed by a `for`
/// of the loop is also no longer running and drops its saved values (`gen_step` does both for
/// the others).
fn generator_ended(fr: &Frame) {
    if let Some(Kind::Generator(g)) = Vm::obj_ref(fr.generator).map(|o| &o.kind) {
        let mut g = g.borrow_mut();
        g.finished = true;
        if fr.for_exit != 0 {
            g.running = false;
            g.slots = Vec::new();
        }
    }
}

/// `next(generator)`: Some(value) or None when it finished.
pub fn gen_resume(vm: &mut Vm, g: Value, sent: Value) -> PyResult<Option<Value>> {
    match gen_step(vm, g, sent, None)? {
        GenOut::Yield(v) => Ok(Some(v)),
        GenOut::Return(_) => Ok(None),
    }
}

/// A `StopIteration(value)` exception.
pub fn stop_iteration(vm: &mut Vm, v: Value) -> PyErr {
    let cls = vm.exc["StopIteration"];
    let args = if v.is_none() { vec![] } else { vec![v] };
    let e = vm.new_exception(cls, args);
    let n = vm.intern("value");
    ops::set_instance_attr(e.as_obj().expect("exc"), n, v);
    PyErr(e)
}

fn run_with_pending(vm: &mut Vm, stop_depth: usize, e: PyErr) -> PyResult<Exit> {
    match unwind(vm, stop_depth, e, false) {
        Ok(()) => run(vm, stop_depth),
        Err(e) => Err(e),
    }
}

/// Adds a traceback entry for the top frame at its pc.
fn add_traceback(vm: &mut Vm, e: Value) {
    let Some(fr) = vm.frames.last() else {
        return;
    };
    let c = code_of(fr.code);
    let line = c.code.line_table.line(fr.pc);
    if let Some(Kind::Instance(i)) = Vm::obj_ref(e).map(|o| &o.kind) {
        i.tb.borrow_mut().push(TbEntry {
            filename: c.filename.clone(),
            line,
            name: c.name.clone(),
        });
    }
}

/// Finds a handler for `e` in the frames above `stop_depth`, popping frames without one. Ok(())
/// means the top frame now continues at its handler.
fn unwind(vm: &mut Vm, stop_depth: usize, mut e: PyErr, reraise: bool) -> PyResult<()> {
    let mut first = true;
    loop {
        if !(first && reraise) {
            add_traceback(vm, e.0);
        }
        first = false;
        let fr = vm.frames.last().expect("frame");
        let code = code_of(fr.code);
        let pc = fr.pc as u32;
        let entry = code
            .code
            .exception_table
            .iter()
            .find(|en| en.start <= pc && pc < en.end)
            .copied();
        if let Some(en) = entry {
            let c = &code.code;
            let stack_base = fr.base + c.varnames.len() + c.cellvars.len() + c.freevars.len();
            let sp = stack_base + en.depth as usize;
            let fr = vm.frames.last_mut().expect("frame");
            fr.sp = sp + 1;
            fr.pc = en.handler as usize;
            vm.stack[sp] = e.0;
            return Ok(());
        }
        // No handler: the frame ends.
        let fr = vm.frames.pop().expect("frame");
        vm.stack.truncate(fr.base);
        generator_ended(&fr);
        if fr.for_exit != 0 && vm.exc_matches(e.0, "StopIteration") {
            e = generator_raised_stop_iteration(vm, e);
        }
        if vm.frames.len() < stop_depth {
            return Err(e);
        }
        // The caller is stopped after its call instruction: handlers and the traceback line
        // belong to the call itself.
        let caller = vm.frames.last_mut().expect("frame");
        caller.pc = caller.pc.saturating_sub(1);
    }
}

/// Sets `__context__` of a newly raised exception to the one being handled.
fn set_context(vm: &mut Vm, e: Value) {
    let h = vm.handled;
    if h.is_none() || h.is(e) {
        return;
    }
    if let Some(o) = e.as_obj()
        && matches!(o.kind, Kind::Instance(_))
        && ops::get_instance_attr(&o, "__context__").is_none()
    {
        let n = vm.intern("__context__");
        ops::set_instance_attr(o, n, h);
    }
}

/// Turns the operand of `raise` into an exception instance.
pub fn make_exception(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if let Some(o) = Vm::obj_ref(v) {
        if let Kind::Type(_) = o.kind {
            let cls = v.as_obj().expect("class");
            if super::vm::is_subclass(cls, vm.types.base_exception) {
                return ops::call(vm, v, &[], &[]);
            }
        } else if super::vm::is_subclass(o.class(), vm.types.base_exception) {
            return Ok(v);
        }
    }
    Err(vm.type_error("exceptions must derive from BaseException"))
}

macro_rules! pop {
    ($vm:expr, $sp:expr) => {{
        $sp -= 1;
        $vm.stack[$sp]
    }};
}
macro_rules! push {
    ($vm:expr, $sp:expr, $v:expr) => {{
        let v = $v;
        $vm.stack[$sp] = v;
        $sp += 1;
    }};
}

/// Runs the frames above `stop_depth - 1` until the frame at depth `stop_depth` returns or yields.
pub fn run(vm: &mut Vm, stop_depth: usize) -> PyResult<Exit> {
    loop {
        match run_inner(vm, stop_depth) {
            Ok(exit) => return Ok(exit),
            Err((e, reraise)) => {
                if vm.exc_matches(e.0, "BaseException") && !reraise {
                    set_context(vm, e.0);
                }
                unwind(vm, stop_depth, e, reraise)?;
            }
        }
    }
}

type Step = Result<Exit, (PyErr, bool)>;

/// While recording: what the loop must still do for the recording.
#[derive(Clone, Copy)]
struct Rec {
    /// The first instruction of a loop trace checks the collection request.
    gc_guard: bool,
}

/// How one mode's loop ended.
enum Out {
    Exit(Exit),
    /// Continue in the other mode.
    Switch,
}

// ANCHOR: run_inner
/// The loop around the two modes: `run_mode::<Concrete>` is the interpreter, and
/// `run_mode::<Recording>` the same handlers recording a trace; they hand over at back-edges
/// (the JIT driver says when) and when a recording ends or aborts.
fn run_inner(vm: &mut Vm, stop_depth: usize) -> Step {
    let mut rec: Option<Rec> = None;
    loop {
        let out = if rec.is_some() {
            run_mode::<Recording>(vm, stop_depth, &mut rec)
        } else {
            run_mode::<Concrete>(vm, stop_depth, &mut rec)
        };
        match out {
            Ok(Out::Switch) => {}
            Ok(Out::Exit(exit)) => {
                if rec.is_some() {
                    vm.jit.abort_recording(AbortReason::LeftFrame);
                }
                return Ok(exit);
            }
            Err(e) => {
                if rec.is_some() {
                    vm.jit.abort_recording(AbortReason::Error);
                }
                return Err(e);
            }
        }
    }
}
// ANCHOR_END: run_inner

/// Instructions whose handlers are written to trace (in the dialect, with residual calls for
/// their slow paths). Recording stops before any other instruction, which then runs as plain
/// Rust in the interpreter; that is slower, never wrong.
fn traceable(insn: &Insn) -> bool {
    matches!(
        insn,
        Insn::Nop
            | Insn::Pop
            | Insn::Copy { .. }
            | Insn::Swap { .. }
            | Insn::LoadConst { .. }
            | Insn::LoadSmallInt { .. }
            | Insn::LoadFast { .. }
            | Insn::StoreFast { .. }
            | Insn::LoadGlobal { .. }
            | Insn::LoadName { .. }
            | Insn::StoreName { .. }
            | Insn::LoadAttr { .. }
            | Insn::StoreAttr { .. }
            | Insn::BinarySubscr
            | Insn::StoreSubscr
            | Insn::BinaryOp { .. }
            | Insn::InplaceOp { .. }
            | Insn::Compare { .. }
            | Insn::CompareJump { .. }
            | Insn::CompareFastFastJump { .. }
            | Insn::Jump { .. }
            | Insn::PopJumpIfFalse { .. }
            | Insn::PopJumpIfTrue { .. }
            | Insn::PopJumpIfNone { .. }
            | Insn::PopJumpIfNotNone { .. }
            | Insn::ForIter { .. }
            | Insn::Call { .. }
            | Insn::CallKw { .. }
            | Insn::CallMethod { .. }
            | Insn::CallMethodKw { .. }
            | Insn::LoadMethod { .. }
            | Insn::Unary { .. }
            | Insn::GetIter
            | Insn::GetRangeIter { .. }
            | Insn::BuildTuple { .. }
            | Insn::BuildList { .. }
    )
}

/// The loop of one mode. Returns to `run_inner` to switch modes.
fn run_mode<M: Mode>(
    vm: &mut Vm,
    stop_depth: usize,
    rec: &mut Option<Rec>,
) -> Result<Out, (PyErr, bool)> {
    'frame: loop {
        let fr = vm.frames.last().expect("frame");
        let base = fr.base;
        let mut sp = fr.sp;
        let mut pc = fr.pc;
        let code_obj = fr.code;
        let globals = fr.globals;
        let rt = code_of(code_obj);
        let code = &rt.code;
        let insns: &[Insn] = &code.code;
        let nlocals = rt.frame.nlocals as usize;
        let cell_base = base + nlocals;
        let code_id = rt.id;
        let (ncells, fsize) = (rt.frame.ncells as usize, rt.frame.size as usize);
        // SAFETY: a frame's `fsize` values from `base` are inside the stack (push_frame,
        // run_code and gen_step made room for them), and the stack never moves.
        let mut f = unsafe { jit::window::<M>(vm, base, fsize) };
        let _ = ncells;
        macro_rules! sync {
            () => {{
                let f = vm.frames.last_mut().expect("frame");
                f.sp = sp;
                f.pc = pc;
            }};
        }
        macro_rules! tr {
            ($e:expr) => {
                match $e {
                    Ok(v) => v,
                    Err(e) => {
                        sync!();
                        return Err((e, false));
                    }
                }
            };
        }
        // The result of a call whose instruction is just before `pc`: pushed, or raised with the
        // call's position; a `sys.exit` inside the callee ends the run.
        macro_rules! call_done {
            ($r:expr) => {{
                match $r {
                    Ok(r) => {
                        push!(vm, sp, r);
                        sync!();
                    }
                    Err(e) => {
                        pc -= 1;
                        sync!();
                        return Err((e, false));
                    }
                }
                if vm.exit_code.get().is_some() {
                    return Err((vm.new_error("SystemExit", "exit"), false));
                }
            }};
        }
        // Reads and writes of stack value `i` (an absolute index) through the frame view.
        macro_rules! fget {
            ($i:expr) => {
                jit::get(&f, $i - base)
            };
        }
        macro_rules! fset {
            ($i:expr, $v:expr) => {{
                let v = $v;
                jit::set(&mut f, $i - base, v)
            }};
        }
        loop {
            let insn = insns[pc];
            let mut next = pc + 1;
            if M::RECORDING && vm.native_depth == 0 && vm.heap.collection_requested() {
                // A collection is due: it happens in the interpreter, at its next back-edge.
                // Recording gives up rather than go on, so a trace exit the loop header's
                // collection guard took never grows a bridge that would keep skipping it.
                vm.jit.abort_recording(AbortReason::NotTraceable);
                sync!();
                *rec = None;
                return Ok(Out::Switch);
            }
            if M::RECORDING {
                // The recorder takes this instruction's snapshot here.
                if !vm.jit.record_insn(pc as u32, 0) {
                    sync!();
                    *rec = None;
                    return Ok(Out::Switch);
                }
                // Compiled code that exits here resumes with this stack depth.
                let depth = (sp - base) as u32;
                if *vm.jit_depth.entry((code_id, pc as u32)).or_insert(depth) != depth {
                    jit::not_traceable::<M>(
                        vm,
                        "a stack depth that differs from an earlier recording",
                    );
                }
                if let Some(r) = rec.as_mut()
                    && std::mem::take(&mut r.gc_guard)
                {
                    jit::gc_request_guard::<M>(vm);
                }
                if !traceable(&insn) {
                    if M::RECORDING && vm.jit.log.abort {
                        eprintln!("[pyvgc abort] {insn:?} does not trace yet (pc {pc})");
                    }
                    jit::not_traceable::<M>(vm, "");
                }
            }
            match insn {
                Insn::Nop => {}
                Insn::Pop => sp -= 1,
                Insn::Copy { n } => {
                    let v = fget!(sp - n as usize);
                    fset!(sp, v);
                    sp += 1;
                }
                Insn::Swap { n } => {
                    let a = fget!(sp - 1);
                    let b = fget!(sp - n as usize);
                    fset!(sp - 1, b);
                    fset!(sp - n as usize, a);
                }
                Insn::LoadConst { k } => {
                    fset!(sp, jit::konst::<M>(rt.consts[k as usize]));
                    sp += 1;
                }
                Insn::LoadSmallInt { i } => {
                    fset!(sp, jit::konst::<M>(Value::int(i as i64)));
                    sp += 1;
                }
                // ANCHOR: load_fast
                Insn::LoadFast { slot } => {
                    let v = fget!(base + slot as usize);
                    if v.0.promote() == value::UNBOUND {
                        sync!();
                        let n = code.varnames[slot as usize].clone();
                        return Err((vm.new_error(
                            "UnboundLocalError",
                            format!("cannot access local variable '{n}' where it is not associated with a value"),
                        ), false));
                    }
                    fset!(sp, v);
                    sp += 1;
                }
                Insn::StoreFast { slot } => {
                    sp -= 1;
                    let v = fget!(sp);
                    fset!(base + slot as usize, v);
                }
                // ANCHOR_END: load_fast
                Insn::DeleteFast { slot } => {
                    if vm.stack[base + slot as usize].is_unbound() {
                        sync!();
                        let n = code.varnames[slot as usize].clone();
                        return Err((vm.new_error(
                            "UnboundLocalError",
                            format!("cannot access local variable '{n}' where it is not associated with a value"),
                        ), false));
                    }
                    vm.stack[base + slot as usize] = Value::UNBOUND;
                }
                Insn::LoadDeref { slot } | Insn::LoadClassDeref { slot } => {
                    if let Insn::LoadClassDeref { .. } = insn {
                        let fr = vm.frames.last().expect("frame");
                        if let Some(d) = fr.locals.as_obj()
                            && let Some(v) = ops::dict_get_str(d, code.cell_name(slot as usize))
                        {
                            push!(vm, sp, v);
                            pc = next;
                            continue;
                        }
                    }
                    let cell = vm.stack[cell_base + slot as usize];
                    let v = match Vm::obj_ref(cell).map(|o| &o.kind) {
                        Some(Kind::Cell(c)) => c.get(),
                        _ => Value::UNBOUND,
                    };
                    if v.is_unbound() {
                        sync!();
                        return Err((unbound_cell(vm, code, slot as usize), false));
                    }
                    push!(vm, sp, v);
                }
                Insn::StoreDeref { slot } => {
                    let v = pop!(vm, sp);
                    let cell = vm.stack[cell_base + slot as usize];
                    if let Some(o) = cell.as_obj()
                        && let Kind::Cell(c) = &o.kind
                    {
                        c.set(v);
                        Vm::barrier(o);
                    }
                }
                Insn::DeleteDeref { slot } => {
                    let cell = vm.stack[cell_base + slot as usize];
                    if let Some(Kind::Cell(c)) = Vm::obj_ref(cell).map(|o| &o.kind) {
                        if c.get().is_unbound() {
                            sync!();
                            return Err((unbound_cell(vm, code, slot as usize), false));
                        }
                        c.set(Value::UNBOUND);
                    }
                }
                Insn::LoadClosure { slot } => {
                    let cell = vm.stack[cell_base + slot as usize];
                    push!(vm, sp, cell);
                }
                Insn::LoadGlobal { name, cache } => {
                    let key = rt.names[name as usize];
                    let v = if M::RECORDING {
                        // Two dict reads, recorded as read-only residual calls.
                        let args = [Int::new(Gc::as_ptr(globals) as i64), Int::new(key.payload)];
                        let t = tr!(jit::call_helper::<M, 2>(vm, &jit::GLOBAL_TAG, args));
                        if t.promote() == value::UNBOUND {
                            jit::not_traceable::<M>(vm, "an undefined global");
                            None
                        } else {
                            let p = tr!(jit::call_helper::<M, 2>(vm, &jit::GLOBAL_PAYLOAD, args));
                            Some((t, p))
                        }
                    } else {
                        let site = rt.global_caches.get(cache as usize);
                        site.and_then(|c| cached_global(c, globals, vm.builtins, key))
                            .or_else(|| load_global_fill(site, globals, vm.builtins, key))
                            .map(jit::konst::<M>)
                    };
                    match v {
                        Some(v) => {
                            fset!(sp, v);
                            sp += 1;
                        }
                        None => {
                            sync!();
                            let n = as_str(key).unwrap_or("");
                            return Err((name_error(vm, n, globals), false));
                        }
                    }
                }
                Insn::StoreGlobal { name } => {
                    let v = pop!(vm, sp);
                    sync!();
                    tr!(ops::dict_set(vm, globals, rt.names[name as usize], v));
                }
                Insn::DeleteGlobal { name } => {
                    sync!();
                    let k = rt.names[name as usize];
                    if tr!(ops::dict_del(vm, globals, k)).is_none() {
                        let n = as_str(k).unwrap_or("");
                        return Err((name_error(vm, n, globals), false));
                    }
                }
                Insn::LoadName { name } => {
                    let locals = vm.frames.last().expect("frame").locals;
                    sync!();
                    f.flush(0..2 * (nlocals + ncells));
                    let args = [
                        Int::new(locals.tag),
                        Int::new(locals.payload),
                        Int::new(Gc::as_ptr(globals) as i64),
                        Int::new(rt.names[name as usize].payload),
                    ];
                    let v = tr!(jit::call_value_helper::<M, 4>(vm, &jit::LOAD_NAME, args));
                    fset!(sp, v);
                    sp += 1;
                }
                Insn::StoreName { name } => {
                    sp -= 1;
                    let v = fget!(sp);
                    let locals = vm.frames.last().expect("frame").locals;
                    sync!();
                    f.flush(0..2 * (nlocals + ncells));
                    let args = [
                        Int::new(locals.tag),
                        Int::new(locals.payload),
                        Int::new(Gc::as_ptr(globals) as i64),
                        Int::new(rt.names[name as usize].payload),
                        v.0,
                        v.1,
                    ];
                    tr!(jit::call_helper::<M, 6>(vm, &jit::STORE_NAME, args));
                }
                Insn::DeleteName { name } => {
                    let locals = vm.frames.last().expect("frame").locals;
                    sync!();
                    let k = rt.names[name as usize];
                    let d = locals.as_obj().unwrap_or(globals);
                    if tr!(ops::dict_del(vm, d, k)).is_none() {
                        let n = as_str(k).unwrap_or("");
                        return Err((name_error(vm, n, globals), false));
                    }
                }
                Insn::LoadAttr { name, cache } if !M::RECORDING => {
                    let o = vm.stack[sp - 1];
                    let k = rt.names[name as usize];
                    let hit = match attr_site(rt, cache) {
                        Some(site) => match cached_load(site, o, k) {
                            Cached::Miss => fill_load(site, o, k, false),
                            c => c,
                        },
                        None => Cached::Slow,
                    };
                    vm.stack[sp - 1] = match hit {
                        Cached::Hit(v, _) => v,
                        _ => {
                            sync!();
                            tr!(ops::getattr(vm, o, k))
                        }
                    };
                }
                Insn::LoadAttr { name, .. } => {
                    sync!();
                    let o = fget!(sp - 1);
                    let n = Int::new(rt.names[name as usize].payload);
                    f.flush(0..2 * (nlocals + ncells));
                    let v = if M::RECORDING {
                        tr!(jit::call_value_helper::<M, 3>(
                            vm,
                            &jit::GETATTR,
                            [o.0, o.1, n]
                        ))
                    } else {
                        // The plain interpreter calls `ops` directly (what the helper does).
                        let k = rt.names[name as usize];
                        jit::konst::<M>(tr!(ops::getattr(vm, peek(o), k)))
                    };
                    fset!(sp - 1, v);
                }
                Insn::StoreAttr { name, cache } if !M::RECORDING => {
                    let o = vm.stack[sp - 1];
                    let v = vm.stack[sp - 2];
                    sp -= 2;
                    let site = attr_site(rt, cache);
                    if let Some(site) = site
                        && cached_store(site, o, v)
                    {
                        pc = next;
                        continue;
                    }
                    sync!();
                    let k = rt.names[name as usize];
                    let before = shape_of(o);
                    tr!(ops::setattr(vm, o, k, v));
                    if let (Some(site), Some(before)) = (site, before) {
                        fill_store(vm, site, o, k, &before);
                    }
                }
                Insn::StoreAttr { name, .. } => {
                    let o = fget!(sp - 1);
                    let v = fget!(sp - 2);
                    sp -= 2;
                    sync!();
                    let n = Int::new(rt.names[name as usize].payload);
                    f.flush(0..2 * (nlocals + ncells));
                    if M::RECORDING {
                        tr!(jit::call_helper::<M, 5>(
                            vm,
                            &jit::SETATTR,
                            [o.0, o.1, n, v.0, v.1]
                        ));
                    } else {
                        let k = rt.names[name as usize];
                        tr!(ops::setattr(vm, peek(o), k, peek(v)));
                    }
                }
                Insn::DeleteAttr { name } => {
                    let o = pop!(vm, sp);
                    sync!();
                    tr!(ops::delattr(vm, o, rt.names[name as usize]));
                }
                Insn::LoadMethod { name, .. } if M::RECORDING => {
                    let o = fget!(sp - 1);
                    sync!();
                    f.flush(0..2 * (nlocals + ncells));
                    let n = Int::new(rt.names[name as usize].payload);
                    let m = tr!(jit::call_value_helper::<M, 3>(
                        vm,
                        &jit::LOAD_METHOD,
                        [o.0, o.1, n]
                    ));
                    // The receiver, or UNBOUND (0, 0) when the helper says the method is bound
                    // already: selected with a multiply, since a branch here would be a guard
                    // after the call's effects.
                    let ctx = jit::vm_ref::<M>(vm);
                    // SAFETY: `aux` is a field of the live Vm at this offset.
                    let with_self = unsafe { ctx.get_int(std::mem::offset_of!(Vm, aux) as i64) };
                    fset!(sp - 1, m);
                    fset!(sp, (o.0 * with_self, o.1 * with_self));
                    sp += 1;
                }
                Insn::LoadMethod { name, cache } => {
                    let o = vm.stack[sp - 1];
                    let k = rt.names[name as usize];
                    let hit = match attr_site(rt, cache) {
                        Some(site) => match cached_load(site, o, k) {
                            Cached::Miss => fill_load(site, o, k, true),
                            c => c,
                        },
                        None => Cached::Slow,
                    };
                    let (m, slf) = match hit {
                        Cached::Hit(m, slf) => (m, slf),
                        _ => {
                            sync!();
                            tr!(load_method(vm, o, k))
                        }
                    };
                    vm.stack[sp - 1] = m;
                    push!(vm, sp, slf);
                }
                // ANCHOR: subscr
                Insn::BinarySubscr if M::RECORDING => {
                    let k = fget!(sp - 1);
                    let c = fget!(sp - 2);
                    sp -= 1;
                    if let Some(at) = jit::list_slot::<M>(vm, c, k) {
                        // SAFETY: `at` is an item of the list, in bounds (checked above).
                        let v = unsafe { (at.get_int(0), at.get_int(8)) };
                        fset!(sp - 1, v);
                        pc = next;
                        continue;
                    }
                    sync!();
                    f.flush(0..2 * (nlocals + ncells));
                    let v = tr!(jit::call_value_helper::<M, 4>(
                        vm,
                        &jit::GETITEM,
                        [c.0, c.1, k.0, k.1]
                    ));
                    fset!(sp - 1, v);
                }
                // ANCHOR_END: subscr
                Insn::BinarySubscr => {
                    let k = pop!(vm, sp);
                    let c = vm.stack[sp - 1];
                    sync!();
                    // Exactly a list: a subclass's `__getitem__` takes precedence.
                    let v = match (exact_list(vm, c), k.tag) {
                        (Some(l), value::INT) => {
                            let l = l.borrow();
                            let i = if k.payload < 0 {
                                k.payload + l.len() as i64
                            } else {
                                k.payload
                            };
                            if i >= 0 && (i as usize) < l.len() {
                                l[i as usize]
                            } else {
                                drop(l);
                                tr!(ops::getitem(vm, c, k))
                            }
                        }
                        _ => tr!(ops::getitem(vm, c, k)),
                    };
                    vm.stack[sp - 1] = v;
                }
                Insn::StoreSubscr if !M::RECORDING => {
                    let k = vm.stack[sp - 1];
                    let c = vm.stack[sp - 2];
                    let v = vm.stack[sp - 3];
                    sp -= 3;
                    // An item of exactly a list (a subclass's `__setitem__` takes precedence).
                    if k.tag == value::INT
                        && let Some(l) = exact_list(vm, c)
                    {
                        let mut l = l.borrow_mut();
                        let n = l.len() as i64;
                        let i = if k.payload < 0 {
                            k.payload + n
                        } else {
                            k.payload
                        };
                        if 0 <= i && i < n {
                            l[i as usize] = v;
                            drop(l);
                            Vm::barrier(c.as_obj().expect("list"));
                            pc = next;
                            continue;
                        }
                    }
                    sync!();
                    tr!(ops::setitem(vm, c, k, v));
                }
                Insn::StoreSubscr => {
                    let k = fget!(sp - 1);
                    let c = fget!(sp - 2);
                    let v = fget!(sp - 3);
                    sp -= 3;
                    if M::RECORDING
                        && let Some(at) = jit::list_slot::<M>(vm, c, k)
                    {
                        // The value's tag decides the barrier: known before the first store.
                        let is_ref = v.0.promote() == value::OBJ;
                        // SAFETY: `at` is an item of the list, in bounds (checked above).
                        unsafe {
                            at.set_int(0, v.0);
                            at.set_int(8, v.1);
                        }
                        if is_ref {
                            tr!(jit::call_helper::<M, 1>(vm, &jit::BARRIER, [c.1]));
                        }
                        pc = next;
                        continue;
                    }
                    sync!();
                    f.flush(0..2 * (nlocals + ncells));
                    if M::RECORDING {
                        tr!(jit::call_helper::<M, 6>(
                            vm,
                            &jit::SETITEM,
                            [c.0, c.1, k.0, k.1, v.0, v.1]
                        ));
                    } else {
                        tr!(ops::setitem(vm, peek(c), peek(k), peek(v)));
                    }
                }
                Insn::DeleteSubscr => {
                    let k = pop!(vm, sp);
                    let c = pop!(vm, sp);
                    sync!();
                    tr!(ops::delitem(vm, c, k));
                }
                // ANCHOR: binary_op
                Insn::BinaryOp { op } | Insn::InplaceOp { op } => {
                    let b = fget!(sp - 1);
                    let a = fget!(sp - 2);
                    sp -= 1;
                    let r = match fast_binop_m::<M>(a, b, op) {
                        Some(r) => r,
                        None => {
                            // Everything else: `ops`, through a residual call when recording.
                            sync!();
                            f.flush(0..2 * (nlocals + ncells));
                            let inplace = matches!(insn, Insn::InplaceOp { .. });
                            if M::RECORDING {
                                let h = if inplace {
                                    &jit::INPLACE_OP
                                } else {
                                    &jit::BINARY_OP
                                };
                                let k = Int::new(op as i64);
                                tr!(jit::call_value_helper::<M, 5>(
                                    vm,
                                    h,
                                    [a.0, a.1, b.0, b.1, k]
                                ))
                            } else if inplace {
                                jit::konst::<M>(tr!(ops::inplace_op(vm, peek(a), peek(b), op)))
                            } else {
                                jit::konst::<M>(tr!(ops::binary_op(vm, peek(a), peek(b), op)))
                            }
                        }
                    };
                    fset!(sp - 1, r);
                }
                // ANCHOR_END: binary_op
                Insn::Unary { op } => {
                    let a = fget!(sp - 1);
                    let zero = Int::<M>::new(0);
                    let fast = match (op, a.0.promote()) {
                        (UnaryOp::Not, value::TRUE) => Some(jit::konst::<M>(Value::FALSE)),
                        (UnaryOp::Not, value::FALSE | value::NONE) => {
                            Some(jit::konst::<M>(Value::TRUE))
                        }
                        // FALSE + 1 is TRUE: `not i` is TRUE exactly when i == 0.
                        (UnaryOp::Not, value::INT) => {
                            Some((Int::new(value::FALSE) + a.1.eq(zero).to_int(), zero))
                        }
                        (UnaryOp::Neg, value::INT) => {
                            zero.sub_ovf(a.1).map(|v| (Int::new(value::INT), v))
                        }
                        (UnaryOp::Neg, value::FLOAT) => {
                            Some((a.0, (-a.1.bits_to_float()).to_bits()))
                        }
                        (UnaryOp::Pos, value::INT | value::FLOAT) => Some(a),
                        _ => None,
                    };
                    let r = match fast {
                        Some(r) => r,
                        None => {
                            sync!();
                            f.flush(0..2 * (nlocals + ncells));
                            let k = Int::new(op as i64);
                            tr!(jit::call_value_helper::<M, 3>(
                                vm,
                                &jit::UNARY,
                                [a.0, a.1, k]
                            ))
                        }
                    };
                    fset!(sp - 1, r);
                }
                Insn::Compare { op } => {
                    let b = fget!(sp - 1);
                    let a = fget!(sp - 2);
                    sp -= 1;
                    let r = match fast_cmp_m::<M>(a, b, op) {
                        Some(r) => jit::konst::<M>(Value::bool(r)),
                        None => {
                            sync!();
                            f.flush(0..2 * (nlocals + ncells));
                            if M::RECORDING {
                                let k = Int::new(op as i64);
                                tr!(jit::call_value_helper::<M, 5>(
                                    vm,
                                    &jit::COMPARE,
                                    [a.0, a.1, b.0, b.1, k]
                                ))
                            } else {
                                jit::konst::<M>(tr!(ops::compare(vm, peek(a), peek(b), op)))
                            }
                        }
                    };
                    fset!(sp - 1, r);
                }
                Insn::CompareJump { op, target } => {
                    let b = fget!(sp - 1);
                    let a = fget!(sp - 2);
                    sp -= 2;
                    let t = match fast_cmp_m::<M>(a, b, op) {
                        Some(r) => r,
                        None => {
                            // Branching on a residual call's result would be a guard after an
                            // effect: this case is not traced.
                            jit::not_traceable::<M>(vm, "a comparison of objects that branches");
                            sync!();
                            let (a, b) = (peek(a), peek(b));
                            let r = tr!(ops::compare(vm, a, b, op));
                            tr!(ops::truthy(vm, r))
                        }
                    };
                    if !t {
                        next = target as usize;
                    }
                }
                // ANCHOR: compare_jump
                Insn::CompareFastFastJump { a, b, op, target } => {
                    let x = fget!(base + a as usize);
                    let y = fget!(base + b as usize);
                    if x.0.promote() == value::UNBOUND || y.0.promote() == value::UNBOUND {
                        let (x, _) = (peek(x), peek(y));
                        sync!();
                        let s = if x.is_unbound() { a } else { b };
                        let n = code.varnames[s as usize].clone();
                        return Err((vm.new_error(
                            "UnboundLocalError",
                            format!("cannot access local variable '{n}' where it is not associated with a value"),
                        ), false));
                    }
                    let t = match fast_cmp_m::<M>(x, y, op) {
                        Some(r) => r,
                        None => {
                            jit::not_traceable::<M>(vm, "a comparison of objects that branches");
                            sync!();
                            let (x, y) = (peek(x), peek(y));
                            let r = tr!(ops::compare(vm, x, y, op));
                            tr!(ops::truthy(vm, r))
                        }
                    };
                    if !t {
                        next = target as usize;
                    }
                }
                // ANCHOR_END: compare_jump
                Insn::Jump { target } => next = target as usize,
                Insn::PopJumpIfFalse { target } | Insn::PopJumpIfTrue { target } => {
                    sp -= 1;
                    let v = fget!(sp);
                    let t = match v.0.promote() {
                        value::TRUE => true,
                        value::FALSE | value::NONE => false,
                        value::INT => v.1.ne(Int::new(0)).branch(),
                        value::FLOAT => v.1.bits_to_float().ne(Float::new(0.0)).branch(),
                        value::OBJ if M::RECORDING => {
                            // Built-in containers and strs: a read-only call, then a guard.
                            let t = tr!(jit::call_helper::<M, 1>(vm, &jit::TRUTH, [v.1]));
                            match t.promote() {
                                0 => false,
                                1 => true,
                                _ => {
                                    jit::not_traceable::<M>(vm, "the truth value of an object");
                                    sync!();
                                    tr!(ops::truthy(vm, peek(v)))
                                }
                            }
                        }
                        _ => {
                            jit::not_traceable::<M>(vm, "the truth value of an object");
                            sync!();
                            tr!(ops::truthy(vm, peek(v)))
                        }
                    };
                    let jump_if = matches!(insn, Insn::PopJumpIfTrue { .. });
                    if t == jump_if {
                        next = target as usize;
                    }
                }
                Insn::PopJumpIfNone { target } => {
                    sp -= 1;
                    if fget!(sp).0.promote() == value::NONE {
                        next = target as usize;
                    }
                }
                Insn::PopJumpIfNotNone { target } => {
                    sp -= 1;
                    if fget!(sp).0.promote() != value::NONE {
                        next = target as usize;
                    }
                }
                Insn::JumpIfFalseOrPop { target } | Insn::JumpIfTrueOrPop { target } => {
                    let v = vm.stack[sp - 1];
                    sync!();
                    let t = tr!(ops::truthy(vm, v));
                    let jump_if = matches!(insn, Insn::JumpIfTrueOrPop { .. });
                    if t == jump_if {
                        next = target as usize;
                    } else {
                        sp -= 1;
                    }
                }
                Insn::GetIter if M::RECORDING => {
                    let v = fget!(sp - 1);
                    sync!();
                    f.flush(0..2 * (nlocals + ncells));
                    let it = tr!(jit::call_value_helper::<M, 2>(
                        vm,
                        &jit::GET_ITER,
                        [v.0, v.1]
                    ));
                    fset!(sp - 1, it);
                }
                Insn::GetIter => {
                    let v = vm.stack[sp - 1];
                    sync!();
                    let it = tr!(ops::get_iter(vm, v));
                    vm.stack[sp - 1] = it;
                }
                Insn::GetRangeIter { argc } if M::RECORDING => {
                    let argc = argc as usize;
                    let fpos = sp - argc - 1;
                    sync!();
                    f.flush(0..2 * (sp - base));
                    let args = [
                        f.base_ref().to_int(),
                        Int::new((fpos - base) as i64),
                        Int::new(argc as i64),
                    ];
                    let it = tr!(jit::call_value_helper::<M, 3>(vm, &jit::RANGE_ITER, args));
                    sp -= argc;
                    fset!(sp - 1, it);
                }
                Insn::GetRangeIter { argc } => {
                    let argc = argc as usize;
                    let f = vm.stack[sp - argc - 1];
                    let args: Vec<Value> = vm.stack[sp - argc..sp].to_vec();
                    sp -= argc;
                    sync!();
                    let it = tr!(range_iter(vm, f, &args));
                    vm.stack[sp - 1] = it;
                }
                // ANCHOR: for_iter
                Insn::ForIter { target } if M::RECORDING => {
                    let it = fget!(sp - 1);
                    let range = if it.0.promote() == value::OBJ {
                        let is = tr!(jit::call_helper::<M, 1>(vm, &jit::IS_RANGE_ITER, [it.1]));
                        (is.promote() == 1)
                            .then(|| jit::range_offsets(it.1.peek() as usize))
                            .flatten()
                    } else {
                        None
                    };
                    if let Some([o_cur, o_stop, o_step]) = range {
                        // A range iterator: its fields, read and written in the trace.
                        let obj = it.1.to_ref();
                        // SAFETY: the object is a range iterator (checked above), whose fields
                        // are at these offsets; nothing borrows its state meanwhile.
                        let (cur, stop, step) = unsafe {
                            (obj.get_int(o_cur), obj.get_int(o_stop), obj.get_int(o_step))
                        };
                        let more = if step.promote() > 0 {
                            cur.lt(stop).branch()
                        } else {
                            cur.gt(stop).branch()
                        };
                        if more {
                            // SAFETY: as above.
                            unsafe { obj.set_int(o_cur, cur + step) };
                            fset!(sp, (Int::new(value::INT), cur));
                            sp += 1;
                        } else {
                            sp -= 1;
                            next = target as usize;
                        }
                    } else {
                        // Any other iterator: `next` as a residual call, which reports the end
                        // of the iteration as an exception-like exit (see `FOR_ITER`).
                        sync!();
                        f.flush(0..2 * (nlocals + ncells));
                        match tr!(jit::for_iter::<M>(vm, it)) {
                            Some(v) => {
                                fset!(sp, v);
                                sp += 1;
                            }
                            None => {
                                jit::not_traceable::<M>(vm, "the end of a for loop");
                                sp -= 1;
                                next = target as usize;
                            }
                        }
                    }
                }
                // ANCHOR_END: for_iter
                Insn::ForIter { target } => {
                    let it = vm.stack[sp - 1];
                    // Fast path: range and list iterators.
                    let fast = match Vm::obj_ref(it).map(|o| &o.kind) {
                        Some(Kind::Iter(st)) => {
                            let mut s = st.borrow_mut();
                            match &mut *s {
                                IterState::Range(cur, stop, step) => {
                                    let c = *cur;
                                    if (*step > 0 && c < *stop) || (*step < 0 && c > *stop) {
                                        *cur = c.wrapping_add(*step);
                                        Some(Some(Value::int(c)))
                                    } else {
                                        Some(None)
                                    }
                                }
                                _ => None,
                            }
                        }
                        _ => None,
                    };
                    // A generator runs in this loop: its frame goes on top, and its next
                    // `yield` (or its end) comes back to this `for`.
                    if fast.is_none()
                        && let Some(Kind::Generator(st)) = Vm::obj_ref(it).map(|o| &o.kind)
                    {
                        let here = pc;
                        pc = next;
                        sync!();
                        if resume_in_loop(vm, it, st, target as usize) {
                            continue 'frame;
                        }
                        pc = here;
                    }
                    let r = match fast {
                        Some(r) => r,
                        None => {
                            sync!();
                            tr!(ops::next(vm, it))
                        }
                    };
                    match r {
                        Some(v) => push!(vm, sp, v),
                        None => {
                            sp -= 1;
                            next = target as usize;
                        }
                    }
                }
                Insn::BuildTuple { n } | Insn::BuildList { n } if M::RECORDING => {
                    let n = n as usize;
                    sync!();
                    f.flush(0..2 * (sp - base));
                    let args = [
                        f.base_ref().to_int(),
                        Int::new((sp - n - base) as i64),
                        Int::new(n as i64),
                        Int::new(matches!(insn, Insn::BuildList { .. }) as i64),
                    ];
                    let v = tr!(jit::call_value_helper::<M, 4>(vm, &jit::BUILD, args));
                    sp -= n;
                    fset!(sp, v);
                    sp += 1;
                }
                Insn::BuildTuple { n } => {
                    let n = n as usize;
                    let items = vm.stack[sp - n..sp].to_vec();
                    sp -= n;
                    let t = vm.new_tuple(items);
                    push!(vm, sp, t);
                }
                Insn::BuildList { n } => {
                    let n = n as usize;
                    let items = vm.stack[sp - n..sp].to_vec();
                    sp -= n;
                    let t = vm.new_list(items);
                    push!(vm, sp, t);
                }
                Insn::BuildSet { n } => {
                    let n = n as usize;
                    let items = vm.stack[sp - n..sp].to_vec();
                    sp -= n;
                    sync!();
                    let s = vm.new_set(false);
                    push!(vm, sp, s);
                    sync!();
                    for it in items {
                        tr!(ops::set_add(vm, s.as_obj().expect("set"), it));
                    }
                }
                Insn::BuildMap { n } => {
                    let n = n as usize;
                    let items = vm.stack[sp - 2 * n..sp].to_vec();
                    sp -= 2 * n;
                    let d = vm.new_dict();
                    push!(vm, sp, d);
                    sync!();
                    for p in items.chunks(2) {
                        tr!(ops::dict_set(vm, d.as_obj().expect("dict"), p[0], p[1]));
                    }
                }
                Insn::BuildString { n } => {
                    let n = n as usize;
                    let mut s = String::new();
                    for v in &vm.stack[sp - n..sp] {
                        s.push_str(as_str(*v).unwrap_or(""));
                    }
                    sp -= n;
                    let v = vm.new_string(s);
                    push!(vm, sp, v);
                }
                Insn::BuildSlice { n } => {
                    let (a, b, c) = if n == 3 {
                        let c = pop!(vm, sp);
                        let b = pop!(vm, sp);
                        (pop!(vm, sp), b, c)
                    } else {
                        let b = pop!(vm, sp);
                        (pop!(vm, sp), b, Value::NONE)
                    };
                    let cls = vm.types.slice;
                    let s = vm.alloc(cls, Kind::Slice(a, b, c));
                    push!(vm, sp, Value::obj(s));
                }
                Insn::ListAppend { depth } => {
                    let v = pop!(vm, sp);
                    let l = vm.stack[sp - depth as usize];
                    if let Some(o) = l.as_obj()
                        && let Kind::List(items) = &o.kind
                    {
                        items.borrow_mut().push(v);
                        Vm::barrier(o);
                    }
                }
                Insn::SetAdd { depth } => {
                    let v = pop!(vm, sp);
                    let s = vm.stack[sp - depth as usize];
                    sync!();
                    tr!(ops::set_add(vm, s.as_obj().expect("set"), v));
                }
                Insn::MapAdd { depth } => {
                    let v = pop!(vm, sp);
                    let k = pop!(vm, sp);
                    let d = vm.stack[sp - depth as usize];
                    sync!();
                    tr!(ops::dict_set(vm, d.as_obj().expect("dict"), k, v));
                }
                Insn::ListExtend { depth } => {
                    let it = pop!(vm, sp);
                    let l = vm.stack[sp - depth as usize];
                    sync!();
                    let items = match ops::collect(vm, it) {
                        Ok(items) => items,
                        Err(e) => {
                            if vm.exc_matches(e.0, "TypeError") && !ops::callable(vm, it) {
                                let t = ops::type_name(vm, it);
                                return Err((
                                    vm.type_error(format!(
                                        "Value after * must be an iterable, not {t}"
                                    )),
                                    false,
                                ));
                            }
                            return Err((e, false));
                        }
                    };
                    if let Some(o) = l.as_obj()
                        && let Kind::List(v) = &o.kind
                    {
                        v.borrow_mut().extend(items);
                        Vm::barrier(o);
                    }
                }
                Insn::SetUpdate { depth } => {
                    let it = pop!(vm, sp);
                    let s = vm.stack[sp - depth as usize];
                    sync!();
                    let items = tr!(ops::collect(vm, it));
                    for x in items {
                        tr!(ops::set_add(vm, s.as_obj().expect("set"), x));
                    }
                }
                Insn::DictUpdate { depth } | Insn::DictMerge { depth } => {
                    let m = pop!(vm, sp);
                    let d = vm.stack[sp - depth as usize];
                    sync!();
                    let merge = matches!(insn, Insn::DictMerge { .. });
                    tr!(dict_update(
                        vm,
                        d,
                        m,
                        merge,
                        if merge {
                            vm.stack[sp - depth as usize - 2]
                        } else {
                            Value::NONE
                        }
                    ));
                }
                Insn::ListToTuple => {
                    let l = vm.stack[sp - 1];
                    let items = match Vm::obj_ref(l).map(|o| &o.kind) {
                        Some(Kind::List(v)) => v.borrow().clone(),
                        _ => vec![],
                    };
                    let t = vm.new_tuple(items);
                    vm.stack[sp - 1] = t;
                }
                Insn::FormatValue { conv, has_spec } => {
                    let spec = if has_spec {
                        pop!(vm, sp)
                    } else {
                        Value::UNBOUND
                    };
                    let v = vm.stack[sp - 1];
                    sync!();
                    let v = match conv {
                        Conversion::None => v,
                        Conversion::Str => {
                            let s = tr!(ops::to_str(vm, v));
                            vm.new_string(s)
                        }
                        Conversion::Repr => {
                            let s = tr!(ops::repr(vm, v));
                            vm.new_string(s)
                        }
                        Conversion::Ascii => {
                            let s = tr!(ops::repr(vm, v));
                            let s = super::builtins::ascii_escape(&s);
                            vm.new_string(s)
                        }
                    };
                    let spec_s = if spec.is_unbound() {
                        ""
                    } else {
                        as_str(spec).unwrap_or("")
                    };
                    let r = if spec_s.is_empty() && as_str(v).is_some() {
                        v
                    } else {
                        let s = tr!(super::builtins::format_value(vm, v, spec_s));
                        vm.new_string(s)
                    };
                    vm.stack[sp - 1] = r;
                }
                Insn::UnpackSequence { n } => {
                    let v = pop!(vm, sp);
                    sync!();
                    let items = match Vm::obj_ref(v).map(|o| &o.kind) {
                        Some(Kind::Tuple(t)) => t.to_vec(),
                        Some(Kind::List(l)) => l.borrow().clone(),
                        _ => tr!(unpack_iter(vm, v, n as usize)),
                    };
                    let n = n as usize;
                    if items.len() != n {
                        let msg = if items.len() > n {
                            format!("too many values to unpack (expected {n})")
                        } else {
                            format!(
                                "not enough values to unpack (expected {n}, got {})",
                                items.len()
                            )
                        };
                        return Err((vm.value_error(msg), false));
                    }
                    for x in items.into_iter().rev() {
                        push!(vm, sp, x);
                    }
                }
                Insn::UnpackEx { before, after } => {
                    let v = pop!(vm, sp);
                    sync!();
                    let items = tr!(ops::collect(vm, v));
                    let (b, a) = (before as usize, after as usize);
                    if items.len() < b + a {
                        return Err((
                            vm.value_error(format!(
                                "not enough values to unpack (expected at least {}, got {})",
                                b + a,
                                items.len()
                            )),
                            false,
                        ));
                    }
                    let mid = items[b..items.len() - a].to_vec();
                    let ml = vm.new_list(mid);
                    for x in items[items.len() - a..].iter().rev() {
                        push!(vm, sp, *x);
                    }
                    push!(vm, sp, ml);
                    for x in items[..b].iter().rev() {
                        push!(vm, sp, *x);
                    }
                }
                // ANCHOR: call_residual
                Insn::Call { .. }
                | Insn::CallKw { .. }
                | Insn::CallMethod { .. }
                | Insn::CallMethodKw { .. }
                    if M::RECORDING =>
                {
                    // Recorded as one residual call that runs the callee to its return (in a
                    // nested loop); calls are not inlined into traces yet.
                    let (argc, names, method) = match insn {
                        Insn::Call { argc } => (argc as usize, None, false),
                        Insn::CallKw { argc, names } => (argc as usize, Some(names), false),
                        Insn::CallMethod { argc } => (argc as usize, None, true),
                        Insn::CallMethodKw { argc, names } => (argc as usize, Some(names), true),
                        _ => unreachable!("call instruction"),
                    };
                    let fpos = sp - argc - 1 - method as usize;
                    let kwnames = names.map_or(0, |k| rt.consts[k as usize].payload);
                    sync!();
                    // The callee's arguments (and the frame's locals) are read from memory.
                    f.flush(0..2 * (sp - base));
                    let args = [
                        f.base_ref().to_int(),
                        Int::new((fpos - base) as i64),
                        Int::new(argc as i64),
                        Int::new(method as i64),
                        Int::new(kwnames),
                    ];
                    let v = tr!(jit::call_value_helper::<M, 5>(vm, &jit::CALL, args));
                    sp = fpos;
                    fset!(sp, v);
                    sp += 1;
                }
                // ANCHOR_END: call_residual
                Insn::Call { .. }
                | Insn::CallKw { .. }
                | Insn::CallMethod { .. }
                | Insn::CallMethodKw { .. } => {
                    let (argc, names, method) = match insn {
                        Insn::Call { argc } => (argc as usize, None, false),
                        Insn::CallKw { argc, names } => (argc as usize, Some(names), false),
                        Insn::CallMethod { argc } => (argc as usize, None, true),
                        Insn::CallMethodKw { argc, names } => (argc as usize, Some(names), true),
                        _ => unreachable!("call instruction"),
                    };
                    let nkw = names
                        .map(
                            |k| match Vm::obj_ref(rt.consts[k as usize]).map(|o| &o.kind) {
                                Some(Kind::Tuple(t)) => t.len(),
                                _ => 0,
                            },
                        )
                        .unwrap_or(0);
                    // Layout: f, [self_or_NULL], args...
                    let extra = if method { 1 } else { 0 };
                    let fpos = sp - argc - 1 - extra;
                    if names.is_none() {
                        // The caller's frame is saved as the general path below saves it
                        // (it resumes after the call with the callee's slots popped).
                        let caller_sp = sp;
                        sp = fpos;
                        pc = next;
                        sync!();
                        if push_frame_simple(vm, fpos, caller_sp - argc, argc, method) {
                            vm.safepoint();
                            continue 'frame;
                        }
                        // `C(...)` for a class whose instances come from `object.__new__` and a
                        // Python `__init__`: the instance is made here and `__init__` runs in
                        // this loop (no nested loop), its frame returning the instance.
                        if (!method || vm.stack[fpos + 1].is_unbound())
                            && let Some(cls) = vm.stack[fpos].as_obj()
                            && let Some(init) = plain_init(vm, cls)
                        {
                            let inst = Value::obj(vm.new_instance(cls));
                            if push_frame_for(vm, init, Some(inst), caller_sp - argc, argc) {
                                vm.frames.last_mut().expect("frame").init_self = inst;
                                vm.safepoint();
                                continue 'frame;
                            }
                        }
                        sp = caller_sp;
                    }
                    let f = vm.stack[fpos];
                    // A native function (a method of a built-in type after `LoadMethod`) with
                    // a few positional arguments gets them from a buffer on the Rust stack.
                    const NATIVE_BUF: usize = 8;
                    if names.is_none()
                        && argc < NATIVE_BUF
                        && let Some(Kind::Native(nf)) = Vm::obj_ref(f).map(|o| &o.kind)
                        && nf.bound.is_unbound()
                    {
                        let lo = if method && !vm.stack[fpos + 1].is_unbound() {
                            fpos + 1
                        } else {
                            sp - argc
                        };
                        let k = sp - lo;
                        let mut buf = [Value::UNBOUND; NATIVE_BUF];
                        buf[..k].copy_from_slice(&vm.stack[lo..sp]);
                        sp = fpos;
                        pc = next;
                        sync!();
                        call_done!(ops::call_native(vm, nf, &buf[..k]));
                        continue;
                    }
                    let mut args: Vec<Value> = Vec::with_capacity(argc + 1);
                    if method && !vm.stack[fpos + 1].is_unbound() {
                        args.push(vm.stack[fpos + 1]);
                    }
                    args.extend_from_slice(&vm.stack[sp - argc..sp - nkw]);
                    let kwargs: Vec<(Value, Value)> = match names {
                        Some(k) => {
                            let kn = match Vm::obj_ref(rt.consts[k as usize]).map(|o| &o.kind) {
                                Some(Kind::Tuple(t)) => t.to_vec(),
                                _ => vec![],
                            };
                            kn.into_iter()
                                .zip(vm.stack[sp - nkw..sp].iter().copied())
                                .collect()
                        }
                        None => vec![],
                    };
                    sp = fpos;
                    pc = next;
                    sync!();
                    // Python functions run in this loop.
                    let (target, args) = match Vm::obj_ref(f).map(|o| &o.kind) {
                        Some(Kind::BoundMethod(func, slf)) if func_of(*func).is_some() => {
                            let mut a = Vec::with_capacity(args.len() + 1);
                            a.push(*slf);
                            a.extend_from_slice(&args);
                            (*func, a)
                        }
                        _ => (f, args),
                    };
                    if let Some(func) = func_of(target)
                        && !code_of(func.code).code.is_generator()
                    {
                        // Keep the callee's arguments rooted while binding: they are in `args`
                        // only, and binding allocates.
                        vm.safepoint_args(&args);
                        if let Err(e) = push_frame(vm, target, &args, &kwargs) {
                            // Report at the call instruction.
                            let f = vm.frames.last_mut().expect("frame");
                            f.pc = pc - 1;
                            return Err((e, false));
                        }
                        continue 'frame;
                    }
                    call_done!(ops::call(vm, target, &args, &kwargs));
                    continue;
                }
                Insn::CallEx { has_kwargs } => {
                    let kw = if has_kwargs {
                        pop!(vm, sp)
                    } else {
                        Value::NONE
                    };
                    let a = pop!(vm, sp);
                    let f = pop!(vm, sp);
                    sync!();
                    let args = tr!(ops::collect(vm, a));
                    let mut kwargs = Vec::new();
                    if let Some(Kind::Dict(d)) = Vm::obj_ref(kw).map(|o| &o.kind) {
                        kwargs = d.borrow().items();
                    }
                    let r = tr!(ops::call(vm, f, &args, &kwargs));
                    push!(vm, sp, r);
                }
                Insn::MakeFunction { code: k, flags: fl } => {
                    let closure = if fl & make_fn::CLOSURE != 0 {
                        pop!(vm, sp)
                    } else {
                        Value::NONE
                    };
                    let _ann = if fl & make_fn::ANNOTATIONS != 0 {
                        pop!(vm, sp)
                    } else {
                        Value::NONE
                    };
                    let kwdefaults = if fl & make_fn::KWDEFAULTS != 0 {
                        pop!(vm, sp)
                    } else {
                        Value::NONE
                    };
                    let defaults = if fl & make_fn::DEFAULTS != 0 {
                        pop!(vm, sp)
                    } else {
                        Value::NONE
                    };
                    let cv = rt.consts[k as usize];
                    let f = make_function(vm, cv, globals, defaults, kwdefaults, closure);
                    if _ann.is_obj() {
                        let n = vm.intern("__annotations__");
                        tr!(ops::setattr(vm, f, n, _ann));
                    }
                    push!(vm, sp, f);
                }
                Insn::ReturnValue => {
                    let v = pop!(vm, sp);
                    let fr = vm.frames.pop().expect("frame");
                    vm.stack.truncate(fr.base);
                    generator_ended(&fr);
                    if vm.frames.len() < stop_depth {
                        return Ok(Out::Exit(Exit::Return(v)));
                    }
                    if fr.for_exit != 0 {
                        // The end of a generator a `for` of this loop resumed: the loop ends
                        // (its iterator is popped; the return value is not used).
                        let caller = vm.frames.last_mut().expect("frame");
                        caller.sp -= 1;
                        caller.pc = fr.for_exit;
                        vm.safepoint();
                        continue 'frame;
                    }
                    // An `__init__` run for a class call returns the new instance.
                    let v = if fr.init_self.is_none() {
                        v
                    } else if v.is_none() {
                        fr.init_self
                    } else {
                        let t = ops::type_name(vm, v);
                        let e = vm.type_error(format!("__init__() should return None, not '{t}'"));
                        // Raised by the call instruction, as from a nested constructor call.
                        let caller = vm.frames.last_mut().expect("frame");
                        caller.pc -= 1;
                        return Err((e, false));
                    };
                    // Back in the caller: push the result.
                    let caller = vm.frames.last_mut().expect("frame");
                    let csp = caller.sp;
                    caller.sp += 1;
                    vm.stack[csp] = v;
                    vm.safepoint();
                    continue 'frame;
                }
                Insn::LoadBuildClass => {
                    let v =
                        ops::dict_get_str(vm.builtins, "__build_class__").unwrap_or(Value::NONE);
                    push!(vm, sp, v);
                }
                Insn::SetupAnnotations => {
                    let locals = vm.frames.last().expect("frame").locals;
                    if let Some(d) = locals.as_obj()
                        && ops::dict_get_str(d, "__annotations__").is_none()
                    {
                        let a = vm.new_dict();
                        ops::dict_set_str(vm, d, "__annotations__", a);
                    }
                }
                Insn::Raise { n } => {
                    sync!();
                    match n {
                        0 => {
                            let h = vm.handled;
                            if h.is_none() {
                                return Err((
                                    vm.new_error("RuntimeError", "No active exception to reraise"),
                                    false,
                                ));
                            }
                            return Err((PyErr(h), true));
                        }
                        1 => {
                            let e = pop!(vm, sp);
                            sync!();
                            let exc = tr!(make_exception(vm, e));
                            return Err((PyErr(exc), false));
                        }
                        _ => {
                            let cause = pop!(vm, sp);
                            let e = pop!(vm, sp);
                            sync!();
                            let exc = tr!(make_exception(vm, e));
                            let cause = if cause.is_none() {
                                cause
                            } else {
                                tr!(make_exception(vm, cause))
                            };
                            let n = vm.intern("__cause__");
                            ops::set_instance_attr(exc.as_obj().expect("exc"), n, cause);
                            let n = vm.intern("__suppress_context__");
                            ops::set_instance_attr(exc.as_obj().expect("exc"), n, Value::TRUE);
                            return Err((PyErr(exc), false));
                        }
                    }
                }
                Insn::Reraise => {
                    let e = pop!(vm, sp);
                    sync!();
                    return Err((PyErr(e), true));
                }
                Insn::PushExcInfo => {
                    let e = vm.stack[sp - 1];
                    let prev = vm.handled;
                    vm.stack[sp - 1] = prev;
                    push!(vm, sp, e);
                    vm.handled = e;
                }
                Insn::PopExcept => {
                    let prev = pop!(vm, sp);
                    vm.handled = prev;
                }
                Insn::CheckExcMatch => {
                    let cls = pop!(vm, sp);
                    let e = vm.stack[sp - 1];
                    sync!();
                    let r = tr!(exc_match(vm, e, cls));
                    push!(vm, sp, Value::bool(r));
                }
                Insn::LoadAssertionError => {
                    let c = Value::obj(vm.exc["AssertionError"]);
                    push!(vm, sp, c);
                }
                Insn::BeforeWith => {
                    let m = pop!(vm, sp);
                    sync!();
                    let cls = ops::type_of(vm, m);
                    let (Some(enter), Some(exit)) = (
                        ops::lookup_type(vm, cls, "__enter__"),
                        ops::lookup_type(vm, cls, "__exit__"),
                    ) else {
                        let t = ops::type_name(vm, m);
                        return Err((
                            vm.type_error(format!(
                                "'{t}' object does not support the context manager protocol"
                            )),
                            false,
                        ));
                    };
                    let exit_b = tr!(ops::bind(vm, exit, m, cls));
                    push!(vm, sp, exit_b);
                    sync!();
                    let enter_b = tr!(ops::bind(vm, enter, m, cls));
                    let r = tr!(ops::call(vm, enter_b, &[], &[]));
                    push!(vm, sp, r);
                }
                Insn::WithExceptStart => {
                    let e = vm.stack[sp - 1];
                    let exit = vm.stack[sp - 3];
                    sync!();
                    let t = Value::obj(ops::type_of(vm, e));
                    let r = tr!(ops::call(vm, exit, &[t, e, Value::NONE], &[]));
                    push!(vm, sp, r);
                }
                Insn::YieldValue { .. } => {
                    let v = pop!(vm, sp);
                    pc = next;
                    sync!();
                    let fr = vm.frames.pop().expect("frame");
                    if let Some(Kind::Generator(g)) = Vm::obj_ref(fr.generator).map(|o| &o.kind) {
                        let mut g = g.borrow_mut();
                        g.slots.clear();
                        g.slots.extend_from_slice(&vm.stack[fr.base..]);
                        g.sp = fr.sp - fr.base;
                        g.pc = fr.pc;
                        if fr.for_exit != 0 {
                            g.running = false;
                        }
                        drop(g);
                        Vm::barrier(fr.generator.as_obj().expect("gen"));
                    }
                    vm.stack.truncate(fr.base);
                    if fr.for_exit != 0 {
                        // Resumed by a `for` of this loop: the value is its next item.
                        let caller = vm.frames.last_mut().expect("frame");
                        let csp = caller.sp;
                        caller.sp += 1;
                        vm.stack[csp] = v;
                        vm.safepoint();
                        continue 'frame;
                    }
                    return Ok(Out::Exit(Exit::Yield(v)));
                }
                Insn::GetYieldFromIter => {
                    let v = vm.stack[sp - 1];
                    if !matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::Generator(_))) {
                        sync!();
                        let it = tr!(ops::get_iter(vm, v));
                        vm.stack[sp - 1] = it;
                    }
                }
                Insn::Send { target } => {
                    let v = pop!(vm, sp);
                    let it = vm.stack[sp - 1];
                    sync!();
                    let r = if matches!(Vm::obj_ref(it).map(|o| &o.kind), Some(Kind::Generator(_)))
                    {
                        tr!(gen_step(vm, it, v, None))
                    } else if v.is_none() {
                        match tr!(ops::next(vm, it)) {
                            Some(x) => GenOut::Yield(x),
                            None => GenOut::Return(Value::NONE),
                        }
                    } else {
                        let r = tr!(ops::call_method(vm, it, "send", &[v]));
                        GenOut::Yield(r)
                    };
                    match r {
                        GenOut::Yield(x) => push!(vm, sp, x),
                        GenOut::Return(x) => {
                            vm.stack[sp - 1] = x;
                            next = target as usize;
                        }
                    }
                }
                Insn::ImportName { name } => {
                    let fromlist = pop!(vm, sp);
                    let level = pop!(vm, sp);
                    sync!();
                    let n = as_str(rt.names[name as usize]).unwrap_or("").to_string();
                    let m = tr!(super::import::import_name(
                        vm,
                        &n,
                        globals,
                        fromlist,
                        ops::as_i64(level).unwrap_or(0)
                    ));
                    push!(vm, sp, m);
                }
                Insn::ImportFrom { name } => {
                    let m = vm.stack[sp - 1];
                    sync!();
                    let n = as_str(rt.names[name as usize]).unwrap_or("").to_string();
                    let v = tr!(super::import::import_from(vm, m, &n));
                    push!(vm, sp, v);
                }
                Insn::ImportStar => {
                    let m = pop!(vm, sp);
                    let locals = vm.frames.last().expect("frame").locals;
                    sync!();
                    let target = locals.as_obj().unwrap_or(globals);
                    tr!(super::import::import_star(vm, m, target));
                }
                Insn::MatchMapping => {
                    let v = vm.stack[sp - 1];
                    let r = matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::Dict(_)));
                    push!(vm, sp, Value::bool(r));
                }
                Insn::MatchSequence => {
                    let v = vm.stack[sp - 1];
                    let r = matches!(
                        Vm::obj_ref(v).map(|o| &o.kind),
                        Some(Kind::List(_) | Kind::Tuple(_) | Kind::Range(..))
                    );
                    push!(vm, sp, Value::bool(r));
                }
                Insn::GetLen => {
                    let v = vm.stack[sp - 1];
                    sync!();
                    let n = tr!(ops::len(vm, v));
                    push!(vm, sp, Value::int(n as i64));
                }
                Insn::MatchKeys => {
                    let keys = vm.stack[sp - 1];
                    let subj = vm.stack[sp - 2];
                    sync!();
                    let ks = tr!(ops::collect(vm, keys));
                    let mut out = Vec::new();
                    let mut ok = true;
                    for k in ks {
                        match tr!(ops::dict_lookup(vm, subj.as_obj().expect("dict"), k)) {
                            Some(v) => out.push(v),
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    let r = if ok { vm.new_tuple(out) } else { Value::NONE };
                    push!(vm, sp, r);
                }
                Insn::MatchClass { argc } => {
                    let names = pop!(vm, sp);
                    let cls = pop!(vm, sp);
                    let subj = pop!(vm, sp);
                    sync!();
                    let r = tr!(match_class(vm, subj, cls, names, argc as usize));
                    push!(vm, sp, r);
                }
                Insn::CopyDictWithoutKeys => {
                    let keys = vm.stack[sp - 1];
                    let m = vm.stack[sp - 2];
                    sync!();
                    let d = vm.new_dict();
                    let items = match Vm::obj_ref(m).map(|o| &o.kind) {
                        Some(Kind::Dict(t)) => t.borrow().items(),
                        _ => vec![],
                    };
                    let ks = tr!(ops::collect(vm, keys));
                    for (k, v) in items {
                        let mut skip = false;
                        for kk in &ks {
                            if tr!(ops::eq(vm, k, *kk)) {
                                skip = true;
                            }
                        }
                        if !skip {
                            tr!(ops::dict_set(vm, d.as_obj().expect("dict"), k, v));
                        }
                    }
                    vm.stack[sp - 1] = d;
                }
                Insn::PrintExpr => {
                    let v = pop!(vm, sp);
                    sync!();
                    if !v.is_none() {
                        let s = tr!(ops::repr(vm, v));
                        let _ = writeln!(vm.out.borrow_mut(), "{s}");
                        ops::dict_set_str(vm, vm.builtins, "_", v);
                    }
                }
            }
            // ANCHOR: backedge
            if next <= pc {
                // A back-edge: count it, close the loop being recorded, or enter compiled code.
                pc = next;
                sync!();
                let key = GreenKey {
                    code: code_id as usize,
                    pc: next as u32,
                };
                if M::RECORDING {
                    // A recording that ends here (closing a loop, jumping to another loop's
                    // trace, or finishing) may resume at the target.
                    let depth = (sp - base) as u32;
                    if *vm.jit_depth.entry((code_id, pc as u32)).or_insert(depth) != depth {
                        vm.jit.abort_recording(AbortReason::NotTraceable);
                        *rec = None;
                        return Ok(Out::Switch);
                    }
                    if vm.jit.record_backedge(key, 0) == RecordStep::Stop {
                        *rec = None;
                        return Ok(Out::Switch);
                    }
                    continue;
                }
                vm.safepoint();
                // The jump back to a `for` whose iterator is used up leaves the loop: it is
                // not counted, so a recording never starts in a loop's last iteration (with a
                // trip count dividing the threshold, every recording would).
                if vm.jit.config.enabled
                    && let Insn::ForIter { .. } = insns[next]
                    && iter_exhausted(vm.stack[sp - 1])
                {
                    continue;
                }
                match vm.jit.backedge(key) {
                    Backedge::Interpret => {}
                    Backedge::Record => {
                        *rec = Some(Rec { gc_guard: true });
                        return Ok(Out::Switch);
                    }
                    Backedge::Enter(id) => {
                        let vmp: *mut Vm = vm;
                        // SAFETY: the frame view covers the running frame inside the stack,
                        // which never moves; the Vm starts with the JIT context header and is
                        // what the trace's residual calls expect; nothing else uses it meanwhile.
                        let resume = unsafe {
                            Jit::enter(&raw mut (*vmp).jit, id, f.base(), vmp as *mut JitCtxHeader)
                        };
                        pc = resume.pc as usize;
                        let depth = vm.jit_depth.get(&(code_id, pc as u32)).copied();
                        sp = base + depth.unwrap_or(0) as usize;
                        sync!();
                        if depth.is_none() {
                            let e = vm.new_error(
                                "SystemError",
                                format!("JIT exit at an unknown stack depth (pc {pc})"),
                            );
                            return Err((e, false));
                        }
                        if vm.header.exception == jit::EXHAUSTED {
                            // `next` in a `for` ended the iteration: finish the ForIter.
                            vm.header.exception = 0;
                            if let Insn::ForIter { target } = insns[pc] {
                                sp -= 1;
                                pc = target as usize;
                                sync!();
                            }
                        }
                        if let Err(e) = jit::take_pending(vm) {
                            return Err((e, false));
                        }
                        if resume.record_bridge {
                            *rec = Some(Rec { gc_guard: false });
                            return Ok(Out::Switch);
                        }
                    }
                }
                continue;
            }
            // ANCHOR_END: backedge
            pc = next;
        }
    }
}

use std::io::Write as _;

impl Vm {
    /// A safepoint at a call: the arguments being passed are rooted for the collection.
    pub fn safepoint_args(&mut self, args: &[Value]) {
        if self.native_depth > 0 || !self.heap.collection_requested() {
            return;
        }
        let n = self.temp_roots.len();
        self.temp_roots.extend_from_slice(args);
        self.safepoint();
        self.temp_roots.truncate(n);
    }
}

/// `LoadMethod`: the method and the receiver when `o.name` is a plain function found on an
/// instance's class (the call then passes the receiver), else the attribute and UNBOUND.
pub(crate) fn load_method(vm: &mut Vm, o: Value, k: Value) -> PyResult<(Value, Value)> {
    let (n, h) = ops::str_and_hash(k).unwrap_or(("", 0));
    if let Some(obj) = Vm::obj_ref(o) {
        match obj.kind {
            Kind::Instance(_) => {
                let cls = obj.class();
                if let Some(m) = ops::lookup_type_hashed(cls, n, h)
                    && matches!(Vm::obj_ref(m).map(|x| &x.kind), Some(Kind::Function(_)))
                    && ops::get_instance_attr(obj, n).is_none()
                {
                    return Ok((m, o));
                }
            }
            // Objects of the built-in containers and strings have no per-object attributes
            // unless they belong to a user subclass (`attrs`), so a function or an unbound
            // native found on the class is what `getattr` would bind: the call passes the
            // receiver instead, and no bound-method object is allocated.
            Kind::Str(_)
            | Kind::List(_)
            | Kind::Tuple(_)
            | Kind::Dict(_)
            | Kind::Set(_)
            | Kind::FrozenSet(_)
            | Kind::Bytes(_)
            | Kind::ByteArray(_)
                if obj.attrs.get().is_none() && n != "__class__" =>
            {
                if let Some(m) = ops::lookup_type_hashed(obj.class(), n, h) {
                    match Vm::obj_ref(m).map(|x| &x.kind) {
                        Some(Kind::Function(_)) => return Ok((m, o)),
                        Some(Kind::Native(nf)) if nf.bound.is_unbound() => return Ok((m, o)),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    Ok((ops::getattr(vm, o, k)?, Value::UNBOUND))
}

// ---------------------------------------------------------------- attribute inline caches
//
// The plain interpreter keeps, for each `LoadAttr`/`LoadMethod`/`StoreAttr`, a few entries
// saying what the full lookup (`ops::getattr`, `load_method`, `ops::setattr`) did for a receiver
// of a given class and shape. An entry is only made where that answer depends on nothing else:
// no property, no descriptor written in Python, no `__setattr__` written in Python, no
// `__getattr__` involved (the name was found), no per-object `__dict__` storage. It holds while
// the class epoch (`object::class_epoch`) is the one it was filled in: any change to any class
// namespace or MRO bumps the epoch. Recording mode does not use the caches: it records the
// residual calls of the full lookup, which compiled code then makes.

/// The cache of attribute-instruction operand `cache` (None for `u16::MAX`: the compiler gives
/// that slot to every site beyond the 65,535th, so its entries could be another name's).
#[inline]
fn attr_site(rt: &CodeRt, cache: u16) -> Option<&AttrSite> {
    if cache == u16::MAX {
        None
    } else {
        rt.attr_caches.get(cache as usize)
    }
}

/// What a cache says about a receiver.
enum Cached {
    /// The attribute, and the receiver to pass to it (`UNBOUND`: none).
    Hit(Value, Value),
    /// An entry says the full lookup is needed (and not worth filling again).
    Slow,
    Miss,
}

/// The receiver's class, and its shape id (0 for objects that are not instances), when it has no
/// per-object `__dict__` storage.
#[inline]
fn cache_key(obj: &Obj) -> Option<(*const Obj, u64)> {
    if !obj.attrs.get().is_none() {
        return None;
    }
    let cls = Gc::as_ptr(obj.cls.get()?);
    let shape = match &obj.kind {
        Kind::Instance(i) => i.shape.borrow().id,
        _ => 0,
    };
    Some((cls, shape))
}

/// `LoadAttr` (and `LoadMethod`) of `o.k` through the cache of its site.
#[inline]
fn cached_load(site: &AttrSite, o: Value, k: Value) -> Cached {
    let Some(obj) = Vm::obj_ref(o) else {
        return Cached::Slow;
    };
    let Some((cls, shape)) = cache_key(obj) else {
        return Cached::Slow;
    };
    let epoch = class_epoch();
    for e in site {
        let c = e.get();
        if c.epoch != epoch || c.cls != cls || c.shape != shape {
            continue;
        }
        return match c.hit {
            AttrHit::Slot => match &obj.kind {
                Kind::Instance(i) => match i.slots.borrow().get(c.ix as usize) {
                    Some(v) if !v.is_unbound() => Cached::Hit(*v, Value::UNBOUND),
                    _ => Cached::Slow,
                },
                _ => Cached::Slow,
            },
            AttrHit::ClassValue => Cached::Hit(c.value, Value::UNBOUND),
            AttrHit::Method => Cached::Hit(c.value, o),
            AttrHit::ModuleEntry => match &obj.kind {
                Kind::Module(d) => match &d.kind {
                    Kind::Dict(t) => match t.borrow().entries.get(c.ix as usize) {
                        Some(e) if e.key.tag == value::OBJ && e.key.payload == k.payload => {
                            Cached::Hit(e.value, Value::UNBOUND)
                        }
                        _ => Cached::Miss,
                    },
                    _ => Cached::Slow,
                },
                _ => Cached::Slow,
            },
            AttrHit::Empty | AttrHit::Add => Cached::Slow,
        };
    }
    Cached::Miss
}

/// Puts entry `e` into `site`: in place of one for the same key or one of an older epoch, else
/// in front, dropping the last.
fn cache_insert(site: &AttrSite, e: AttrCache) {
    let at = site
        .iter()
        .position(|c| {
            let c = c.get();
            c.epoch != e.epoch || (c.cls == e.cls && c.shape == e.shape)
        })
        .unwrap_or(site.len() - 1);
    for i in (1..=at).rev() {
        site[i].set(site[i - 1].get());
    }
    site[0].set(e);
}

/// Is class attribute kind `k` one the full lookup treats specially before or instead of the
/// instance's own attributes (a property, or an object that may be a descriptor written in
/// Python)? Those accesses are never cached.
fn descriptor_like(k: Option<&Kind>) -> bool {
    matches!(k, Some(Kind::Property(..) | Kind::Instance(_)))
}

/// On a miss: what the full lookup of `o.name` will do, as a new entry of `site` when it
/// depends only on the receiver's class and shape (else a `Slow` entry), and its answer.
fn fill_load(site: &AttrSite, o: Value, k: Value, method: bool) -> Cached {
    let Some(obj) = Vm::obj_ref(o) else {
        return Cached::Slow;
    };
    let Some((cls_ptr, shape)) = cache_key(obj) else {
        return Cached::Slow;
    };
    let Some((n, h)) = ops::str_and_hash(k) else {
        return Cached::Slow;
    };
    if let Kind::Module(d) = &obj.kind {
        // `ops::getattr_opt_hashed` for a module: its dict (after `__class__` and `__dict__`).
        if n == "__class__" || n == "__dict__" {
            return Cached::Slow;
        }
        let Kind::Dict(t) = &d.kind else {
            return Cached::Slow;
        };
        let Some(ix) = ops::dict_index_str_hashed(&t.borrow(), n, h) else {
            return Cached::Slow;
        };
        let e = AttrCache {
            epoch: class_epoch(),
            cls: cls_ptr,
            shape,
            hit: AttrHit::ModuleEntry,
            ix: ix as u32,
            ..AttrCache::default()
        };
        cache_insert(site, e);
        // A key that is not the instruction's own name object never hits: the full lookup.
        return match cached_load(site, o, k) {
            Cached::Hit(v, r) => Cached::Hit(v, r),
            _ => Cached::Slow,
        };
    }
    let is_instance = matches!(obj.kind, Kind::Instance(_));
    let builtin = matches!(
        obj.kind,
        Kind::Str(_)
            | Kind::List(_)
            | Kind::Tuple(_)
            | Kind::Dict(_)
            | Kind::Set(_)
            | Kind::FrozenSet(_)
            | Kind::Bytes(_)
            | Kind::ByteArray(_)
    );
    if !(is_instance || builtin && method) || n == "__class__" || n == "__dict__" {
        return Cached::Slow;
    }
    let cls = obj.class();
    let mut e = AttrCache {
        epoch: class_epoch(),
        cls: cls_ptr,
        shape,
        hit: AttrHit::Empty,
        ..AttrCache::default()
    };
    let a = ops::lookup_type_hashed(cls, n, h);
    let a_kind = a.and_then(Vm::obj_ref).map(|x| &x.kind);
    if let Kind::Instance(i) = &obj.kind {
        // `ops::getattr_opt_hashed` and `load_method` for an instance.
        if descriptor_like(a_kind) {
            // Leave `hit` Empty: a `Slow` entry.
        } else if let Some(ix) = i.shape.borrow().slot_of(n) {
            e.hit = AttrHit::Slot;
            e.ix = ix as u32;
        } else if let Some(a) = a {
            match a_kind {
                Some(Kind::Function(_)) if method => {
                    e.hit = AttrHit::Method;
                    e.value = a;
                }
                Some(Kind::StaticMethod(f)) => {
                    e.hit = AttrHit::ClassValue;
                    e.value = *f;
                }
                // Binding allocates a bound method (or calls a property): not cached.
                Some(Kind::Function(_) | Kind::Native(_) | Kind::ClassMethod(_)) => {}
                _ => {
                    e.hit = AttrHit::ClassValue;
                    e.value = a;
                }
            }
        } else {
            // Missing: `__getattr__` or an AttributeError, each time.
            return Cached::Slow;
        }
    } else {
        // `load_method` for a built-in container or string without per-object attributes.
        match a_kind {
            Some(Kind::Function(_)) => {
                e.hit = AttrHit::Method;
                e.value = a.unwrap_or(Value::UNBOUND);
            }
            Some(Kind::Native(nf)) if nf.bound.is_unbound() => {
                e.hit = AttrHit::Method;
                e.value = a.unwrap_or(Value::UNBOUND);
            }
            _ => {}
        }
    }
    cache_insert(site, e);
    cached_load(site, o, k)
}

/// `StoreAttr` of `v` into `o` through the cache of its site; false on a miss.
#[inline]
fn cached_store(site: &AttrSite, o: Value, v: Value) -> bool {
    let Some(obj) = Vm::obj_ref(o) else {
        return false;
    };
    let Kind::Instance(i) = &obj.kind else {
        return false;
    };
    let Some((cls, shape)) = cache_key(obj) else {
        return false;
    };
    let epoch = class_epoch();
    for e in site {
        let c = e.get();
        if c.epoch != epoch || c.cls != cls || c.shape != shape {
            continue;
        }
        match c.hit {
            AttrHit::Slot => match i.slots.borrow_mut().get_mut(c.ix as usize) {
                Some(s) => *s = v,
                None => return false,
            },
            AttrHit::Add => {
                let mut slots = i.slots.borrow_mut();
                if slots.len() != c.ix as usize {
                    return false;
                }
                slots.push(v);
                // SAFETY: `new_shape` is in the transition table of the shape the entry was
                // made for, which is the instance's shape (ids are never reused) and so alive;
                // entries are never removed from transition tables. The count taken here is
                // the instance's own reference.
                let new = unsafe {
                    Rc::increment_strong_count(c.new_shape);
                    Rc::from_raw(c.new_shape)
                };
                *i.shape.borrow_mut() = new;
            }
            _ => return false,
        }
        Vm::barrier(o.as_obj().expect("object"));
        return true;
    }
    false
}

/// After a full `StoreAttr` of `o.name` that succeeded and found the instance with shape
/// `before`: an entry for the next store on an instance of that class and shape, when the full
/// store depends on nothing else.
fn fill_store(vm: &Vm, site: &AttrSite, o: Value, k: Value, before: &Rc<Shape>) {
    let Some(obj) = Vm::obj_ref(o) else {
        return;
    };
    let Kind::Instance(i) = &obj.kind else {
        return;
    };
    let Some((cls_ptr, _)) = cache_key(obj) else {
        return;
    };
    let Some((n, h)) = ops::str_and_hash(k) else {
        return;
    };
    let cls = obj.class();
    if n == "__class__" || n == "__dict__" || Gc::ptr_eq(cls, vm.types.object) {
        return;
    }
    let mut e = AttrCache {
        epoch: class_epoch(),
        cls: cls_ptr,
        shape: before.id,
        hit: AttrHit::Empty,
        ..AttrCache::default()
    };
    // `ops::setattr` for an instance: a descriptor, a property or a `__setattr__` written in
    // Python takes the store over.
    let a = ops::lookup_type_hashed(cls, n, h);
    const SETATTR_HASH: i64 = ops::str_hash("__setattr__");
    let custom = ops::lookup_type_hashed(cls, "__setattr__", SETATTR_HASH)
        .is_some_and(|f| !matches!(Vm::obj_ref(f).map(|o| &o.kind), Some(Kind::Native(_))));
    if !descriptor_like(a.and_then(Vm::obj_ref).map(|x| &x.kind)) && !custom {
        let after = i.shape.borrow();
        if Rc::ptr_eq(&after, before) {
            if let Some(ix) = before.slot_of(n) {
                e.hit = AttrHit::Slot;
                e.ix = ix as u32;
            }
        } else if before
            .transitions
            .borrow()
            .get(n)
            .is_some_and(|t| Rc::ptr_eq(t, &after))
        {
            e.hit = AttrHit::Add;
            e.ix = before.names.len() as u32;
            e.new_shape = Rc::as_ptr(&after);
        }
    }
    cache_insert(site, e);
}

/// The shape of instance `o` (for `fill_store`).
fn shape_of(o: Value) -> Option<Rc<Shape>> {
    match Vm::obj_ref(o).map(|x| &x.kind) {
        Some(Kind::Instance(i)) => Some(i.shape.borrow().clone()),
        _ => None,
    }
}

/// `LoadGlobal` through its cache (see `GlobalCache`); None on a miss.
#[inline]
fn cached_global(
    site: &Cell<GlobalCache>,
    globals: Gc<Obj>,
    builtins: Gc<Obj>,
    key: Value,
) -> Option<Value> {
    let c = site.get();
    if c.globals != Gc::as_ptr(globals) as usize {
        return None;
    }
    let (Kind::Dict(g), Kind::Dict(b)) = (&globals.kind, &builtins.kind) else {
        return None;
    };
    let t = if c.builtin {
        if g.borrow().version != c.version {
            return None;
        }
        b.borrow()
    } else {
        g.borrow()
    };
    let e = t.entries.get(c.ix as usize)?;
    // The entry still holds the name (a deleted entry's key is unbound): its value is current.
    (e.key.tag == value::OBJ && e.key.payload == key.payload).then_some(e.value)
}

/// `LoadGlobal` by lookup in the globals, then the builtins, filling the site's cache.
fn load_global_fill(
    site: Option<&Cell<GlobalCache>>,
    globals: Gc<Obj>,
    builtins: Gc<Obj>,
    key: Value,
) -> Option<Value> {
    let (n, h) = ops::str_and_hash(key)?;
    let (Kind::Dict(g), Kind::Dict(b)) = (&globals.kind, &builtins.kind) else {
        return None;
    };
    let mut c = GlobalCache {
        globals: Gc::as_ptr(globals) as usize,
        ..GlobalCache::default()
    };
    let v = {
        let g = g.borrow();
        match ops::dict_index_str_hashed(&g, n, h) {
            Some(ix) => {
                c.ix = ix as u32;
                g.entries[ix].value
            }
            None => {
                c.builtin = true;
                c.version = g.version;
                let b = b.borrow();
                let ix = ops::dict_index_str_hashed(&b, n, h)?;
                c.ix = ix as u32;
                b.entries[ix].value
            }
        }
    };
    // Only an entry whose key is the instruction's own (interned) name can be checked cheaply.
    let d = if c.builtin { b } else { g };
    if d.borrow().entries[c.ix as usize].key.payload == key.payload
        && let Some(site) = site
    {
        site.set(c);
    }
    Some(v)
}

/// The items of `v` when it is an object of class `list` itself (not of a subclass).
#[inline]
fn exact_list(vm: &Vm, v: Value) -> Option<&'static RefCell<Vec<Value>>> {
    let o = Vm::obj_ref(v)?;
    match &o.kind {
        Kind::List(l) if o.cls.get().is_some_and(|c| Gc::ptr_eq(c, vm.types.list)) => Some(l),
        _ => None,
    }
}

/// `Unary`: `-a`, `+a`, `~a`, `not a`.
pub(crate) fn unary(vm: &mut Vm, a: Value, op: UnaryOp) -> PyResult<Value> {
    Ok(match op {
        UnaryOp::Not => Value::bool(!ops::truthy(vm, a)?),
        UnaryOp::Neg => ops::unary_neg(vm, a)?,
        UnaryOp::Pos => match a.tag {
            value::INT | value::FLOAT => a,
            value::TRUE => Value::int(1),
            value::FALSE => Value::int(0),
            _ if ops::as_bigint(a).is_some() => a,
            _ => ops::unary_dunder(vm, a, "__pos__", "+")?,
        },
        UnaryOp::Invert => match ops::as_i64(a) {
            Some(i) => Value::int(!i),
            None => match ops::as_bigint(a) {
                Some(b) => vm.new_bigint(!b),
                None => ops::unary_dunder(vm, a, "__invert__", "~")?,
            },
        },
    })
}

/// `GetRangeIter`: `iter(f(*args))`, without making the range object when `f` is `range` and
/// the arguments are small ints.
pub(crate) fn range_iter(vm: &mut Vm, f: Value, args: &[Value]) -> PyResult<Value> {
    let is_range = matches!(Vm::obj_ref(f).map(|o| &o.kind), Some(Kind::Type(_)))
        && f.as_obj().is_some_and(|c| Gc::ptr_eq(c, vm.types.range));
    if is_range && args.iter().all(|a| a.tag == value::INT) {
        let (s, e, st) = match args.len() {
            1 => (0, args[0].payload, 1),
            2 => (args[0].payload, args[1].payload, 1),
            _ => (args[0].payload, args[1].payload, args[2].payload),
        };
        if st == 0 {
            return Err(vm.value_error("range() arg 3 must not be zero"));
        }
        return Ok(ops::new_iter(vm, IterState::Range(s, e, st)));
    }
    let r = ops::call(vm, f, args, &[])?;
    ops::get_iter(vm, r)
}

/// True if `it` is a range, list or tuple iterator with no items left (false when unknown).
fn iter_exhausted(it: Value) -> bool {
    let Some(Kind::Iter(st)) = Vm::obj_ref(it).map(|o| &o.kind) else {
        return false;
    };
    let Ok(st) = st.try_borrow() else {
        return false;
    };
    match &*st {
        IterState::Range(cur, stop, step) => {
            !((*step > 0 && cur < stop) || (*step < 0 && cur > stop))
        }
        IterState::Seq(seq, i) => match Vm::obj_ref(*seq).map(|o| &o.kind) {
            Some(Kind::List(l)) => l.try_borrow().is_ok_and(|l| *i >= l.len()),
            Some(Kind::Tuple(t)) => *i >= t.len(),
            _ => false,
        },
        IterState::Done => true,
        _ => false,
    }
}

/// `LoadName`: the locals mapping (if the frame has one), then the globals, then the builtins.
pub(crate) fn load_name(vm: &mut Vm, locals: Value, globals: Gc<Obj>, k: Value) -> PyResult<Value> {
    let n = as_str(k).unwrap_or("");
    let mut found = None;
    if let Some(d) = locals.as_obj() {
        if matches!(d.kind, Kind::Dict(_)) {
            found = ops::dict_get_str(d, n);
        } else {
            match ops::getitem(vm, locals, k) {
                Ok(v) => found = Some(v),
                Err(e) if vm.exc_matches(e.0, "KeyError") => {}
                Err(e) => return Err(e),
            }
        }
    }
    match found
        .or_else(|| ops::dict_get_str(globals, n))
        .or_else(|| ops::dict_get_str(vm.builtins, n))
    {
        Some(v) => Ok(v),
        None => Err(name_error(vm, n, globals)),
    }
}

/// `StoreName`: into the locals mapping if the frame has one, else the globals.
pub(crate) fn store_name(
    vm: &mut Vm,
    locals: Value,
    globals: Gc<Obj>,
    k: Value,
    v: Value,
) -> PyResult<()> {
    if locals.is_obj() {
        ops::setitem(vm, locals, k, v)
    } else {
        ops::dict_set(vm, globals, k, v)
    }
}

/// `NameError: name 'x' is not defined`, with CPython's suggestion among the frame's locals,
/// the globals and the builtins.
fn name_error(vm: &mut Vm, n: &str, globals: Gc<Obj>) -> PyErr {
    let e = vm.new_error("NameError", format!("name '{n}' is not defined"));
    let mut names: Vec<String> = Vec::new();
    if let Some(fr) = vm.frames.last() {
        let c = &code_of(fr.code).code;
        for (i, v) in c.varnames.iter().enumerate() {
            if !vm.stack[fr.base + i].is_unbound() {
                names.push(v.to_string());
            }
        }
    }
    for d in [globals, vm.builtins] {
        if let Kind::Dict(t) = &d.kind {
            names.extend(
                t.borrow()
                    .keys()
                    .into_iter()
                    .filter_map(as_str)
                    .map(String::from),
            );
        }
    }
    let k = vm.new_str(n);
    if let Some(o) = e.0.as_obj() {
        let nk = vm.intern("name");
        ops::set_instance_attr(o, nk, k);
    }
    ops::set_suggestion(vm, e, n, &names);
    e
}

fn unbound_cell(vm: &mut Vm, code: &crate::bytecode::CodeObject, slot: usize) -> PyErr {
    let n = code.cell_name(slot).to_string();
    if slot < code.cellvars.len() {
        vm.new_error(
            "UnboundLocalError",
            format!("cannot access local variable '{n}' where it is not associated with a value"),
        )
    } else {
        vm.new_error(
            "NameError",
            format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"),
        )
    }
}

fn unpack_iter(vm: &mut Vm, v: Value, n: usize) -> PyResult<Vec<Value>> {
    let it = match ops::get_iter(vm, v) {
        Ok(it) => it,
        Err(e) => {
            if vm.exc_matches(e.0, "TypeError") {
                let t = ops::type_name(vm, v);
                return Err(vm.type_error(format!("cannot unpack non-iterable {t} object")));
            }
            return Err(e);
        }
    };
    let mut out = Vec::new();
    while let Some(x) = ops::next(vm, it)? {
        out.push(x);
        if out.len() > n {
            break;
        }
    }
    Ok(out)
}

fn dict_update(vm: &mut Vm, d: Value, m: Value, merge: bool, callee: Value) -> PyResult<()> {
    let dg = d.as_obj().expect("dict");
    let items = match Vm::obj_ref(m).map(|o| &o.kind) {
        Some(Kind::Dict(t)) => t.borrow().items(),
        _ => {
            let has_keys = ops::getattr_opt(vm, m, "keys")?.is_some();
            if !has_keys {
                let t = ops::type_name(vm, m);
                if merge {
                    let fname = callee_name(vm, callee);
                    return Err(vm.type_error(format!(
                        "{fname} argument after ** must be a mapping, not {t}"
                    )));
                }
                return Err(vm.type_error(format!("'{t}' object is not a mapping")));
            }
            let keys = ops::call_method(vm, m, "keys", &[])?;
            let keys = ops::collect(vm, keys)?;
            let mut out = Vec::new();
            for k in keys {
                let v = ops::getitem(vm, m, k)?;
                out.push((k, v));
            }
            out
        }
    };
    for (k, v) in items {
        if merge && ops::dict_lookup(vm, dg, k)?.is_some() {
            let fname = callee_name(vm, callee);
            let kn = as_str(k).unwrap_or("?").to_string();
            return Err(vm.type_error(format!(
                "{fname} got multiple values for keyword argument '{kn}'"
            )));
        }
        ops::dict_set(vm, dg, k, v)?;
    }
    Ok(())
}

fn callee_name(vm: &mut Vm, f: Value) -> String {
    match Vm::obj_ref(f).map(|o| &o.kind) {
        Some(Kind::Function(func)) => format!("{}()", func.qualname.borrow()),
        Some(Kind::BoundMethod(func, _)) => callee_name(vm, *func),
        Some(Kind::Native(n)) => format!("{}()", n.name),
        Some(Kind::Type(t)) => format!("{}()", t.name.borrow()),
        _ => format!("{}()", ops::type_name(vm, f)),
    }
}

/// Builds a function object.
pub fn make_function(
    vm: &mut Vm,
    code: Value,
    globals: Gc<Obj>,
    defaults: Value,
    kwdefaults: Value,
    closure: Value,
) -> Value {
    let code_obj = code.as_obj().expect("code");
    let c = code_of(code_obj);
    let defaults = match Vm::obj_ref(defaults).map(|o| &o.kind) {
        Some(Kind::Tuple(t)) => t.to_vec(),
        _ => vec![],
    };
    let closure: Box<[Value]> = match Vm::obj_ref(closure).map(|o| &o.kind) {
        Some(Kind::Tuple(t)) => t.clone(),
        _ => Box::new([]),
    };
    let module = ops::dict_get_str(globals, "__name__").unwrap_or(Value::NONE);
    let doc = match &c.code.docstring {
        Some(d) => vm.new_str(d),
        None => Value::NONE,
    };
    let cls = vm.types.function;
    Value::obj(vm.alloc(
        cls,
        Kind::Function(Box::new(Function {
            code: code_obj,
            globals,
            defaults: RefCell::new(defaults),
            kwdefaults: Cell::new(kwdefaults),
            closure,
            name: RefCell::new(c.code.name.clone()),
            qualname: RefCell::new(c.code.qualname.clone()),
            attrs: Cell::new(Value::NONE),
            module: Cell::new(module),
            doc: Cell::new(doc),
        })),
    ))
}

fn exc_match(vm: &mut Vm, e: Value, cls: Value) -> PyResult<bool> {
    if let Some(Kind::Tuple(t)) = Vm::obj_ref(cls).map(|o| &o.kind) {
        for c in t.iter().copied() {
            if exc_match(vm, e, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    match Vm::obj_ref(cls).map(|o| &o.kind) {
        Some(Kind::Type(_))
            if super::vm::is_subclass(cls.as_obj().expect("class"), vm.types.base_exception) =>
        {
            Ok(ops::isinstance(vm, e, cls.as_obj().expect("class")))
        }
        _ => Err(
            vm.type_error("catching classes that do not inherit from BaseException is not allowed")
        ),
    }
}

fn match_class(vm: &mut Vm, subj: Value, cls: Value, names: Value, argc: usize) -> PyResult<Value> {
    let Some(c) = cls.as_obj().filter(|c| matches!(c.kind, Kind::Type(_))) else {
        return Err(vm.type_error("called match pattern must be a class"));
    };
    if !ops::isinstance(vm, subj, c) {
        return Ok(Value::NONE);
    }
    let mut out = Vec::new();
    if argc > 0 {
        let self_match = [
            vm.types.int,
            vm.types.float,
            vm.types.str_,
            vm.types.bool_,
            vm.types.list,
            vm.types.tuple,
            vm.types.dict,
            vm.types.set,
            vm.types.frozenset,
            vm.types.bytes,
        ]
        .iter()
        .any(|t| Gc::ptr_eq(*t, c));
        if self_match {
            if argc > 1 {
                let t = super::vm::type_name_of(c);
                return Err(vm.type_error(format!(
                    "{t}() accepts 1 positional sub-pattern ({argc} given)"
                )));
            }
            out.push(subj);
        } else {
            let ma = ops::lookup_type(vm, c, "__match_args__");
            let ma = match ma {
                Some(m) => ops::collect(vm, m)?,
                None => vec![],
            };
            if argc > ma.len() {
                let t = super::vm::type_name_of(c);
                return Err(vm.type_error(format!(
                    "{t}() accepts {} positional sub-pattern{} ({argc} given)",
                    ma.len(),
                    if ma.len() == 1 { "" } else { "s" }
                )));
            }
            for n in &ma[..argc] {
                match ops::getattr_opt(vm, subj, as_str(*n).unwrap_or(""))? {
                    Some(v) => out.push(v),
                    None => return Ok(Value::NONE),
                }
            }
        }
    }
    for n in ops::collect(vm, names)? {
        match ops::getattr_opt(vm, subj, as_str(n).unwrap_or(""))? {
            Some(v) => out.push(v),
            None => return Ok(Value::NONE),
        }
    }
    Ok(vm.new_tuple(out))
}

/// The concrete value of an abstract one, for the plain-Rust slow paths (which run only when
/// not recording, or after the recording was abandoned).
#[inline(always)]
fn peek<M: Mode>(v: (Int<M>, Int<M>)) -> Value {
    Value {
        tag: v.0.peek(),
        payload: v.1.peek(),
    }
}

// ANCHOR: fast_binop
/// Small-int and float arithmetic, in the dialect: the operand tags are promoted (a guard on
/// each while recording), int `+ - *` check overflow (an overflowing trace exits to the
/// interpreter, which makes a big int), and `//`, `%` take the fast path only for a positive
/// divisor. None: the caller takes the general path (`ops`).
#[inline(always)]
fn fast_binop_m<M: Mode>(
    a: (Int<M>, Int<M>),
    b: (Int<M>, Int<M>),
    op: BinOp,
) -> Option<(Int<M>, Int<M>)> {
    let (ta, tb) = (a.0.promote(), b.0.promote());
    let int = |v: Int<M>| (Int::new(value::INT), v);
    let float = |v: Float<M>| (Int::new(value::FLOAT), v.to_bits());
    if ta == value::INT && tb == value::INT {
        let (x, y) = (a.1, b.1);
        return match op {
            BinOp::Add => x.add_ovf(y).map(int),
            BinOp::Sub => x.sub_ovf(y).map(int),
            BinOp::Mul => x.mul_ovf(y).map(int),
            BinOp::And => Some(int(x & y)),
            BinOp::Or => Some(int(x | y)),
            BinOp::Xor => Some(int(x ^ y)),
            BinOp::Mod if y.gt(Int::new(0)).branch() => Some(int(x.floormod(y))),
            BinOp::FloorDiv if y.gt(Int::new(0)).branch() => Some(int(x.floordiv(y))),
            _ => None,
        };
    }
    let is_num = |t: i64| t == value::INT || t == value::FLOAT;
    if is_num(ta) && is_num(tb) {
        let as_float = |t: i64, v: Int<M>| {
            if t == value::INT {
                v.to_float()
            } else {
                v.bits_to_float()
            }
        };
        let (x, y) = (as_float(ta, a.1), as_float(tb, b.1));
        return match op {
            BinOp::Add => Some(float(x + y)),
            BinOp::Sub => Some(float(x - y)),
            BinOp::Mul => Some(float(x * y)),
            BinOp::TrueDiv if !y.eq(Float::new(0.0)).branch() => Some(float(x / y)),
            _ => None,
        };
    }
    None
}
// ANCHOR_END: fast_binop

/// Int and float comparisons and identity, in the dialect. None: the general path.
#[inline(always)]
fn fast_cmp_m<M: Mode>(a: (Int<M>, Int<M>), b: (Int<M>, Int<M>), op: CmpOp) -> Option<bool> {
    let (ta, tb) = (a.0.promote(), b.0.promote());
    if ta == value::INT && tb == value::INT {
        let (x, y) = (a.1, b.1);
        return Some(
            match op {
                CmpOp::Lt => x.lt(y),
                CmpOp::Le => x.le(y),
                CmpOp::Eq | CmpOp::Is => x.eq(y),
                CmpOp::Ne | CmpOp::IsNot => x.ne(y),
                CmpOp::Gt => x.gt(y),
                CmpOp::Ge => x.ge(y),
                _ => return None,
            }
            .branch(),
        );
    }
    if ta == value::FLOAT && tb == value::FLOAT {
        let (x, y) = (a.1.bits_to_float(), b.1.bits_to_float());
        return Some(
            match op {
                CmpOp::Lt => x.lt(y),
                CmpOp::Le => x.le(y),
                CmpOp::Eq => x.eq(y),
                CmpOp::Ne => x.ne(y),
                CmpOp::Gt => x.gt(y),
                CmpOp::Ge => x.ge(y),
                _ => return None,
            }
            .branch(),
        );
    }
    match op {
        // Identity: equal tags and payloads (the tags are constants by now).
        CmpOp::Is | CmpOp::IsNot => {
            let same = ta == tb && a.1.eq(b.1).branch();
            Some(same == (op == CmpOp::Is))
        }
        _ => None,
    }
}

/// The source-level frame summary of the running frames (for `super()`): the innermost frame.
pub fn current_frame(vm: &Vm) -> Option<&Frame> {
    vm.frames.last()
}

/// `super()` with no arguments: `__class__` cell and first argument of the calling frame.
pub fn zero_arg_super(vm: &mut Vm) -> PyResult<(Value, Value)> {
    let Some(fr) = vm.frames.last() else {
        return Err(vm.new_error("RuntimeError", "super(): no arguments"));
    };
    let c = &code_of(fr.code).code;
    let nlocals = c.varnames.len();
    let Some(ci) = c.freevars.iter().position(|n| &**n == "__class__") else {
        return Err(vm.new_error("RuntimeError", "super(): __class__ cell not found"));
    };
    let cell = vm.stack[fr.base + nlocals + c.cellvars.len() + ci];
    let cls = match Vm::obj_ref(cell).map(|o| &o.kind) {
        Some(Kind::Cell(x)) => x.get(),
        _ => Value::UNBOUND,
    };
    if c.argcount == 0 || nlocals == 0 {
        return Err(vm.new_error("RuntimeError", "super(): no arguments"));
    }
    let mut first = vm.stack[fr.base];
    // The first argument may live in a cell (captured by an inner function).
    if let Some(ci) = c.cell_args.iter().position(|a| *a == Some(0)) {
        let cell = vm.stack[fr.base + nlocals + ci];
        if let Some(Kind::Cell(x)) = Vm::obj_ref(cell).map(|o| &o.kind) {
            first = x.get();
        }
    }
    if cls.is_unbound() {
        return Err(vm.new_error("RuntimeError", "super(): empty __class__ cell"));
    }
    Ok((cls, first))
}

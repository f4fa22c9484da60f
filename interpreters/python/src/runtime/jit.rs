//! What pyvgc's loop needs to run in the metatrace dialect: frame views and residual helpers.
//!
//! The interpreter loop (`interp`) is generic over `M: metatrace::Mode`. Its handlers read and
//! write the running frame through a `metatrace::Frame` over `Vm::stack` (two words per value:
//! tag, payload), so while recording the frame's values live in trace registers and compiled code
//! writes them back only on exit. Slow paths that the tracer does not follow run as *residual
//! calls* of the helpers below: `extern "C"` functions that do exactly what the interpreter does
//! (they call the same `ops` functions), so a trace calls the same code the interpreter ran. A
//! helper that raises stores the exception in `Vm::pending_error` and sets the JIT context's
//! exception flag; compiled code then exits at the call's opcode and the loop raises it there.
//! A helper returns one word; a value's tag comes back in `Vm::ret.tag`, read with a load.
//!
//! Deliberately not here: a helper never runs a safepoint (no collection while a trace holds
//! values in registers; the loop header's `gc_request_guard` exits the trace when one is due),
//! and helpers do not read the frame from memory.

use std::borrow::Cow;
use std::sync::LazyLock;

use metatrace::{CallDescr, Effect, Frame, Int, Mode, Ref, Type, residual_call};

use super::interp;
use super::object::Kind;
use super::ops;
use super::types::iter::IterState;
use super::value::{self, Value};
use super::vm::{PyErr, PyResult, Vm};
use crate::bytecode::{BinOp, CmpOp, UnaryOp};

/// A residual helper: its descriptor (for traces) and a way to call it with a slice of words.
pub struct Helper {
    pub descr: CallDescr,
    pub call: fn(*mut Vm, &[i64]) -> i64,
}

/// The value the words `(tag, payload)` stand for.
#[inline]
fn val(tag: i64, payload: i64) -> Value {
    Value { tag, payload }
}

/// Stores a helper's result: the payload is returned, the tag goes to `Vm::ret.tag`.
#[inline]
fn ret(vm: &mut Vm, v: Value) -> i64 {
    vm.ret = v;
    v.payload
}

macro_rules! helpers {
    ($( $(#[$doc:meta])* $descr:ident = $name:ident ($vm:ident; $($arg:ident),*) [$effect:ident] $body:block )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::not_unsafe_ptr_arg_deref, reason = "called only by the interpreter and by compiled code, with the live Vm")]
            pub extern "C" fn $name(vmp: *mut Vm, $($arg: i64),*) -> i64 {
                // SAFETY: helpers are called only with the interpreter's own Vm, by the loop or
                // by compiled code it entered; nothing else uses it meanwhile.
                let $vm = unsafe { &mut *vmp };
                let f = |$vm: &mut Vm| -> PyResult<i64> { $body };
                match f($vm) {
                    Ok(v) => v,
                    Err(PyErr(e)) => {
                        $vm.pending_error = e;
                        $vm.header.exception = 1;
                        0
                    }
                }
            }
            pub static $descr: LazyLock<Helper> = LazyLock::new(|| Helper {
                descr: CallDescr {
                    name: Cow::Borrowed(stringify!($name)),
                    addr: $name as *const () as usize,
                    args: Cow::Owned(vec![Type::Int; [$(stringify!($arg)),*].len()]),
                    ret: Type::Int,
                    effect: Effect::$effect,
                },
                call: |vm, args| {
                    let [$($arg),*] = *<&[i64; [$(stringify!($arg)),*].len()]>::try_from(args)
                        .expect("helper arity");
                    $name(vm, $($arg),*)
                },
            });
        )*
    };
}

/// `n` values from position `pos` of the frame at address `frame`.
fn frame_values(frame: i64, pos: usize, n: usize) -> Vec<Value> {
    // SAFETY: the loop passes its frame's address and positions inside its stack, whose values
    // it wrote to memory before the call.
    unsafe { std::slice::from_raw_parts((frame as *const Value).add(pos), n) }.to_vec()
}

/// The Vm as an abstract pointer, to load helper results from its fields.
#[inline(always)]
pub fn vm_ref<M: Mode>(vm: &mut Vm) -> Ref<M> {
    Ref::new(vm as *mut Vm as usize)
}

/// The object at address `p`.
fn obj(p: i64) -> vgc::Gc<super::object::Obj> {
    // SAFETY: the loop passes addresses of live objects it holds (the frame's globals).
    unsafe { vgc::Gc::from_ptr(p as *const super::object::Obj) }
}

/// A global's value or UNBOUND: the globals dict at `globals`, then the builtins.
fn global_value(vm: &Vm, globals: i64, name: i64) -> Value {
    let g = obj(globals);
    let n = val(value::OBJ, name);
    let (s, h) = ops::str_and_hash(n).unwrap_or(("", 0));
    ops::dict_get_str_hashed(g, s, h)
        .or_else(|| ops::dict_get_str_hashed(vm.builtins, s, h))
        .unwrap_or(Value::UNBOUND)
}

helpers! {
    /// `a op b` (`ops::binary_op`).
    BINARY_OP = pyvgc_binary_op(vm; at, ap, bt, bp, op) [Any] {
        let r = ops::binary_op(vm, val(at, ap), val(bt, bp), BinOp::ALL[op as usize])?;
        Ok(ret(vm, r))
    }
    /// `a op= b` (`ops::inplace_op`).
    INPLACE_OP = pyvgc_inplace_op(vm; at, ap, bt, bp, op) [Any] {
        let r = ops::inplace_op(vm, val(at, ap), val(bt, bp), BinOp::ALL[op as usize])?;
        Ok(ret(vm, r))
    }
    /// `a op b` for a comparison (`ops::compare`).
    COMPARE = pyvgc_compare(vm; at, ap, bt, bp, op) [Any] {
        let r = ops::compare(vm, val(at, ap), val(bt, bp), CmpOp::ALL[op as usize])?;
        Ok(ret(vm, r))
    }
    /// `o.name`.
    GETATTR = pyvgc_getattr(vm; ot, op, name) [Any] {
        let r = ops::getattr(vm, val(ot, op), val(value::OBJ, name))?;
        Ok(ret(vm, r))
    }
    /// `o.name = v`.
    SETATTR = pyvgc_setattr(vm; ot, op, name, vt, vp) [Any] {
        ops::setattr(vm, val(ot, op), val(value::OBJ, name), val(vt, vp))?;
        Ok(0)
    }
    /// `c[k]`.
    GETITEM = pyvgc_getitem(vm; ct, cp, kt, kp) [Any] {
        let r = ops::getitem(vm, val(ct, cp), val(kt, kp))?;
        Ok(ret(vm, r))
    }
    /// `c[k] = v`.
    SETITEM = pyvgc_setitem(vm; ct, cp, kt, kp, vt, vp) [Any] {
        ops::setitem(vm, val(ct, cp), val(kt, kp), val(vt, vp))?;
        Ok(0)
    }
    /// A call: the callee at value `fpos` of the frame at address `frame`, then (for a method
    /// call) the receiver or UNBOUND, then `argc` arguments, the last ones named by the tuple
    /// `kwnames` (0: none). A Python callee runs to its return in a nested loop.
    CALL = pyvgc_call(vm; frame, fpos, argc, method, kwnames) [Any] {
        let slots = frame as *const Value;
        // SAFETY: the loop passes its frame's address and positions inside its stack, whose
        // values it wrote to memory before the call.
        let at = |i: usize| unsafe { *slots.add(i) };
        let names: Vec<Value> = if kwnames == 0 {
            Vec::new()
        } else {
            match Vm::obj_ref(val(value::OBJ, kwnames)).map(|o| &o.kind) {
                Some(Kind::Tuple(t)) => t.to_vec(),
                _ => Vec::new(),
            }
        };
        let (fpos, argc) = (fpos as usize, argc as usize);
        let first = fpos + 1 + method as usize;
        let npos = argc - names.len().min(argc);
        let mut args = Vec::with_capacity(argc + 1);
        if method != 0 && !at(fpos + 1).is_unbound() {
            args.push(at(fpos + 1));
        }
        args.extend((first..first + npos).map(at));
        let kwargs: Vec<(Value, Value)> =
            names.into_iter().zip((first + npos..first + argc).map(at)).collect();
        let r = ops::call(vm, at(fpos), &args, &kwargs)?;
        if vm.exit_code.get().is_some() {
            return Err(vm.new_error("SystemExit", "exit"));
        }
        Ok(ret(vm, r))
    }
    /// `LoadMethod`: returns the method (tag in `Vm::ret`) and sets `Vm::aux` to 1 when the
    /// call must pass the receiver, 0 when the method is bound already.
    LOAD_METHOD = pyvgc_load_method(vm; ot, op, name) [Any] {
        let (m, slf) = interp::load_method(vm, val(ot, op), val(value::OBJ, name))?;
        vm.aux = (!slf.is_unbound()) as i64;
        Ok(ret(vm, m))
    }
    /// `-a`, `+a`, `~a`, `not a`.
    UNARY = pyvgc_unary(vm; at, ap, op) [Any] {
        let r = interp::unary(vm, val(at, ap), UnaryOp::ALL[op as usize])?;
        Ok(ret(vm, r))
    }
    /// `iter(v)`.
    GET_ITER = pyvgc_get_iter(vm; t, p) [Any] {
        let r = ops::get_iter(vm, val(t, p))?;
        Ok(ret(vm, r))
    }
    /// `GetRangeIter`: the callee at value `fpos` of the frame at `frame`, `argc` arguments after.
    RANGE_ITER = pyvgc_range_iter(vm; frame, fpos, argc) [Any] {
        let v = frame_values(frame, fpos as usize, argc as usize + 1);
        let r = interp::range_iter(vm, v[0], &v[1..])?;
        Ok(ret(vm, r))
    }
    /// `BuildTuple` / `BuildList` (`list` 1) of the `n` values from `pos` in the frame at `frame`.
    BUILD = pyvgc_build(vm; frame, pos, n, list) [Any] {
        let items = frame_values(frame, pos as usize, n as usize);
        let r = if list != 0 { vm.new_list(items) } else { vm.new_tuple(items) };
        Ok(ret(vm, r))
    }
    /// `LoadName`: a name in the locals mapping, the globals or the builtins.
    LOAD_NAME = pyvgc_load_name(vm; lt, lp, globals, name) [Any] {
        let r = interp::load_name(vm, val(lt, lp), obj(globals), val(value::OBJ, name))?;
        Ok(ret(vm, r))
    }
    /// `StoreName`.
    STORE_NAME = pyvgc_store_name(vm; lt, lp, globals, name, vt, vp) [Any] {
        interp::store_name(vm, val(lt, lp), obj(globals), val(value::OBJ, name), val(vt, vp))?;
        Ok(0)
    }
    /// The tag of global `name` (UNBOUND if it is not defined). Only reads dicts.
    GLOBAL_TAG = pyvgc_global_tag(vm; globals, name) [ReadOnly] {
        Ok(global_value(vm, globals, name).tag)
    }
    /// The payload of global `name`. Only reads dicts.
    GLOBAL_PAYLOAD = pyvgc_global_payload(vm; globals, name) [ReadOnly] {
        Ok(global_value(vm, globals, name).payload)
    }
    /// 1 if the object at `p` is a range iterator (whose fields `RangeLayout` describes).
    IS_RANGE_ITER = pyvgc_is_range_iter(vm; p) [ReadOnly] {
        let _ = &vm;
        Ok(range_fields(p as usize).is_some() as i64)
    }
    /// `next(it)` for a `for` loop. The end of the iteration is reported like an exception
    /// ([`EXHAUSTED`] in the exception flag), so compiled code exits at the `ForIter` through its
    /// `guard_no_exception` and the loop finishes that `ForIter` without calling `next` again.
    FOR_ITER = pyvgc_for_iter(vm; it_t, it_p) [Any] {
        match ops::next(vm, val(it_t, it_p))? {
            Some(v) => Ok(ret(vm, v)),
            None => {
                vm.ret = Value::UNBOUND;
                vm.header.exception = EXHAUSTED;
                Ok(0)
            }
        }
    }
    /// The truth value of the object at `p` when it depends on the object alone (strs, big ints,
    /// lists, tuples, dicts, sets, bytes): 0 or 1; 2 for anything else. Only reads.
    TRUTH = pyvgc_truth(vm; p) [ReadOnly] {
        let _ = &vm;
        let Some(o) = Vm::obj_ref(val(value::OBJ, p)) else {
            return Ok(2);
        };
        Ok(match &o.kind {
            Kind::Str(s) => !s.s.is_empty() as i64,
            Kind::BigInt(_) => 1,
            Kind::List(l) => l.try_borrow().map_or(2, |l| !l.is_empty() as i64),
            Kind::Tuple(t) => !t.is_empty() as i64,
            Kind::Dict(d) => d.try_borrow().map_or(2, |d| !d.is_empty() as i64),
            Kind::Set(s) | Kind::FrozenSet(s) => s.try_borrow().map_or(2, |s| !s.is_empty() as i64),
            Kind::Bytes(b) => !b.is_empty() as i64,
            _ => 2,
        })
    }
    /// The write barrier for a store of a reference into the object at `p`.
    BARRIER = pyvgc_barrier(vm; p) [Any] {
        let _ = &vm;
        // SAFETY: the loop passes the address of a live heap object it just stored into.
        unsafe { vgc::vgc_write_barrier(p as *const u8) };
        Ok(0)
    }
}

/// The exception flag's value for "the iterator is exhausted" (1 is "an exception is pending").
pub const EXHAUSTED: i64 = 2;

/// `next(it)` for a `for` loop through [`FOR_ITER`]: the next value, or None at the end.
pub fn for_iter<M: Mode>(vm: &mut Vm, it: (Int<M>, Int<M>)) -> PyResult<Option<(Int<M>, Int<M>)>> {
    let vmp: *mut Vm = vm;
    let payload = residual_call::<M>(&FOR_ITER.descr, &[it.0.tag(), it.1.tag()], || {
        (FOR_ITER.call)(vmp, &[it.0.peek(), it.1.peek()])
    });
    if vm.header.exception == EXHAUSTED {
        vm.header.exception = 0;
        return Ok(None);
    }
    take_pending(vm)?;
    let ctx = Ref::<M>::new(vm as *mut Vm as usize);
    // SAFETY: `ret` is a field of the live Vm (`#[repr(C)]`) at this offset.
    let tag = unsafe { ctx.get_int(std::mem::offset_of!(Vm, ret) as i64) };
    Ok(Some((tag, payload)))
}

/// The addresses of a range iterator's next value, stop and step, if `p` is one.
fn range_fields(p: usize) -> Option<[usize; 3]> {
    // SAFETY: the caller passes the payload of an OBJ value, a live object.
    let o = unsafe { &*(p as *const super::object::Obj) };
    let Kind::Iter(st) = &o.kind else {
        return None;
    };
    // SAFETY: nothing borrows an iterator's state while the loop runs an instruction.
    match unsafe { &*st.as_ptr() } {
        IterState::Range(cur, stop, step) => Some([
            cur as *const i64 as usize,
            stop as *const i64 as usize,
            step as *const i64 as usize,
        ]),
        _ => None,
    }
}

/// Byte offsets of a range iterator's fields from its object's address. Every range iterator has
/// the same layout (one Rust type), so one probe tells them all.
pub fn range_offsets(p: usize) -> Option<[i64; 3]> {
    range_fields(p).map(|a| a.map(|f| f as i64 - p as i64))
}

/// Where compiled code finds a list's items: byte offsets from a list object's address of its
/// class pointer, its items pointer and its length.
#[derive(Clone, Copy, Debug)]
pub struct ListLayout {
    pub cls: i64,
    pub items: i64,
    pub len: i64,
}

static LIST_LAYOUT: std::sync::OnceLock<Option<ListLayout>> = std::sync::OnceLock::new();

/// The layout of list objects, found once by looking at a probe list (the layout of one Rust
/// type is fixed for the whole program). None if the probe cannot tell the fields apart (then
/// list accesses are residual calls).
pub fn list_layout(vm: &mut Vm) -> Option<ListLayout> {
    *LIST_LAYOUT.get_or_init(|| {
        let mut items = Vec::with_capacity(8);
        items.extend_from_slice(&[Value::NONE; 3]);
        let cls = vm.types.list;
        let g = vm.alloc(cls, Kind::List(std::cell::RefCell::new(items)));
        let o: &super::object::Obj = &g;
        let base = o as *const super::object::Obj as usize;
        let Kind::List(cell) = &o.kind else {
            return None;
        };
        let vec_addr = cell.as_ptr() as usize;
        // SAFETY: the probe list is alive and not borrowed.
        let v = unsafe { &*cell.as_ptr() };
        if std::mem::size_of::<Vec<Value>>() != 24 {
            return None;
        }
        // SAFETY: a Vec is three words at its address.
        let words = unsafe { std::slice::from_raw_parts(vec_addr as *const usize, 3) };
        let find = |x: usize| {
            let mut hits = (0..3).filter(|&k| words[k] == x);
            match (hits.next(), hits.next()) {
                (Some(k), None) => Some(k),
                _ => None,
            }
        };
        let items = find(v.as_ptr() as usize)?;
        let len = find(v.len())?;
        Some(ListLayout {
            cls: (&o.cls as *const _ as usize - base) as i64,
            items: (vec_addr + 8 * items - base) as i64,
            len: (vec_addr + 8 * len - base) as i64,
        })
    })
}

/// The list `c` and the index `k` as a position in it, if `c` is an exact list and `k` an int
/// in range (negative ones count from the end); guards on all of it while recording.
#[inline(always)]
pub fn list_slot<M: Mode>(vm: &mut Vm, c: (Int<M>, Int<M>), k: (Int<M>, Int<M>)) -> Option<Ref<M>> {
    if c.0.promote() != value::OBJ || k.0.promote() != value::INT {
        return None;
    }
    let l = list_layout(vm)?;
    let list_cls = vgc::Gc::as_ptr(vm.types.list) as i64;
    let o = c.1.to_ref();
    // SAFETY: an OBJ payload is a live object, whose class pointer is at `l.cls`.
    let cls = unsafe { o.get_int(l.cls) };
    if !cls.eq(Int::new(list_cls)).branch() {
        return None;
    }
    // SAFETY: an object of class list is a list, with these fields.
    let len = unsafe { o.get_int(l.len) };
    let i = if k.1.lt(Int::new(0)).branch() {
        k.1 + len
    } else {
        k.1
    };
    if !i.ult(len).branch() {
        return None;
    }
    // SAFETY: as above.
    let items = unsafe { o.get_int(l.items) }.to_ref();
    Some(items.offset(i * Int::new(16)))
}

/// Calls `h` with `args` through the mode (a residual call while recording) and raises what it
/// raised. Returns the helper's word.
#[inline(always)]
pub fn call_helper<M: Mode, const N: usize>(
    vm: &mut Vm,
    h: &'static Helper,
    args: [Int<M>; N],
) -> PyResult<Int<M>> {
    let vmp: *mut Vm = vm;
    let r = residual_call::<M>(&h.descr, &args.map(|a| a.tag()), || {
        (h.call)(vmp, &args.map(|a| a.peek()))
    });
    take_pending(vm)?;
    Ok(r)
}

/// Calls a helper that returns a value: the payload it returned, the tag from `Vm::ret`.
#[inline(always)]
pub fn call_value_helper<M: Mode, const N: usize>(
    vm: &mut Vm,
    h: &'static Helper,
    args: [Int<M>; N],
) -> PyResult<(Int<M>, Int<M>)> {
    let payload = call_helper::<M, N>(vm, h, args)?;
    let ctx = Ref::<M>::new(vm as *mut Vm as usize);
    // SAFETY: `ret` is a field of the live Vm (`#[repr(C)]`) at this offset.
    let tag = unsafe { ctx.get_int(std::mem::offset_of!(Vm, ret) as i64) };
    Ok((tag, payload))
}

/// Raises the exception a helper left pending, if any.
#[inline(always)]
pub fn take_pending(vm: &mut Vm) -> PyResult<()> {
    if vm.header.exception != 0 {
        vm.header.exception = 0;
        let e = std::mem::replace(&mut vm.pending_error, Value::UNBOUND);
        return Err(PyErr(e));
    }
    Ok(())
}

/// A frame view of `nvalues` values from stack index `base`.
///
/// # Safety
/// `base + nvalues` must be within the stack's capacity (the stack never moves).
#[inline(always)]
pub unsafe fn window<M: Mode>(vm: &mut Vm, base: usize, nvalues: usize) -> Frame<M> {
    debug_assert!(base + nvalues <= vm.stack.capacity());
    // SAFETY: the caller guarantees the range is inside the stack's allocation.
    unsafe { Frame::new(vm.stack.as_mut_ptr().add(base) as *mut i64, nvalues * 2, 0) }
}

/// Value `i` of a frame view. The plain interpreter reads the words directly: positions come
/// from bytecode whose stack discipline the compiler verified, inside a frame sized for it, and
/// this is the hottest path of the loop; while recording, `Frame::get` checks the position.
#[inline(always)]
pub fn get<M: Mode>(f: &Frame<M>, i: usize) -> (Int<M>, Int<M>) {
    if M::RECORDING {
        return (f.get(2 * i), f.get(2 * i + 1));
    }
    debug_assert!(2 * i + 1 < f.len());
    // SAFETY: value `i` is inside the frame (see above), which is inside the stack.
    let (t, p) = unsafe { (f.base().add(2 * i).read(), f.base().add(2 * i + 1).read()) };
    (Int::new(t), Int::new(p))
}

/// Writes value `i` of a frame view (see [`get`]).
#[inline(always)]
pub fn set<M: Mode>(f: &mut Frame<M>, i: usize, v: (Int<M>, Int<M>)) {
    if M::RECORDING {
        f.set(2 * i, v.0);
        f.set(2 * i + 1, v.1);
        return;
    }
    debug_assert!(2 * i + 1 < f.len());
    // SAFETY: as in `get`.
    unsafe {
        f.base().add(2 * i).write(v.0.peek());
        f.base().add(2 * i + 1).write(v.1.peek());
    }
}

/// A constant value.
#[inline(always)]
pub fn konst<M: Mode>(v: Value) -> (Int<M>, Int<M>) {
    (Int::new(v.tag), Int::new(v.payload))
}

/// At a trace's loop header: exit to the interpreter (which then reaches a safepoint) when an
/// allocation has asked for a collection. The request byte is the first byte of the heap's
/// `JitHooks`; the guard comes before any effect of the instruction, so the exit resumes at
/// the loop header.
pub fn gc_request_guard<M: Mode>(vm: &Vm) {
    let hooks = vm.heap.jit_hooks() as usize;
    // SAFETY: the hooks live as long as the heap; the load reads the request byte and the bytes
    // after it inside the same `JitHooks`, and the mask keeps the byte.
    let flag = unsafe { Ref::<M>::new(hooks).get_int(0) } & Int::new(0xff);
    let _ = flag.eq(Int::new(0)).branch();
}

/// Abandons the recording (if recording): the recorder ignores the rest of the instruction, which
/// runs concretely, and the loop switches to the plain interpreter at the next one.
/// With `METATRACE_LOG=abort`, says `what` stopped it (nothing for an empty `what`).
#[inline(always)]
pub fn not_traceable<M: Mode>(vm: &Vm, what: &str) {
    if M::RECORDING {
        if vm.jit.log.abort && !what.is_empty() {
            eprintln!("[pyvgc abort] {what} does not trace yet");
        }
        metatrace::recorder::abort(metatrace::AbortReason::NotTraceable);
    }
}

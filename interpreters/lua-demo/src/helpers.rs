//! Residual helpers: the slow paths of the opcode handlers, as `extern "C"` functions.
//!
//! The interpreter calls them directly; traces record a call to them (`metatrace::residual_call`),
//! so compiled code runs exactly the same code. Each takes the state, the address of the running
//! frame's function slot and the pc (so error positions and nested calls are right even inside
//! compiled code, which does not keep the state's current frame up to date), and returns 0, or 1
//! with the error stored in `State::pending_error` and the exception flag set.
//! Results go to `State::ret`, or into the frame in memory for calls.

use std::borrow::Cow;
use std::sync::LazyLock;

use metatrace::{CallDescr, Effect, Type};

use crate::bytecode::{Insn, MULTRET};
use crate::runtime::Table;
use crate::state::{LResult, State};
use crate::value::{self, Value};

macro_rules! helpers {
    ($( $(#[$doc:meta])* $descr:ident = $name:ident ($st:ident; $($arg:ident),*) [$effect:ident] $body:block )*) => {
        $(
            $(#[$doc])*
            #[allow(clippy::not_unsafe_ptr_arg_deref, reason = "called only by the interpreter and by compiled code, with the live state")]
            pub extern "C" fn $name(st: *mut State, $($arg: i64),*) -> i64 {
                // SAFETY: helpers are only called with the interpreter's own state, by the
                // interpreter or by compiled code it entered; nothing else borrows it meanwhile.
                let state = unsafe { &mut *st };
                #[allow(unused_variables)]
                let f = |$st: &mut State| -> LResult<i64> { $body };
                match f(state) {
                    Ok(v) => v,
                    Err(e) => {
                        state.pending_error = Some(e);
                        state.header.exception = 1;
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
                call: |st, args| {
                    let [$($arg),*] = *<&[i64; [$(stringify!($arg)),*].len()]>::try_from(args).expect("helper arity");
                    $name(st, $($arg),*)
                },
            });
        )*
    };
}

/// A helper: its descriptor for traces and a way to call it with a slice of arguments.
pub struct Helper {
    pub descr: CallDescr,
    pub call: fn(*mut State, &[i64]) -> i64,
}

/// Makes the frame whose function slot is at `frame` the current one for errors and nested calls.
fn enter(st: &mut State, frame: i64, pc: i64) -> usize {
    let base = st.slot_of(frame as *const Value) + crate::state::EXTRA;
    st.cur_base = base;
    st.cur_pc = pc as usize;
    let max_stack = st
        .closure_at(base)
        .map_or(0, |c| c.proto().proto.max_stack as usize);
    let top = base + max_stack;
    // SAFETY: `top` is inside the stack.
    let top_ptr = unsafe { st.stack.add(top) };
    if top_ptr > st.frame_top || st.frame_top > unsafe { st.stack.add(top + 512) } {
        st.frame_top = top_ptr;
    }
    base
}

fn insn_at(st: &State, base: usize, pc: i64) -> Insn {
    st.closure_at(base).expect("Lua frame").proto().proto.code[pc as usize]
}

fn val(tag: i64, payload: i64) -> Value {
    Value { tag, payload }
}

/// The `top` slot of the frame at `base` (the top register number in the tag).
pub fn top_slot(_st: &State, base: usize) -> usize {
    base - 1
}

helpers! {
    /// `t[k]` with metamethods; result in `ret`.
    INDEX = h_index(st; frame, pc, t_tag, t_payload, k_tag, k_payload) [Any] {
        let base = enter(st, frame, pc);
        check_indexable(st, base, pc, val(t_tag, t_payload))?;
        st.ret = st.index(val(t_tag, t_payload), val(k_tag, k_payload))?;
        Ok(0)
    }

    /// `t[k]` for a table `t` whose raw `t[k]` the caller found nil: from its `__index` on (the
    /// raw lookup is not repeated); result in `ret`.
    INDEX_MISS = h_index_miss(st; frame, pc, t_tag, t_payload, k_tag, k_payload) [Any] {
        enter(st, frame, pc);
        st.ret = st.index_from(val(t_tag, t_payload), val(k_tag, k_payload), true)?;
        Ok(0)
    }

    /// `t[k] = arg` with metamethods.
    SET_INDEX = h_set_index(st; frame, pc, t_tag, t_payload, k_tag, k_payload) [Any] {
        let base = enter(st, frame, pc);
        check_indexable(st, base, pc, val(t_tag, t_payload))?;
        let v = st.arg;
        st.set_index(val(t_tag, t_payload), val(k_tag, k_payload), v)?;
        Ok(0)
    }

    /// The address of the raw value under key `k` in table `t` (a nil value if absent).
    FIND = h_find(st; t, k_tag, k_payload) [ReadOnly] {
        // SAFETY: `t` is a live table (the caller checked the tag).
        Ok(unsafe { (*(t as *const Table)).find_ptr(val(k_tag, k_payload)) } as i64)
    }

    /// Raw border of table `t` (`#t` without `__len`).
    TABLE_LEN = h_table_len(st; t) [ReadOnly] {
        // SAFETY: `t` is a live table.
        Ok(unsafe { (*(t as *const Table)).border() })
    }

    /// Arithmetic on the operands of the `Arith*` instruction at `pc`; result in `ret`.
    ARITH = h_arith(st; frame, pc, a_tag, a_payload, b_tag, b_payload) [Any] {
        let base = enter(st, frame, pc);
        let (op, regs) = match insn_at(st, base, pc) {
            Insn::Arith { op, b, c, .. } => (op, (Some(b), Some(c))),
            Insn::ArithK { op, b, k_left, .. } | Insn::ArithI { op, b, imm_left: k_left, .. } => {
                (op, if k_left { (None, Some(b)) } else { (Some(b), None) })
            }
            other => unreachable!("h_arith at {other:?}"),
        };
        st.ret = st.arith(op, val(a_tag, a_payload), val(b_tag, b_payload), regs)?;
        Ok(0)
    }

    /// Unary minus / bitwise not with metamethods; result in `ret`.
    UNARY = h_unary(st; frame, pc, a_tag, a_payload) [Any] {
        let base = enter(st, frame, pc);
        let a = val(a_tag, a_payload);
        st.ret = match insn_at(st, base, pc) {
            Insn::Unm { b, .. } => unary_arith(st, a, b, crate::state::TM::Unm)?,
            Insn::BNot { b, .. } => unary_arith(st, a, b, crate::state::TM::BNot)?,
            other => unreachable!("h_unary at {other:?}"),
        };
        Ok(0)
    }

    /// `#v` with `__len`; result in `ret`.
    LEN = h_len(st; frame, pc, v_tag, v_payload) [Any] {
        let base = enter(st, frame, pc);
        let reg = match insn_at(st, base, pc) {
            Insn::Len { b, .. } => Some(b),
            _ => None,
        };
        st.ret = st.len(val(v_tag, v_payload), reg)?;
        Ok(0)
    }

    /// Comparison for the instruction at `pc` with metamethods; 1 or 0 in `ret.payload`.
    COMPARE = h_compare(st; frame, pc, a_tag, a_payload, b_tag, b_payload) [Any] {
        let base = enter(st, frame, pc);
        let (a, b) = (val(a_tag, a_payload), val(b_tag, b_payload));
        let r = match insn_at(st, base, pc) {
            Insn::Eq { .. } | Insn::EqK { .. } | Insn::EqI { .. } => st.equals(a, b)?,
            Insn::Lt { .. } | Insn::LtI { .. } | Insn::GtI { .. } => st.less(a, b, false)?,
            Insn::Le { .. } | Insn::LeI { .. } | Insn::GeI { .. } => st.less(a, b, true)?,
            other => unreachable!("h_compare at {other:?}"),
        };
        st.ret = Value::int(r as i64);
        Ok(0)
    }

    /// Concatenation for the `Concat` instruction at `pc`, reading the registers from memory.
    CONCAT = h_concat(st; frame, pc) [Any] {
        let base = enter(st, frame, pc);
        let Insn::Concat { a, n } = insn_at(st, base, pc) else { unreachable!("h_concat") };
        let values: Vec<Value> = (0..n as usize).map(|i| st.slot(base + a as usize + i)).collect();
        st.ret = st.concat(&values, Some(a))?;
        Ok(0)
    }

    /// A call of a function that is not a Lua closure (a native, or a value with `__call`), for
    /// the `Call` instruction at `pc`, with function and arguments in memory. Results are written
    /// in memory from the function's slot, as the instruction asks; the count is returned.
    CALL_OTHER = h_call_other(st; frame, pc) [Any] {
        let base = enter(st, frame, pc);
        let (func, nargs, nresults) = match insn_at(st, base, pc) {
            Insn::Call { func, nargs, nresults } => (func, nargs, nresults),
            Insn::TailCall { func, nargs, .. } => (func, nargs, MULTRET),
            Insn::TForCall { a, n } => {
                // Iterator call: R[a+4..] = R[a](R[a+1], R[a+2]).
                let f = st.slot(base + a as usize);
                let mut args = st.take_vec(2);
                args.extend([st.slot(base + a as usize + 1), st.slot(base + a as usize + 2)]);
                let st_top = st.frame_top;
                // SAFETY: above the frame's registers and link.
                st.frame_top = unsafe { st_top.max(st.stack.add(base + a as usize + 3)) };
                let res = st.call_value_owned(f, args).map_err(|e| name_call_error(st, f, base, pc, e))?;
                for i in 0..n as usize {
                    st.set_slot(base + a as usize + 4 + i, res.get(i).copied().unwrap_or(Value::NIL));
                }
                st.recycle_vec(res);
                return Ok(n as i64);
            }
            other => unreachable!("h_call_other at {other:?}"),
        };
        let fslot = base + func as usize;
        let nargs = if nargs == MULTRET {
            let top = st.slot(top_slot(st, base)).tag as usize;
            top - func as usize - 1
        } else {
            nargs as usize
        };
        let f = st.slot(fslot);
        let mut args = st.take_vec(nargs);
        args.extend((0..nargs).map(|i| st.slot(fslot + 1 + i)));
        // SAFETY: nested frames start above the arguments.
        st.frame_top = unsafe { st.frame_top.max(st.stack.add(fslot + 1 + nargs)) };
        let res = st.call_value_owned(f, args).map_err(|e| name_call_error(st, f, base, pc, e))?;
        let count = if nresults == MULTRET { res.len() } else { nresults as usize };
        if fslot + count + 8 >= crate::state::MAX_STACK {
            return Err(st.rt_error("stack overflow"));
        }
        for i in 0..count {
            st.set_slot(fslot + i, res.get(i).copied().unwrap_or(Value::NIL));
        }
        st.recycle_vec(res);
        // The call consumes the frame's `top`: reset it unless the call sets a new one (see
        // `interp::do_return`).
        let new_top = if nresults == MULTRET { fslot - base + count } else { 0 };
        let ts = top_slot(st, base);
        st.set_slot(ts, Value { tag: new_top as i64, payload: st.slot(ts).payload });
        Ok(count as i64)
    }

    /// Closes upvalues at stack addresses `>= level`.
    CLOSE = h_close(st; level) [Any] {
        let slot = st.slot_of(level as *const Value);
        st.close_upvals(slot);
        Ok(0)
    }

    /// `Tbc`: marks register `a` to-be-closed. `nil` and `false` are ignored (Lua 5.4); any
    /// other value needs a `__close` metamethod.
    TBC = h_tbc(st; frame, pc, a) [Any] {
        let base = enter(st, frame, pc);
        let slot = base + a as usize;
        let v = st.slot(slot);
        if v.tag == value::NIL || v.tag == value::FALSE {
            return Ok(0);
        }
        if st.metamethod(v, crate::state::TM::Close).is_nil() {
            let cl = st.closure_at(base).expect("Lua frame");
            let name = cl
                .proto()
                .proto
                .local_name(a as u8, pc as usize + 1)
                .map_or_else(|| "?".to_string(), |s| s.to_string());
            return Err(st.rt_error(format!("variable '{name}' got a non-closable value")));
        }
        st.tbc.push(slot);
        Ok(0)
    }

    /// Closes upvalues and to-be-closed variables of registers `>= a` (`Close`, and a `Return`
    /// that closes, whose results up to register `top` must survive the handlers' calls).
    CLOSE_TBC = h_close_tbc(st; frame, pc, a, top) [Any] {
        let base = enter(st, frame, pc);
        // Handlers run in frames above `frame_top`: keep them above the results too.
        let keep = base + top as usize;
        if st.slot_of(st.frame_top) < keep {
            // SAFETY: `keep` is inside the running frame's part of the stack.
            st.frame_top = unsafe { st.stack.add(keep) };
        }
        st.close_upvals(base + a as usize);
        match st.close_tbc(base + a as usize, None) {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }

    /// Creates the closure of the `Closure` instruction at `pc`; result in `ret`.
    CLOSURE = h_closure(st; frame, pc) [Any] {
        let base = enter(st, frame, pc);
        let Insn::Closure { proto, .. } = insn_at(st, base, pc) else { unreachable!("h_closure") };
        let cl = st.closure_at(base).expect("Lua frame");
        let site = crate::runtime::bytecode_site(cl.proto, pc as usize);
        let child = cl.proto().children[proto as usize];
        let parent_upvals = cl.upvals.clone();
        // SAFETY: prototypes live as long as the heap.
        let descs = unsafe { (*child).proto.as_ref().upvalues.clone() };
        let upvals: Vec<_> = descs
            .iter()
            .map(|d| if d.in_stack { st.find_upval(base + d.index as usize) } else { parent_upvals[d.index as usize] })
            .collect();
        let c = st.heap.new_closure(site, child, upvals.into_boxed_slice());
        st.ret = Value::closure(c);
        Ok(0)
    }

    /// Creates the table of the `NewTable` instruction at `pc`; result in `ret`.
    NEW_TABLE = h_new_table(st; frame, pc) [Any] {
        let base = enter(st, frame, pc);
        let Insn::NewTable { hash, array, .. } = insn_at(st, base, pc) else { unreachable!("h_new_table") };
        let site = crate::runtime::bytecode_site(st.closure_at(base).expect("Lua frame").proto, pc as usize);
        let t = st.heap.new_table_at(site, array.min(1 << 20) as usize, hash as usize);
        st.ret = Value::table(t);
        Ok(0)
    }

    /// The `SetList` instruction at `pc`, with values in memory.
    SET_LIST = h_set_list(st; frame, pc) [Any] {
        let base = enter(st, frame, pc);
        let Insn::SetList { t, n, first } = insn_at(st, base, pc) else { unreachable!("h_set_list") };
        let n = if n == MULTRET {
            st.slot(top_slot(st, base)).tag as usize - t as usize - 1
        } else {
            n as usize
        };
        let table = st.slot(base + t as usize).as_table().expect("SetList on a table");
        for i in 0..n {
            let v = st.slot(base + t as usize + 1 + i);
            // SAFETY: `table` is live.
            unsafe { (*table).set_int(first as i64 + i as i64, v) };
        }
        Ok(0)
    }
}

fn unary_arith(st: &mut State, a: Value, reg: u8, tm: crate::state::TM) -> LResult<Value> {
    let op = if tm == crate::state::TM::Unm {
        crate::bytecode::ArithOp::Sub
    } else {
        crate::bytecode::ArithOp::BXor
    };
    if tm == crate::state::TM::Unm
        && let Some(n) = st.tonumber_coerce(a)
    {
        return st
            .arith_numbers(op, crate::number::Number::Int(0), n)
            .map(|v| match (n, v.tag) {
                (crate::number::Number::Float(f), _) => Value::float(-f),
                _ => v,
            });
    }
    if tm == crate::state::TM::BNot
        && let Some(n) = a.as_number()
        && let Ok(i) = crate::number::number_to_int(n)
    {
        return Ok(Value::int(!i));
    }
    let h = st.metamethod(a, tm);
    if !h.is_nil() {
        let r = st.call_value(h, &[a, a])?;
        return Ok(r.first().copied().unwrap_or(Value::NIL));
    }
    if tm == crate::state::TM::Unm && a.tag == value::STR {
        return Err(st.rt_error("attempt to unm a 'string' with a 'string'"));
    }
    if tm == crate::state::TM::BNot {
        if a.is_number() {
            let desc = st.describe(reg);
            return Err(st.rt_error(format!("number has no integer representation{desc}")));
        }
        return Err(st.type_error(a, "perform bitwise operation on", Some(reg)));
    }
    Err(st.type_error(a, "perform arithmetic on", Some(reg)))
}

/// "attempt to index a nil value (local 't')": the name of the indexed value, as Lua's messages do.
fn check_indexable(st: &mut State, base: usize, pc: i64, t: Value) -> LResult<()> {
    if t.tag == value::TABLE || !st.metamethod(t, crate::state::TM::Index).is_nil() {
        return Ok(());
    }
    let desc = match insn_at(st, base, pc) {
        Insn::GetTable { t, .. } | Insn::GetI { t, .. } | Insn::GetField { t, .. } => {
            st.describe(t)
        }
        Insn::SetTable { t, .. }
        | Insn::SetTableK { t, .. }
        | Insn::SetI { t, .. }
        | Insn::SetIK { t, .. } => st.describe(t),
        Insn::SetField { t, .. } | Insn::SetFieldK { t, .. } => st.describe(t),
        Insn::SelfK { obj, .. } => st.describe(obj),
        Insn::GetTabUp { up, .. } | Insn::SetTabUp { up, .. } | Insn::SetTabUpK { up, .. } => {
            match st.closure_at(base).and_then(|c| {
                c.proto()
                    .proto
                    .upvalues
                    .get(up as usize)
                    .map(|u| u.name.clone())
            }) {
                Some(name) => format!(" (upvalue '{name}')"),
                None => String::new(),
            }
        }
        _ => String::new(),
    };
    let tn = st.type_name_of(t);
    Err(st.rt_error(format!("attempt to index a {tn} value{desc}")))
}

/// "attempt to call a nil value (global 'f')".
fn name_call_error(
    st: &mut State,
    f: Value,
    base: usize,
    pc: i64,
    e: crate::state::LuaError,
) -> crate::state::LuaError {
    if f.is_function() || !st.metamethod(f, crate::state::TM::Call).is_nil() {
        return e;
    }
    let desc = match insn_at(st, base, pc) {
        Insn::Call { func, .. } | Insn::TailCall { func, .. } => st.describe(func),
        Insn::TForCall { .. } => " (for iterator 'for iterator')".to_string(),
        _ => String::new(),
    };
    let tn = st.type_name_of(f);
    st.rt_error(format!("attempt to call a {tn} value{desc}"))
}

helpers! {
    /// The iteration count of an integer `for` loop that runs at least once (Lua 5.4's `forprep`).
    FOR_COUNT = h_for_count(st; init, limit, step) [Pure] {
        let count = if step > 0 {
            (limit as u64).wrapping_sub(init as u64) / step as u64
        } else {
            let s = (step.wrapping_add(1)).wrapping_neg() as u64 + 1;
            (init as u64).wrapping_sub(limit as u64) / s
        };
        Ok(count as i64)
    }
}

//! Iterators over the built-in containers and the lazy built-ins (`enumerate`, `zip`, `map`,
//! `filter`, `reversed`, `iter(callable, sentinel)`), as one state enum inside an iterator object.
//!
//! Dict iterators check the dict's size on every step and raise CPython's `RuntimeError: dictionary
//! changed size during iteration`.

use std::cell::RefCell;

use vgc::{Gc, Trace, Tracer};

use crate::runtime::object::{Kind, Obj};
use crate::runtime::ops;
use crate::runtime::value::Value;
use crate::runtime::vm::{PyResult, Vm};

/// CPython's iterator classes, so `type(it).__name__` and `repr(it)` name them as CPython does.
/// `Vm::types.iters` holds one class per entry, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IterType {
    /// The `__getitem__` protocol (CPython's `iterator`).
    Seq = 0,
    List,
    ListReverse,
    Tuple,
    Str,
    StrAscii,
    Bytes,
    ByteArray,
    Range,
    DictKey,
    DictValue,
    DictItem,
    DictReverseKey,
    DictReverseValue,
    DictReverseItem,
    Set,
    Enumerate,
    Zip,
    Map,
    Filter,
    Reversed,
    Callable,
}

/// The `__name__` of each `IterType`, in its order.
pub const ITER_TYPE_NAMES: [&str; 22] = [
    "iterator",
    "list_iterator",
    "list_reverseiterator",
    "tuple_iterator",
    "str_iterator",
    "str_ascii_iterator",
    "bytes_iterator",
    "bytearray_iterator",
    "range_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "dict_reversekeyiterator",
    "dict_reversevalueiterator",
    "dict_reverseitemiterator",
    "set_iterator",
    "enumerate",
    "zip",
    "map",
    "filter",
    "reversed",
    "callable_iterator",
];

impl IterType {
    /// The class CPython gives an iterator starting in state `st`.
    pub fn of(st: &IterState) -> IterType {
        match st {
            IterState::Seq(v, _) => match Vm::obj_ref(*v).map(|o| &o.kind) {
                Some(Kind::List(_)) => IterType::List,
                Some(Kind::Tuple(_)) => IterType::Tuple,
                Some(Kind::Bytes(_)) => IterType::Bytes,
                Some(Kind::ByteArray(_)) => IterType::ByteArray,
                _ => IterType::Seq,
            },
            IterState::Str(v, _) => {
                if ops::as_str(*v).is_some_and(str::is_ascii) {
                    IterType::StrAscii
                } else {
                    IterType::Str
                }
            }
            IterState::Range(..) => IterType::Range,
            IterState::Dict(_, _, 0, _) => IterType::DictKey,
            IterState::Dict(_, _, 1, _) => IterType::DictValue,
            IterState::Dict(..) => IterType::DictItem,
            IterState::Set(..) => IterType::Set,
            IterState::Enumerate(..) => IterType::Enumerate,
            IterState::Zip(..) => IterType::Zip,
            IterState::Map(..) => IterType::Map,
            IterState::Filter(..) => IterType::Filter,
            IterState::Reversed(v, _) => match Vm::obj_ref(*v).map(|o| &o.kind) {
                Some(Kind::List(_)) => IterType::ListReverse,
                _ => IterType::Reversed,
            },
            IterState::Callable(..) => IterType::Callable,
            IterState::GetItem(..) | IterState::Done => IterType::Seq,
        }
    }
}

pub enum IterState {
    /// A list, tuple, bytes or bytearray and the next index.
    Seq(Value, usize),
    /// A str and the next byte offset.
    Str(Value, usize),
    /// Next value, stop, step.
    Range(i64, i64, i64),
    /// A dict, next entry position, 0 keys / 1 values / 2 items, the size when started.
    Dict(Value, usize, u8, u64),
    /// A set and the next table slot.
    Set(Value, usize),
    Enumerate(Value, Value),
    Zip(Vec<Value>, bool),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
    /// A sequence iterated backwards: next index + 1.
    Reversed(Value, usize),
    Callable(Value, Value),
    /// The `__getitem__` protocol: object and next index.
    GetItem(Value, i64),
    Done,
}

impl IterState {
    pub fn trace_values(&self, t: &mut Tracer) {
        match self {
            IterState::Seq(v, _)
            | IterState::Str(v, _)
            | IterState::Dict(v, ..)
            | IterState::Set(v, _)
            | IterState::Reversed(v, _)
            | IterState::GetItem(v, _) => v.trace(t),
            IterState::Enumerate(a, b) | IterState::Filter(a, b) | IterState::Callable(a, b) => {
                a.trace(t);
                b.trace(t);
            }
            IterState::Zip(vs, _) => vs.trace(t),
            IterState::Map(f, vs) => {
                f.trace(t);
                vs.trace(t);
            }
            IterState::Range(..) | IterState::Done => {}
        }
    }
}

pub fn iter_next(vm: &mut Vm, me: Gc<Obj>, st: &RefCell<IterState>) -> PyResult<Option<Value>> {
    // Simple states are advanced under one borrow; states that call Python code copy what they
    // need first, so a re-entrant `next` on the same iterator sees a consistent state.
    let step = {
        let mut s = st.borrow_mut();
        match &mut *s {
            IterState::Range(cur, stop, stepv) => {
                let c = *cur;
                if (*stepv > 0 && c < *stop) || (*stepv < 0 && c > *stop) {
                    *cur = c.wrapping_add(*stepv);
                    return Ok(Some(Value::int(c)));
                }
                *s = IterState::Done;
                return Ok(None);
            }
            IterState::Seq(v, i) => {
                let o = Vm::obj_ref(*v).expect("seq");
                let item = match &o.kind {
                    Kind::List(l) => l.borrow().get(*i).copied(),
                    Kind::Tuple(t) => t.get(*i).copied(),
                    Kind::Bytes(b) => b.get(*i).map(|x| Value::int(*x as i64)),
                    Kind::ByteArray(b) => b.borrow().get(*i).map(|x| Value::int(*x as i64)),
                    _ => None,
                };
                match item {
                    Some(x) => {
                        *i += 1;
                        return Ok(Some(x));
                    }
                    None => {
                        *s = IterState::Done;
                        return Ok(None);
                    }
                }
            }
            IterState::Str(v, pos) => {
                let text = ops::as_str(*v).unwrap_or("");
                match text[*pos..].chars().next() {
                    Some(c) => {
                        let start = *pos;
                        *pos += c.len_utf8();
                        let piece = &text[start..*pos];
                        drop(s);
                        return Ok(Some(vm.intern(piece)));
                    }
                    None => {
                        *s = IterState::Done;
                        return Ok(None);
                    }
                }
            }
            IterState::Set(v, pos) => {
                let o = Vm::obj_ref(*v).expect("set");
                let (Kind::Set(t) | Kind::FrozenSet(t)) = &o.kind else {
                    return Ok(None);
                };
                match t.borrow().slot_from(*pos) {
                    Some((i, k)) => {
                        *pos = i + 1;
                        return Ok(Some(k));
                    }
                    None => {
                        *s = IterState::Done;
                        return Ok(None);
                    }
                }
            }
            IterState::Dict(d, pos, kind, size) => {
                let o = Vm::obj_ref(*d).expect("dict");
                let Kind::Dict(t) = &o.kind else {
                    return Ok(None);
                };
                if t.borrow().len() as u64 != *size {
                    *s = IterState::Done;
                    drop(s);
                    return Err(
                        vm.new_error("RuntimeError", "dictionary changed size during iteration")
                    );
                }
                let e = t.borrow().entry_from(*pos);
                match e {
                    Some((i, e)) => {
                        *pos = i + 1;
                        let k = *kind;
                        drop(s);
                        return Ok(Some(match k {
                            0 => e.key,
                            1 => e.value,
                            _ => vm.new_tuple(vec![e.key, e.value]),
                        }));
                    }
                    None => {
                        *s = IterState::Done;
                        return Ok(None);
                    }
                }
            }
            IterState::Reversed(v, i) => {
                if *i == 0 {
                    *s = IterState::Done;
                    return Ok(None);
                }
                *i -= 1;
                let (v, idx) = (*v, *i);
                drop(s);
                return ops::getitem(vm, v, Value::int(idx as i64)).map(Some);
            }
            IterState::Done => return Ok(None),
            IterState::Enumerate(it, n) => (1, *it, *n, Vec::new()),
            IterState::Zip(its, strict) => (2, Value::bool(*strict), Value::NONE, its.clone()),
            IterState::Map(f, its) => (3, *f, Value::NONE, its.clone()),
            IterState::Filter(f, it) => (4, *f, *it, Vec::new()),
            IterState::Callable(f, sentinel) => (5, *f, *sentinel, Vec::new()),
            IterState::GetItem(o, i) => (6, *o, Value::int(*i), Vec::new()),
        }
    };
    let _ = me;
    let (which, a, b, its) = step;
    match which {
        1 => match ops::next(vm, a)? {
            Some(x) => {
                let n = b;
                let next_n = ops::binary_op(vm, n, Value::int(1), crate::bytecode::BinOp::Add)?;
                if let IterState::Enumerate(_, c) = &mut *st.borrow_mut() {
                    *c = next_n;
                }
                Vm::barrier(me);
                Ok(Some(vm.new_tuple(vec![n, x])))
            }
            None => {
                *st.borrow_mut() = IterState::Done;
                Ok(None)
            }
        },
        2 => {
            if its.is_empty() {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for (i, it) in its.iter().enumerate() {
                match ops::next(vm, *it)? {
                    Some(x) => out.push(x),
                    None => {
                        *st.borrow_mut() = IterState::Done;
                        if a.tag == crate::runtime::value::TRUE {
                            if i > 0 {
                                let (n, w) = (
                                    i + 1,
                                    if i == 1 {
                                        "argument 1 is"
                                    } else {
                                        "arguments 1-"
                                    },
                                );
                                let msg = if i == 1 {
                                    format!("zip() argument {n} is shorter than {w}").replace(
                                        " is shorter than argument 1 is",
                                        " is shorter than argument 1",
                                    )
                                } else {
                                    format!("zip() argument {n} is shorter than arguments 1-{i}")
                                };
                                return Err(vm.value_error(msg));
                            }
                            for (j, rest) in its.iter().enumerate().skip(1) {
                                if ops::next(vm, *rest)?.is_some() {
                                    let msg = if j == 1 {
                                        "zip() argument 2 is longer than argument 1".to_string()
                                    } else {
                                        format!(
                                            "zip() argument {} is longer than arguments 1-{}",
                                            j + 1,
                                            j
                                        )
                                    };
                                    return Err(vm.value_error(msg));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(vm.new_tuple(out)))
        }
        3 => {
            let mut args = Vec::with_capacity(its.len());
            for it in &its {
                match ops::next(vm, *it)? {
                    Some(x) => args.push(x),
                    None => {
                        *st.borrow_mut() = IterState::Done;
                        return Ok(None);
                    }
                }
            }
            ops::call(vm, a, &args, &[]).map(Some)
        }
        4 => loop {
            match ops::next(vm, b)? {
                Some(x) => {
                    let keep = if a.is_none() {
                        ops::truthy(vm, x)?
                    } else {
                        let r = ops::call(vm, a, &[x], &[])?;
                        ops::truthy(vm, r)?
                    };
                    if keep {
                        return Ok(Some(x));
                    }
                }
                None => {
                    *st.borrow_mut() = IterState::Done;
                    return Ok(None);
                }
            }
        },
        5 => {
            let r = ops::call(vm, a, &[], &[])?;
            if ops::eq(vm, r, b)? {
                *st.borrow_mut() = IterState::Done;
                return Ok(None);
            }
            Ok(Some(r))
        }
        6 => match ops::getitem(vm, a, b) {
            Ok(x) => {
                if let IterState::GetItem(_, i) = &mut *st.borrow_mut() {
                    *i += 1;
                }
                Ok(Some(x))
            }
            Err(e) if vm.exc_matches(e.0, "IndexError") || vm.exc_matches(e.0, "StopIteration") => {
                *st.borrow_mut() = IterState::Done;
                Ok(None)
            }
            Err(e) => Err(e),
        },
        _ => Ok(None),
    }
}

//! Lua values as two machine words: a tag and a payload.
//!
//! The interpreter's stack holds each value as two consecutive `i64` words, so that the JIT sees
//! frame slots as plain integers: the tag word is guarded (and usually becomes a constant inside a
//! trace), the payload is an integer, the bits of a float, or a pointer to a heap object. The tag
//! numbering puts `nil` and `false` first so that truthiness is one comparison (`tag > FALSE`).

use std::fmt;

use crate::number::{Number, fmt_float};
use crate::runtime::{LClosure, LuaStr, NativeFn, Table, Thread, UserData};

pub const NIL: i64 = 0;
pub const FALSE: i64 = 1;
pub const TRUE: i64 = 2;
pub const INT: i64 = 3;
pub const FLOAT: i64 = 4;
pub const STR: i64 = 5;
pub const TABLE: i64 = 6;
pub const LCLOSURE: i64 = 7;
pub const NATIVE: i64 = 8;
pub const THREAD: i64 = 9;
pub const USERDATA: i64 = 10;

/// True for tags whose payload is an object on the collected heap (userdata are not: see
/// `stdlib::io`).
#[inline]
pub fn is_gc(tag: i64) -> bool {
    (STR..=THREAD).contains(&tag)
}

/// A Lua value: tag and payload.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Value {
    pub tag: i64,
    pub payload: i64,
}

impl Default for Value {
    fn default() -> Value {
        Value::NIL
    }
}

impl Value {
    pub const NIL: Value = Value {
        tag: NIL,
        payload: 0,
    };
    pub const FALSE: Value = Value {
        tag: FALSE,
        payload: 0,
    };
    pub const TRUE: Value = Value {
        tag: TRUE,
        payload: 0,
    };

    pub fn bool(b: bool) -> Value {
        if b { Value::TRUE } else { Value::FALSE }
    }
    pub fn int(i: i64) -> Value {
        Value {
            tag: INT,
            payload: i,
        }
    }
    pub fn float(f: f64) -> Value {
        Value {
            tag: FLOAT,
            payload: f.to_bits() as i64,
        }
    }
    pub fn number(n: Number) -> Value {
        match n {
            Number::Int(i) => Value::int(i),
            Number::Float(f) => Value::float(f),
        }
    }
    pub fn str(s: *const LuaStr) -> Value {
        Value {
            tag: STR,
            payload: s as i64,
        }
    }
    pub fn table(t: *mut Table) -> Value {
        Value {
            tag: TABLE,
            payload: t as i64,
        }
    }
    pub fn closure(c: *const LClosure) -> Value {
        Value {
            tag: LCLOSURE,
            payload: c as i64,
        }
    }
    pub fn native(f: *const NativeFn) -> Value {
        Value {
            tag: NATIVE,
            payload: f as i64,
        }
    }
    pub fn thread(t: *mut Thread) -> Value {
        Value {
            tag: THREAD,
            payload: t as i64,
        }
    }
    pub fn userdata(u: *mut UserData) -> Value {
        Value {
            tag: USERDATA,
            payload: u as i64,
        }
    }

    pub fn is_nil(self) -> bool {
        self.tag == NIL
    }
    pub fn truthy(self) -> bool {
        self.tag > FALSE
    }
    pub fn is_number(self) -> bool {
        self.tag == INT || self.tag == FLOAT
    }
    pub fn as_int(self) -> Option<i64> {
        (self.tag == INT).then_some(self.payload)
    }
    pub fn as_float_raw(self) -> f64 {
        f64::from_bits(self.payload as u64)
    }
    pub fn as_number(self) -> Option<Number> {
        match self.tag {
            INT => Some(Number::Int(self.payload)),
            FLOAT => Some(Number::Float(self.as_float_raw())),
            _ => None,
        }
    }
    /// The number as a float (integers converted).
    pub fn as_f64(self) -> Option<f64> {
        match self.tag {
            INT => Some(self.payload as f64),
            FLOAT => Some(self.as_float_raw()),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&LuaStr> {
        // SAFETY: a STR payload is always a live interned string (strings are never freed while a
        // value can refer to them).
        (self.tag == STR).then(|| unsafe { &*(self.payload as *const LuaStr) })
    }
    pub fn as_table(self) -> Option<*mut Table> {
        (self.tag == TABLE).then_some(self.payload as *mut Table)
    }
    pub fn as_closure(self) -> Option<*const LClosure> {
        (self.tag == LCLOSURE).then_some(self.payload as *const LClosure)
    }
    pub fn as_thread(self) -> Option<*mut Thread> {
        (self.tag == THREAD).then_some(self.payload as *mut Thread)
    }
    pub fn is_function(self) -> bool {
        self.tag == LCLOSURE || self.tag == NATIVE
    }

    /// The name `type()` returns.
    pub fn type_name(self) -> &'static str {
        match self.tag {
            NIL => "nil",
            FALSE | TRUE => "boolean",
            INT | FLOAT => "number",
            STR => "string",
            TABLE => "table",
            LCLOSURE | NATIVE => "function",
            THREAD => "thread",
            _ => "userdata",
        }
    }

    /// Raw equality (no metamethods), with integer/float comparison by value.
    pub fn raw_eq(self, other: Value) -> bool {
        if self.tag == other.tag {
            return match self.tag {
                FLOAT => self.as_float_raw() == other.as_float_raw(),
                _ => self.payload == other.payload,
            };
        }
        match (self.as_number(), other.as_number()) {
            (Some(a), Some(b)) => crate::number::num_eq(a, b),
            _ => false,
        }
    }

    /// The string `tostring` gives for values without `__tostring` / `__name`.
    pub fn to_display(self) -> Vec<u8> {
        match self.tag {
            NIL => b"nil".to_vec(),
            FALSE => b"false".to_vec(),
            TRUE => b"true".to_vec(),
            INT => self.payload.to_string().into_bytes(),
            FLOAT => fmt_float(self.as_float_raw()).into_bytes(),
            STR => self
                .as_str()
                .map(|s| s.bytes().to_vec())
                .unwrap_or_default(),
            TABLE => format!("table: {:#016x}", self.payload).into_bytes(),
            LCLOSURE => format!("function: {:#016x}", self.payload).into_bytes(),
            NATIVE => format!("function: builtin: {:#016x}", self.payload).into_bytes(),
            THREAD => format!("thread: {:#016x}", self.payload).into_bytes(),
            _ => format!("userdata: {:#016x}", self.payload).into_bytes(),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", String::from_utf8_lossy(&self.to_display()))
    }
}

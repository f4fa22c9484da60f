//! Python values as two machine words: a tag and a payload.
//!
//! Small ints (`i64`), floats, `None`, `True` and `False` are immediates; every other value is an
//! object on the VGC heap and its payload is the address of an [`Obj`]. Two words per value is what
//! the interpreter's stack holds, so the JIT sees frame slots as plain integers and guards on tags.
//! Tag 0 is "unbound" so that a zeroed stack reads as unbound locals. Ints that overflow `i64` are
//! `BigInt` objects; arithmetic results that fit go back to the small form (see `types::int`).

use vgc::{Gc, Trace, Tracer};

use super::object::Obj;

// ANCHOR: value
pub const UNBOUND: i64 = 0;
pub const NONE: i64 = 1;
pub const FALSE: i64 = 2;
pub const TRUE: i64 = 3;
pub const INT: i64 = 4;
pub const FLOAT: i64 = 5;
pub const OBJ: i64 = 6;

/// A Python value: tag and payload.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
#[repr(C)]
pub struct Value {
    pub tag: i64,
    pub payload: i64,
}
// ANCHOR_END: value

impl Value {
    pub const OFFSET_TAG: i64 = 0;
    pub const OFFSET_PAYLOAD: i64 = 8;
    pub const UNBOUND: Value = Value {
        tag: UNBOUND,
        payload: 0,
    };
    pub const NONE: Value = Value {
        tag: NONE,
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

    #[inline]
    pub fn bool(b: bool) -> Value {
        if b { Value::TRUE } else { Value::FALSE }
    }
    #[inline]
    pub fn int(i: i64) -> Value {
        Value {
            tag: INT,
            payload: i,
        }
    }
    #[inline]
    pub fn float(f: f64) -> Value {
        Value {
            tag: FLOAT,
            payload: f.to_bits() as i64,
        }
    }
    #[inline]
    pub fn obj(o: Gc<Obj>) -> Value {
        Value {
            tag: OBJ,
            payload: Gc::as_ptr(o) as i64,
        }
    }
    #[inline]
    pub fn is_unbound(self) -> bool {
        self.tag == UNBOUND
    }
    #[inline]
    pub fn is_none(self) -> bool {
        self.tag == NONE
    }
    #[inline]
    pub fn is_int(self) -> bool {
        self.tag == INT
    }
    #[inline]
    pub fn is_float(self) -> bool {
        self.tag == FLOAT
    }
    #[inline]
    pub fn is_obj(self) -> bool {
        self.tag == OBJ
    }
    #[inline]
    pub fn as_float_raw(self) -> f64 {
        f64::from_bits(self.payload as u64)
    }
    /// The object, if this value is one.
    #[inline]
    pub fn as_obj(self) -> Option<Gc<Obj>> {
        if self.tag == OBJ {
            // SAFETY: an OBJ payload is always the address of a live object (values only hold
            // objects reachable from the roots between safepoints).
            Some(unsafe { Gc::from_ptr(self.payload as *const Obj) })
        } else {
            None
        }
    }
    /// Identity (`is`).
    #[inline]
    pub fn is(self, other: Value) -> bool {
        self.tag == other.tag && self.payload == other.payload
    }
}

// SAFETY: an OBJ value reports its object; immediates hold no Gc.
unsafe impl Trace for Value {
    fn trace(&self, tracer: &mut Tracer) {
        if self.tag == OBJ {
            // SAFETY: the payload is the address of a live object allocated on this heap.
            unsafe { tracer.edge_ptr(self.payload as *const u8) };
        }
    }
}

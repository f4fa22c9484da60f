//! The string library (`lstrlib.c`): len, sub, upper, lower, rep, reverse, byte, char, format,
//! find, match, gmatch, gsub; and the string metatable, so that `("x"):upper()` works.
//!
//! The matching and formatting engines are `crate::pattern` and `crate::format`; this module
//! converts arguments and results and maps their errors onto Lua's ("bad argument #2 to
//! 'format' (...)" with Lua's function naming, or a positioned `luaL_error`). `gmatch` returns a
//! native carrying its state (subject, pattern, `Gmatch` position) in an opaque heap box.
//!
//! Not supported: `string.pack`, `string.unpack`, `string.packsize`, `string.dump`, and the
//! string arithmetic metamethods (`"10" + 1` is handled by the core's coercion instead).

use std::borrow::Cow;
use std::cell::RefCell;

use super::{Args, LStr, MAX_STRING, Ret, error, native_data, new_closure};
use crate::format::{FormatArgs, FormatError, Literal};
use crate::pattern::{self, Capture, CaptureValue, PatternError, Repl};
use crate::state::{LuaError, State};
use crate::value::{self, Value};

pub(super) fn open(st: &mut State) {
    let lib = super::new_lib(
        st,
        "string",
        &[
            ("byte", "string.byte", byte),
            ("char", "string.char", char_fn),
            ("find", "string.find", find),
            ("format", "string.format", format),
            ("gmatch", "string.gmatch", gmatch),
            ("gsub", "string.gsub", gsub),
            ("len", "string.len", len),
            ("lower", "string.lower", lower),
            ("match", "string.match", match_fn),
            ("rep", "string.rep", rep),
            ("reverse", "string.reverse", reverse),
            ("sub", "string.sub", sub),
            ("upper", "string.upper", upper),
        ],
    );
    let meta = Value::table(st.string_meta);
    super::raw_set_str(st, meta, "__index", lib);
}

/// `posrelatI`: a start position as a 1-based index in `1..`.
fn posrelat_start(pos: i64, len: usize) -> u64 {
    if pos > 0 {
        pos as u64
    } else if pos == 0 || pos.unsigned_abs() > len as u64 {
        1
    } else {
        len as u64 - pos.unsigned_abs() + 1
    }
}

/// `getendpos`: an end position clipped to `0..=len`.
fn posrelat_end(pos: i64, len: usize) -> u64 {
    if pos > len as i64 {
        len as u64
    } else if pos >= 0 {
        pos as u64
    } else if pos.unsigned_abs() > len as u64 {
        0
    } else {
        len as u64 - pos.unsigned_abs() + 1
    }
}

fn len(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.len");
    let s = a.str(st, 1)?;
    Ok(vec![Value::int(s.bytes().len() as i64)])
}

fn sub(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.sub");
    let s = a.str(st, 1)?;
    let l = s.bytes().len();
    let start = posrelat_start(a.int(st, 2)?, l);
    let end = posrelat_end(a.opt_int(st, 3, -1)?, l);
    if start > end {
        return Ok(vec![st.intern(b"")]);
    }
    if start == 1 && end == l as u64 {
        return Ok(vec![s.value()]);
    }
    let piece = s.bytes()[start as usize - 1..end as usize].to_vec();
    Ok(vec![st.intern(&piece)])
}

fn upper(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.upper");
    let s = a.str(st, 1)?;
    let r = s.bytes().to_ascii_uppercase();
    Ok(vec![st.intern(&r)])
}

fn lower(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.lower");
    let s = a.str(st, 1)?;
    let r = s.bytes().to_ascii_lowercase();
    Ok(vec![st.intern(&r)])
}

fn rep(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.rep");
    let s = a.str(st, 1)?;
    let n = a.int(st, 2)?;
    let sep = a.opt_str(st, 3)?;
    let sep: &[u8] = match &sep {
        Some(x) => x.bytes(),
        None => b"",
    };
    let unit = s.bytes().len() + sep.len();
    // Lua copies even empty pieces n times; the result is the same without the wait.
    if n <= 0 || unit == 0 {
        return Ok(vec![st.intern(b"")]);
    }
    if unit > MAX_STRING / n as usize {
        return Err(error(st, "resulting string too large"));
    }
    let mut out = Vec::with_capacity(unit * n as usize);
    for i in 0..n {
        out.extend_from_slice(s.bytes());
        if i + 1 < n {
            out.extend_from_slice(sep);
        }
    }
    Ok(vec![st.intern(&out)])
}

fn reverse(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.reverse");
    let s = a.str(st, 1)?;
    let mut r = s.bytes().to_vec();
    r.reverse();
    Ok(vec![st.intern(&r)])
}

fn byte(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.byte");
    let s = a.str(st, 1)?;
    let l = s.bytes().len();
    let pi = a.opt_int(st, 2, 1)?;
    // The end defaults to the start as given (so `byte(0)` is empty), not as adjusted.
    let end = posrelat_end(a.opt_int(st, 3, pi)?, l);
    let start = posrelat_start(pi, l);
    if start > end {
        return Ok(Vec::new());
    }
    if end - start >= i32::MAX as u64 {
        return Err(error(st, "string slice too long"));
    }
    Ok(s.bytes()[start as usize - 1..end as usize]
        .iter()
        .map(|&c| Value::int(c as i64))
        .collect())
}

fn char_fn(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.char");
    let mut out = Vec::with_capacity(a.len());
    for i in 1..=a.len() {
        let c = a.int(st, i)?;
        if c as u64 > u8::MAX as u64 {
            return Err(a.arg_error(st, i, "value out of range"));
        }
        out.push(c as u8);
    }
    Ok(vec![st.intern(&out)])
}

// -- format ----------------------------------------------------------------------------------

/// Errors while formatting: ours (already Lua errors) or the engine's.
enum FmtErr {
    Lua(LuaError),
    Format(FormatError),
}

impl From<FormatError> for FmtErr {
    fn from(e: FormatError) -> FmtErr {
        FmtErr::Format(e)
    }
}

struct FmtArgs<'a> {
    st: &'a mut State,
    args: &'a Args,
}

impl FormatArgs for FmtArgs<'_> {
    type Error = FmtErr;

    fn top(&self) -> usize {
        self.args.len()
    }

    fn integer(&mut self, arg: usize) -> Result<i64, FmtErr> {
        self.args.int(self.st, arg).map_err(FmtErr::Lua)
    }

    fn number(&mut self, arg: usize) -> Result<f64, FmtErr> {
        self.args.float(self.st, arg).map_err(FmtErr::Lua)
    }

    fn tostring(&mut self, arg: usize) -> Result<Cow<'_, [u8]>, FmtErr> {
        let v = self.args.get(arg);
        super::tostring_bytes(self.st, v)
            .map(Cow::Owned)
            .map_err(FmtErr::Lua)
    }

    fn literal(&mut self, arg: usize) -> Result<Literal<'_>, FmtErr> {
        let v = self.args.get(arg);
        Ok(match v.tag {
            value::STR => Literal::Str(Cow::Owned(
                v.as_str().map(|s| s.bytes().to_vec()).unwrap_or_default(),
            )),
            value::INT => Literal::Int(v.payload),
            value::FLOAT => Literal::Float(v.as_float_raw()),
            value::NIL | value::FALSE | value::TRUE => Literal::Text(Cow::Owned(
                super::tostring_bytes(self.st, v).map_err(FmtErr::Lua)?,
            )),
            _ => Literal::NoLiteral,
        })
    }

    fn pointer(&mut self, arg: usize) -> Option<usize> {
        let v = self.args.get(arg);
        match v.tag {
            value::NIL | value::FALSE | value::TRUE | value::INT | value::FLOAT => None,
            _ => Some(v.payload as usize),
        }
    }
}

fn format(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.format");
    let fmt = a.str(st, 1)?;
    let r = {
        let mut fa = FmtArgs { st, args: &a };
        crate::format::format(fmt.bytes(), &mut fa)
    };
    match r {
        Ok(out) => Ok(vec![st.intern(&out)]),
        Err(FmtErr::Lua(e)) => Err(e),
        Err(FmtErr::Format(FormatError::BadArgument { arg, msg })) => {
            Err(a.arg_error(st, arg, &msg))
        }
        Err(FmtErr::Format(FormatError::Message(m))) => Err(error(st, m)),
    }
}

// -- find, match, gmatch, gsub ---------------------------------------------------------------

/// Errors while matching: a pattern error (raised with `luaL_error`) or a Lua error from a
/// replacement function.
enum PatErr {
    Lua(LuaError),
    Pattern(PatternError),
}

impl From<PatternError> for PatErr {
    fn from(e: PatternError) -> PatErr {
        PatErr::Pattern(e)
    }
}

fn pattern_error(st: &mut State, e: PatternError) -> LuaError {
    error(st, e.to_string())
}

fn capture_value(st: &mut State, s: &[u8], c: &Capture) -> Value {
    match c.value(s) {
        CaptureValue::Str(b) => st.intern(b),
        CaptureValue::Int(i) => Value::int(i),
    }
}

fn find(st: &mut State, args: Vec<Value>) -> Ret {
    find_aux(st, args, true)
}

fn match_fn(st: &mut State, args: Vec<Value>) -> Ret {
    find_aux(st, args, false)
}

fn find_aux(st: &mut State, args: Vec<Value>, is_find: bool) -> Ret {
    let a = Args::new(
        args,
        if is_find {
            "string.find"
        } else {
            "string.match"
        },
    );
    let s = a.str(st, 1)?;
    let p = a.str(st, 2)?;
    let init = a.opt_int(st, 3, 1)?;
    let sb = s.bytes();
    if posrelat_start(init, sb.len()) > sb.len() as u64 + 1 {
        return Ok(vec![Value::NIL]);
    }
    if is_find {
        let plain = a.get(4).truthy();
        match pattern::find(sb, p.bytes(), init, plain) {
            Err(e) => Err(pattern_error(st, e)),
            Ok(None) => Ok(vec![Value::NIL]),
            Ok(Some(m)) => {
                let mut out = vec![Value::int(m.start as i64 + 1), Value::int(m.end as i64)];
                for c in &m.captures {
                    out.push(capture_value(st, sb, c));
                }
                Ok(out)
            }
        }
    } else {
        match pattern::match_(sb, p.bytes(), init) {
            Err(e) => Err(pattern_error(st, e)),
            Ok(None) => Ok(vec![Value::NIL]),
            Ok(Some(caps)) => Ok(caps.iter().map(|c| capture_value(st, sb, c)).collect()),
        }
    }
}

/// The state of one `gmatch` iterator, kept in an opaque heap box.
struct GmatchState {
    subject: LStr,
    pattern: LStr,
    state: RefCell<pattern::Gmatch>,
}

const GMATCH_ITER: &str = "gmatch iterator";

fn gmatch(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.gmatch");
    let s = a.str(st, 1)?;
    let p = a.str(st, 2)?;
    let init = a.opt_int(st, 3, 1)?;
    let g = pattern::Gmatch::new(s.bytes().len(), init);
    let boxed = GmatchState {
        subject: s,
        pattern: p,
        state: RefCell::new(g),
    };
    let data = Value::thread(st.heap.new_thread(Box::new(boxed), trace_gmatch));
    Ok(vec![new_closure(st, GMATCH_ITER, gmatch_aux, data)])
}

/// Reports the subject and pattern strings a `gmatch` iterator holds.
fn trace_gmatch(inner: &dyn std::any::Any, t: &mut vgc::Tracer) {
    if let Some(g) = inner.downcast_ref::<GmatchState>() {
        // SAFETY: the strings are live heap objects held by the iterator.
        unsafe {
            t.edge_ptr(g.subject.0 as *const u8);
            t.edge_ptr(g.pattern.0 as *const u8);
        }
    }
}

fn gmatch_aux(st: &mut State, _args: Vec<Value>) -> Ret {
    let Some(data) = native_data(st, GMATCH_ITER).and_then(|d| d.as_thread()) else {
        return Err(error(
            st,
            "lua-demo cannot call a gmatch iterator from here (as a metamethod)",
        ));
    };
    // SAFETY: the data of a gmatch iterator is the live box `gmatch` made.
    let Some(g) = (unsafe { (*data).inner.downcast_ref::<GmatchState>() }) else {
        return Err(error(st, "corrupt gmatch iterator"));
    };
    let s = g.subject.bytes();
    let next = g.state.borrow_mut().next(s, g.pattern.bytes());
    match next {
        Err(e) => Err(pattern_error(st, e)),
        Ok(None) => Ok(Vec::new()),
        Ok(Some(caps)) => Ok(caps.iter().map(|c| capture_value(st, s, c)).collect()),
    }
}

/// A replacement value from a function or table: `None` keeps the match; strings and numbers
/// replace it; anything else is an error.
fn replacement(st: &mut State, v: Value) -> Result<Option<Vec<u8>>, PatErr> {
    if !v.truthy() {
        return Ok(None);
    }
    match super::to_bytes(v) {
        Some(b) => Ok(Some(b)),
        None => Err(PatErr::Lua(error(
            st,
            format!("invalid replacement value (a {})", v.type_name()),
        ))),
    }
}

fn gsub(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "string.gsub");
    let s = a.str(st, 1)?;
    let p = a.str(st, 2)?;
    let repl = a.get(3);
    let max_n = if a.is_none_or_nil(4) {
        None
    } else {
        Some(a.int(st, 4)?)
    };
    let sb = s.bytes();
    let result = match repl.tag {
        value::STR | value::INT | value::FLOAT => {
            let r = super::to_bytes(repl).unwrap_or_default();
            pattern::gsub::<PatErr>(sb, p.bytes(), Repl::Str(&r), max_n)
                .map(|(o, n)| (o.into_owned(), n))
        }
        value::TABLE => {
            let mut f = |c: &Capture| -> Result<Option<Vec<u8>>, PatErr> {
                let key = capture_value(st, sb, c);
                let v = super::table::in_c(st, |st| st.index(repl, key)).map_err(PatErr::Lua)?;
                replacement(st, v)
            };
            pattern::gsub::<PatErr>(sb, p.bytes(), Repl::Index(&mut f), max_n)
                .map(|(o, n)| (o.into_owned(), n))
        }
        value::LCLOSURE | value::NATIVE => {
            let mut f = |caps: &[Capture]| -> Result<Option<Vec<u8>>, PatErr> {
                let vals: Vec<Value> = caps.iter().map(|c| capture_value(st, sb, c)).collect();
                let r = super::call(st, repl, &vals).map_err(PatErr::Lua)?;
                replacement(st, r.first().copied().unwrap_or(Value::NIL))
            };
            pattern::gsub::<PatErr>(sb, p.bytes(), Repl::Call(&mut f), max_n)
                .map(|(o, n)| (o.into_owned(), n))
        }
        _ => return Err(a.type_error(st, 3, "string/function/table")),
    };
    match result {
        Ok((out, n)) => {
            if out.len() > MAX_STRING {
                return Err(error(st, "not enough memory"));
            }
            Ok(vec![st.intern(&out), Value::int(n)])
        }
        Err(PatErr::Lua(e)) => Err(e),
        Err(PatErr::Pattern(e)) => Err(pattern_error(st, e)),
    }
}

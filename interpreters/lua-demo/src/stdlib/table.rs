//! The table library (`ltablib.c`): insert, remove, concat, sort, unpack, pack, move.
//!
//! Element access goes through `geti`/`seti`, which honour `__index`/`__newindex` like
//! `lua_geti`/`lua_seti` and take a raw fast path for tables without a metatable. `sort` is Lua's
//! own quicksort (median of three, the same partition loop and pivot randomisation for skewed
//! inputs), so it calls the comparator on the same pairs, leaves the same order for equal
//! elements and reports "invalid order function for sorting" in the same situations as
//! `lua5.4`. Tables without a metatable are sorted in a vector and written back, with the same
//! comparisons; a comparator that modifies the table it sorts sees the old contents (Lua leaves
//! that case unspecified).

use super::{Args, Ret, error};
use crate::runtime::Table;
use crate::state::{LResult, State};
use crate::value::{self, Value};

pub(super) fn open(st: &mut State) {
    super::new_lib(
        st,
        "table",
        &[
            ("concat", "table.concat", concat),
            ("insert", "table.insert", insert),
            ("move", "table.move", move_fn),
            ("pack", "table.pack", pack),
            ("remove", "table.remove", remove),
            ("sort", "table.sort", sort),
            ("unpack", "table.unpack", unpack),
        ],
    );
}

/// Runs a core operation on behalf of a library function: errors the core raises itself
/// ("attempt to index a nil value") carry no position, as in Lua where the running function is
/// the C function. Lua functions it calls (metamethods) report their own positions as usual.
pub(crate) fn in_c<T>(st: &mut State, f: impl FnOnce(&mut State) -> LResult<T>) -> LResult<T> {
    let (base, pc) = (st.cur_base, st.cur_pc);
    st.cur_base = 0;
    st.cur_pc = 0;
    let r = f(st);
    st.cur_base = base;
    st.cur_pc = pc;
    r
}

/// A plain table: one without a metatable, where raw access is exact.
fn plain(t: Value) -> Option<*mut Table> {
    // SAFETY: table payloads are live tables.
    t.as_table().filter(|&p| unsafe { (*p).meta.is_null() })
}

/// `lua_geti`: `t[i]` with `__index`.
pub(crate) fn geti(st: &mut State, t: Value, i: i64) -> LResult<Value> {
    if let Some(p) = plain(t) {
        // SAFETY: `p` is a live table.
        return Ok(unsafe { (*p).get_int(i) });
    }
    in_c(st, |st| st.index(t, Value::int(i)))
}

/// `lua_seti`: `t[i] = v` with `__newindex`.
pub(crate) fn seti(st: &mut State, t: Value, i: i64, v: Value) -> LResult<()> {
    if let Some(p) = plain(t) {
        // SAFETY: `p` is a live table.
        unsafe { (*p).set_int(i, v) };
        return Ok(());
    }
    in_c(st, |st| st.set_index(t, Value::int(i), v))
}

/// `luaL_len`: `#v` with `__len`, which must be an integer.
pub(crate) fn len(st: &mut State, v: Value) -> LResult<i64> {
    if let Some(p) = plain(v) {
        // SAFETY: `p` is a live table.
        return Ok(unsafe { (*p).border() });
    }
    let n = in_c(st, |st| st.len(v, None))?;
    let n = match n.tag {
        value::INT => Some(n.payload),
        value::FLOAT => crate::number::float_to_int_exact(n.as_float_raw()),
        value::STR => n
            .as_str()
            .and_then(|s| crate::number::str_to_integer(s.bytes()))
            .and_then(|r| r.ok()),
        _ => None,
    };
    match n {
        Some(n) => Ok(n),
        None => Err(error(st, "object length is not an integer")),
    }
}

const TAB_R: u8 = 1;
const TAB_W: u8 = 2;
const TAB_L: u8 = 4;

/// `checktab`: a table, or a value whose metatable provides the needed operations.
fn check_tab(st: &mut State, a: &Args, n: usize, what: u8) -> LResult<Value> {
    let v = a.get(n);
    if v.tag == value::TABLE {
        return Ok(v);
    }
    if st.metatable(v).is_some() {
        let need = [(TAB_R, "__index"), (TAB_W, "__newindex"), (TAB_L, "__len")];
        if need
            .iter()
            .all(|&(bit, name)| what & bit == 0 || !super::base::metafield(st, v, name).is_nil())
        {
            return Ok(v);
        }
    }
    Err(a.type_error(st, n, "table"))
}

/// `aux_getn`: the checked table argument 1 and its length.
fn aux_getn(st: &mut State, a: &Args, what: u8) -> LResult<(Value, i64)> {
    let t = check_tab(st, a, 1, what | TAB_L)?;
    let n = len(st, t)?;
    Ok((t, n))
}

fn insert(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "table.insert");
    let (t, n) = aux_getn(st, &a, TAB_R | TAB_W)?;
    let e = n.wrapping_add(1);
    let pos = match a.len() {
        2 => e,
        3 => {
            let pos = a.int(st, 2)?;
            if (pos as u64).wrapping_sub(1) >= e as u64 {
                return Err(a.arg_error(st, 2, "position out of bounds"));
            }
            let mut i = e;
            while i > pos {
                let v = geti(st, t, i - 1)?;
                seti(st, t, i, v)?;
                i -= 1;
            }
            pos
        }
        _ => return Err(error(st, "wrong number of arguments to 'insert'")),
    };
    let v = a.get(a.len());
    seti(st, t, pos, v)?;
    Ok(Vec::new())
}

fn remove(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "table.remove");
    let (t, size) = aux_getn(st, &a, TAB_R | TAB_W)?;
    let mut pos = a.opt_int(st, 2, size)?;
    if pos != size && (pos as u64).wrapping_sub(1) > size as u64 {
        // Lua 5.4.4 blames argument 1 here.
        return Err(a.arg_error(st, 1, "position out of bounds"));
    }
    let result = geti(st, t, pos)?;
    while pos < size {
        let v = geti(st, t, pos + 1)?;
        seti(st, t, pos, v)?;
        pos += 1;
    }
    seti(st, t, pos, Value::NIL)?;
    Ok(vec![result])
}

fn concat(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "table.concat");
    let (t, n) = aux_getn(st, &a, TAB_R)?;
    let sep = a.opt_str(st, 2)?;
    let sep: &[u8] = match &sep {
        Some(s) => s.bytes(),
        None => b"",
    };
    let mut i = a.opt_int(st, 3, 1)?;
    let last = a.opt_int(st, 4, n)?;
    let mut out = Vec::new();
    while i <= last {
        let v = geti(st, t, i)?;
        match v.tag {
            value::STR => out.extend_from_slice(v.as_str().map(|s| s.bytes()).unwrap_or_default()),
            value::INT | value::FLOAT => out.extend_from_slice(&v.to_display()),
            _ => {
                let msg = format!(
                    "invalid value ({}) at index {i} in table for 'concat'",
                    v.type_name()
                );
                return Err(error(st, msg));
            }
        }
        if i == last {
            break;
        }
        out.extend_from_slice(sep);
        if out.len() > super::MAX_STRING {
            return Err(error(st, "not enough memory"));
        }
        i += 1;
    }
    Ok(vec![st.intern(&out)])
}

fn pack(st: &mut State, args: Vec<Value>) -> Ret {
    let t = st.heap.new_table(args.len(), 1);
    let n = args.len() as i64;
    for (i, v) in args.into_iter().enumerate() {
        // SAFETY: `t` was just made.
        unsafe { (*t).set_int(i as i64 + 1, v) };
    }
    let tv = Value::table(t);
    super::raw_set_str(st, tv, "n", Value::int(n));
    Ok(vec![tv])
}

/// Most values `unpack` returns (Lua's stack limit, `LUAI_MAXSTACK`).
const MAX_UNPACK: u64 = 999_000;

fn unpack(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "table.unpack");
    let t = a.get(1);
    let i = a.opt_int(st, 2, 1)?;
    let e = if a.is_none_or_nil(3) {
        len(st, t)?
    } else {
        a.int(st, 3)?
    };
    if i > e {
        return Ok(Vec::new());
    }
    let n = (e as u64).wrapping_sub(i as u64);
    if n >= MAX_UNPACK {
        return Err(error(st, "too many results to unpack"));
    }
    let mut out = Vec::with_capacity(n as usize + 1);
    for k in 0..=n {
        out.push(geti(st, t, i.wrapping_add(k as i64))?);
    }
    Ok(out)
}

fn move_fn(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "table.move");
    let f = a.int(st, 2)?;
    let e = a.int(st, 3)?;
    let t = a.int(st, 4)?;
    let dest_arg = if a.is_none_or_nil(5) { 1 } else { 5 };
    let src = check_tab(st, &a, 1, TAB_R)?;
    let dst = check_tab(st, &a, dest_arg, TAB_W)?;
    if e >= f {
        if !(f > 0 || e < i64::MAX + f) {
            return Err(a.arg_error(st, 3, "too many elements to move"));
        }
        let n = e - f + 1;
        if t > i64::MAX - n + 1 {
            return Err(a.arg_error(st, 4, "destination wrap around"));
        }
        let same = dest_arg == 1 || in_c(st, |st| st.equals(src, dst))?;
        if t > e || t <= f || !same {
            for i in 0..n {
                let v = geti(st, src, f + i)?;
                seti(st, dst, t + i, v)?;
            }
        } else {
            for i in (0..n).rev() {
                let v = geti(st, src, f + i)?;
                seti(st, dst, t + i, v)?;
            }
        }
    }
    Ok(vec![dst])
}

// -- sort ------------------------------------------------------------------------------------

/// Where `sort` reads and writes elements: a vector copy of a plain table, or the table itself
/// through metamethods. Indexes are Lua's (1-based).
trait Slots {
    fn get(&mut self, st: &mut State, i: u64) -> LResult<Value>;
    fn set(&mut self, st: &mut State, i: u64, v: Value) -> LResult<()>;
}

struct VecSlots(Vec<Value>);

impl Slots for VecSlots {
    fn get(&mut self, _: &mut State, i: u64) -> LResult<Value> {
        Ok(self.0[i as usize - 1])
    }
    fn set(&mut self, _: &mut State, i: u64, v: Value) -> LResult<()> {
        self.0[i as usize - 1] = v;
        Ok(())
    }
}

struct MetaSlots(Value);

impl Slots for MetaSlots {
    fn get(&mut self, st: &mut State, i: u64) -> LResult<Value> {
        geti(st, self.0, i as i64)
    }
    fn set(&mut self, st: &mut State, i: u64, v: Value) -> LResult<()> {
        seti(st, self.0, i as i64, v)
    }
}

struct Sorter<S: Slots> {
    slots: S,
    cmp: Option<Value>,
}

/// `RANLIMIT`: partitions at least this long get a randomised pivot when skewed.
const RANLIMIT: u64 = 100;

impl<S: Slots> Sorter<S> {
    /// `sort_comp`: `a < b` by the comparator or by `<`.
    fn less(&mut self, st: &mut State, a: Value, b: Value) -> LResult<bool> {
        match self.cmp {
            Some(f) => {
                let r = super::call(st, f, &[a, b])?;
                Ok(r.first().is_some_and(|v| v.truthy()))
            }
            None => in_c(st, |st| st.less(a, b, false)),
        }
    }

    fn set2(&mut self, st: &mut State, i: u64, vi: Value, j: u64, vj: Value) -> LResult<()> {
        self.slots.set(st, i, vi)?;
        self.slots.set(st, j, vj)
    }

    fn order_error(&self, st: &mut State) -> crate::state::LuaError {
        error(st, "invalid order function for sorting")
    }

    /// `partition`: `a[up - 1]` holds the pivot `p`; returns its final place.
    fn partition(&mut self, st: &mut State, lo: u64, up: u64, p: Value) -> LResult<u64> {
        let mut i = lo;
        let mut j = up - 1;
        loop {
            // Repeat ++i while a[i] < P.
            let mut ai;
            loop {
                i += 1;
                ai = self.slots.get(st, i)?;
                if !self.less(st, ai, p)? {
                    break;
                }
                if i == up - 1 {
                    return Err(self.order_error(st));
                }
            }
            // Repeat --j while P < a[j].
            let mut aj;
            loop {
                j = j.wrapping_sub(1);
                aj = self.slots.get(st, j)?;
                if !self.less(st, p, aj)? {
                    break;
                }
                if j < i {
                    return Err(self.order_error(st));
                }
            }
            if j < i {
                // Swap the pivot (a[up - 1]) with a[i].
                let pv = self.slots.get(st, up - 1)?;
                self.set2(st, up - 1, ai, i, pv)?;
                return Ok(i);
            }
            self.set2(st, i, aj, j, ai)?;
        }
    }

    fn auxsort(&mut self, st: &mut State, mut lo: u64, mut up: u64, mut rnd: u32) -> LResult<()> {
        while lo < up {
            // Sort a[lo], a[p], a[up].
            let a_lo = self.slots.get(st, lo)?;
            let a_up = self.slots.get(st, up)?;
            if self.less(st, a_up, a_lo)? {
                self.set2(st, lo, a_up, up, a_lo)?;
            }
            if up - lo == 1 {
                break;
            }
            let p = if up - lo < RANLIMIT || rnd == 0 {
                (lo + up) / 2
            } else {
                let r4 = (up - lo) / 4;
                (rnd as u64) % (r4 * 2) + (lo + r4)
            };
            let a_p = self.slots.get(st, p)?;
            let a_lo = self.slots.get(st, lo)?;
            if self.less(st, a_p, a_lo)? {
                self.set2(st, p, a_lo, lo, a_p)?;
            } else {
                let a_up = self.slots.get(st, up)?;
                if self.less(st, a_up, a_p)? {
                    self.set2(st, p, a_up, up, a_p)?;
                }
            }
            if up - lo == 2 {
                break;
            }
            let pivot = self.slots.get(st, p)?;
            let a_up1 = self.slots.get(st, up - 1)?;
            self.set2(st, p, a_up1, up - 1, pivot)?;
            let p = self.partition(st, lo, up, pivot)?;
            let n;
            if p - lo < up - p {
                self.auxsort(st, lo, p - 1, rnd)?;
                n = p - lo;
                lo = p + 1;
            } else {
                self.auxsort(st, p + 1, up, rnd)?;
                n = up - p;
                up = p - 1;
            }
            if (up.wrapping_sub(lo)) / 128 > n {
                rnd = randomize_pivot();
            }
        }
        Ok(())
    }
}

/// `l_randomizePivot`: a value from the clock, as Lua mixes `clock()` and `time()`.
fn randomize_pivot() -> u32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (now.as_secs() as u32).wrapping_add(now.subsec_nanos())
}

fn sort(st: &mut State, args: Vec<Value>) -> Ret {
    let a = Args::new(args, "table.sort");
    let (t, n) = aux_getn(st, &a, TAB_R | TAB_W)?;
    if n > 1 {
        if n >= i32::MAX as i64 {
            return Err(a.arg_error(st, 1, "array too big"));
        }
        let cmp = if a.is_none_or_nil(2) {
            None
        } else {
            Some(a.function(st, 2)?)
        };
        let n = n as u64;
        match plain(t) {
            Some(p) => {
                // SAFETY: `p` is a live table.
                let items = (1..=n).map(|i| unsafe { (*p).get_int(i as i64) }).collect();
                let mut s = Sorter {
                    slots: VecSlots(items),
                    cmp,
                };
                let r = s.auxsort(st, 1, n, 0);
                // Written back even after an error, as Lua leaves a partly sorted table.
                for (i, v) in s.slots.0.into_iter().enumerate() {
                    // SAFETY: as above.
                    unsafe { (*p).set_int(i as i64 + 1, v) };
                }
                r?;
            }
            None => {
                let mut s = Sorter {
                    slots: MetaSlots(t),
                    cmp,
                };
                s.auxsort(st, 1, n, 0)?;
            }
        }
    }
    Ok(Vec::new())
}

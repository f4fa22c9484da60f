//! A small reference interpreter for lua-demo's bytecode, used only to test the compiler.
//!
//! It executes each instruction exactly as the doc comments in `lua_demo::bytecode` describe, with
//! plain Rust values (`Rc` tables, no garbage collector, no JIT), so that compiled programs can be
//! run and their output compared with `lua5.4`'s. It implements the metamethods the tests use
//! (`__index`, `__newindex`, `__call`, arithmetic, `__concat`, `__eq`, `__lt`, `__le`, `__len`,
//! `__unm`, `__close`) and a handful of library functions. It is not the lead's interpreter and
//! deliberately does not try to be fast or complete: string coercions are simplified, `pairs`
//! visits keys in insertion order, and errors inside `__close` are not handled.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use lua_demo::bytecode::{ArithOp, Constant, Insn, MULTRET, Proto, RegSet};

pub type TableRef = Rc<RefCell<Table>>;
pub type UpRef = Rc<RefCell<Upval>>;
pub type NativeFn = fn(&mut Vm, Vec<Value>) -> Result<Vec<Value>, Value>;

#[derive(Clone)]
pub enum Value {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Rc<[u8]>),
    Table(TableRef),
    Func(Rc<Closure>),
    Native(NativeFn),
}

pub struct Closure {
    proto: Rc<Proto>,
    upvals: Vec<UpRef>,
}

pub enum Upval {
    /// Still in the stack, at this absolute index.
    Open(usize),
    Closed(Value),
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum Key {
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(Rc<[u8]>),
    Ref(usize),
}

#[derive(Default)]
pub struct Table {
    map: HashMap<Key, (Value, Value)>,
    /// Keys in insertion order, for `next`.
    order: Vec<Key>,
    meta: Option<TableRef>,
}

fn s(text: &str) -> Value {
    Value::Str(Rc::from(text.as_bytes()))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Nil => "nil",
        Value::Bool(_) => "boolean",
        Value::Int(_) | Value::Float(_) => "number",
        Value::Str(_) => "string",
        Value::Table(_) => "table",
        Value::Func(_) | Value::Native(_) => "function",
    }
}

fn truthy(v: &Value) -> bool {
    !matches!(v, Value::Nil | Value::Bool(false))
}

fn float_to_int(f: f64) -> Option<i64> {
    if f.floor() == f && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

fn key_of(v: &Value) -> Option<Key> {
    Some(match v {
        Value::Nil => return None,
        Value::Bool(b) => Key::Bool(*b),
        Value::Int(i) => Key::Int(*i),
        Value::Float(f) => match float_to_int(*f) {
            Some(i) => Key::Int(i),
            None if f.is_nan() => return None,
            None => Key::Float(f.to_bits()),
        },
        Value::Str(s) => Key::Str(s.clone()),
        Value::Table(t) => Key::Ref(Rc::as_ptr(t) as *const u8 as usize),
        Value::Func(f) => Key::Ref(Rc::as_ptr(f) as *const u8 as usize),
        Value::Native(f) => Key::Ref(*f as usize),
    })
}

impl Table {
    pub fn get(&self, k: &Value) -> Value {
        match key_of(k) {
            Some(key) => self.map.get(&key).map_or(Value::Nil, |(_, v)| v.clone()),
            None => Value::Nil,
        }
    }

    fn set(&mut self, k: Value, v: Value) -> Result<(), &'static str> {
        let key = match (&k, key_of(&k)) {
            (Value::Nil, _) => return Err("table index is nil"),
            (_, None) => return Err("table index is NaN"),
            (_, Some(key)) => key,
        };
        let k = if let Key::Int(i) = key {
            Value::Int(i)
        } else {
            k
        };
        if matches!(v, Value::Nil) {
            if self.map.remove(&key).is_some() {
                self.order.retain(|x| x != &key);
            }
        } else if let Some(slot) = self.map.get_mut(&key) {
            slot.1 = v;
        } else {
            self.order.push(key.clone());
            self.map.insert(key, (k, v));
        }
        Ok(())
    }

    fn length(&self) -> i64 {
        let mut n = 0;
        while self.map.contains_key(&Key::Int(n + 1)) {
            n += 1;
        }
        n
    }
}

fn new_table() -> TableRef {
    Rc::new(RefCell::new(Table::default()))
}

/// `%.14g`, as Lua prints floats.
fn fmt_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_string();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_string();
    }
    let sci = format!("{f:.13e}");
    let (mantissa, exp) = sci.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let trim = |s: &str| -> String {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    let mut text = if !(-4..14).contains(&exp) {
        format!(
            "{}e{}{:02}",
            trim(mantissa),
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    } else {
        trim(&format!("{f:.prec$}", prec = (13 - exp).max(0) as usize))
    };
    if text.bytes().all(|c| c == b'-' || c.is_ascii_digit()) {
        text.push_str(".0");
    }
    text
}

fn to_display(v: &Value) -> Vec<u8> {
    match v {
        Value::Nil => b"nil".to_vec(),
        Value::Bool(b) => b.to_string().into_bytes(),
        Value::Int(i) => i.to_string().into_bytes(),
        Value::Float(f) => fmt_float(*f).into_bytes(),
        Value::Str(s) => s.to_vec(),
        Value::Table(_) => b"table".to_vec(),
        Value::Func(_) | Value::Native(_) => b"function".to_vec(),
    }
}

/// A number from a value, converting numeric strings (simplified Lua coercion).
fn to_number(v: &Value) -> Option<Value> {
    match v {
        Value::Int(_) | Value::Float(_) => Some(v.clone()),
        Value::Str(s) => {
            let text = std::str::from_utf8(s).ok()?.trim();
            if let Ok(i) = text.parse::<i64>() {
                Some(Value::Int(i))
            } else if let Some(hex) = text.strip_prefix("0x") {
                u64::from_str_radix(hex, 16)
                    .ok()
                    .map(|u| Value::Int(u as i64))
            } else if text.contains(['n', 'N']) {
                None
            } else {
                text.parse::<f64>().ok().map(Value::Float)
            }
        }
        _ => None,
    }
}

fn to_float(v: &Value) -> f64 {
    match v {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        _ => f64::NAN,
    }
}

fn shift_left(x: i64, y: i64) -> i64 {
    if y <= -64 || y >= 64 {
        0
    } else if y < 0 {
        ((x as u64) >> (-y)) as i64
    } else {
        ((x as u64) << y) as i64
    }
}

pub struct Vm {
    stack: Vec<Value>,
    open_upvals: Vec<(usize, UpRef)>,
    pub globals: TableRef,
    pub out: Vec<u8>,
    /// (chunk, line) of the Lua code that called the running native function.
    where_stack: Vec<String>,
    string_meta: TableRef,
    /// When set, every register that `Proto::live_registers` calls dead at an instruction is
    /// overwritten with a poison string before the instruction runs, so that a wrong liveness
    /// answer changes the program's output.
    pub poison_dead: bool,
    liveness: HashMap<usize, Rc<Vec<RegSet>>>,
}

/// What dead registers are overwritten with in `poison_dead` mode.
const POISON: &str = "<dead register>";

/// The error raised at pc `pc` of `proto`: "chunk:line: msg".
fn runtime_error(proto: &Proto, pc: usize, msg: &str) -> Value {
    s(&format!("{}:{}: {msg}", proto.source, proto.line(pc)))
}

/// " (local 'x')" for register `reg` at `pc`, or nothing, as Lua's `varinfo`.
fn var_info(proto: &Proto, pc: usize, reg: Option<u8>) -> String {
    match reg.and_then(|r| proto.describe_reg(pc, r)) {
        Some((kind, name)) => format!(" ({} '{name}')", kind.as_str()),
        None => String::new(),
    }
}

impl Vm {
    pub fn new() -> Vm {
        let mut vm = Vm {
            stack: Vec::new(),
            open_upvals: Vec::new(),
            globals: new_table(),
            out: Vec::new(),
            where_stack: Vec::new(),
            string_meta: new_table(),
            poison_dead: false,
            liveness: HashMap::new(),
        };
        vm.install_library();
        vm
    }

    fn set_global(&mut self, name: &str, v: Value) {
        self.globals.borrow_mut().set(s(name), v).unwrap();
    }

    pub fn run_main(&mut self, proto: Rc<Proto>) -> Result<Vec<Value>, Value> {
        let env = Rc::new(RefCell::new(Upval::Closed(Value::Table(
            self.globals.clone(),
        ))));
        let main = Value::Func(Rc::new(Closure {
            proto,
            upvals: vec![env],
        }));
        self.call(&main, Vec::new())
    }

    // --- Metatables ---------------------------------------------------------------------------

    fn metatable(&self, v: &Value) -> Option<TableRef> {
        match v {
            Value::Table(t) => t.borrow().meta.clone(),
            Value::Str(_) => Some(self.string_meta.clone()),
            _ => None,
        }
    }

    fn metamethod(&self, v: &Value, event: &str) -> Value {
        match self.metatable(v) {
            Some(meta) => meta.borrow().get(&s(event)),
            None => Value::Nil,
        }
    }

    fn first_value(results: Vec<Value>) -> Value {
        results.into_iter().next().unwrap_or(Value::Nil)
    }

    /// `t[k]` with `__index`; `Err(None)` means "not indexable" for the caller to name.
    pub fn index(&mut self, t: &Value, k: &Value) -> Result<Value, Option<Value>> {
        let mut t = t.clone();
        for _ in 0..100 {
            let handler = match &t {
                Value::Table(table) => {
                    let v = table.borrow().get(k);
                    if !matches!(v, Value::Nil) {
                        return Ok(v);
                    }
                    let h = self.metamethod(&t, "__index");
                    if matches!(h, Value::Nil) {
                        return Ok(Value::Nil);
                    }
                    h
                }
                _ => {
                    let h = self.metamethod(&t, "__index");
                    if matches!(h, Value::Nil) {
                        return Err(None);
                    }
                    h
                }
            };
            if matches!(handler, Value::Func(_) | Value::Native(_)) {
                return self
                    .call(&handler, vec![t, k.clone()])
                    .map(Self::first_value)
                    .map_err(Some);
            }
            t = handler;
        }
        Err(Some(s("'__index' chain too long; possible loop")))
    }

    /// `t[k] = v` with `__newindex`.
    fn set_index(&mut self, t: &Value, k: Value, v: Value) -> Result<(), Fault> {
        let mut t = t.clone();
        for _ in 0..100 {
            let handler = match &t {
                Value::Table(table) => {
                    let present = !matches!(table.borrow().get(&k), Value::Nil);
                    let h = self.metamethod(&t, "__newindex");
                    if present || matches!(h, Value::Nil) {
                        return table.borrow_mut().set(k, v).map_err(Fault::Raw);
                    }
                    h
                }
                _ => {
                    let h = self.metamethod(&t, "__newindex");
                    if matches!(h, Value::Nil) {
                        return Err(Fault::Operand(0));
                    }
                    h
                }
            };
            if matches!(handler, Value::Func(_) | Value::Native(_)) {
                return self
                    .call(&handler, vec![t, k, v])
                    .map(|_| ())
                    .map_err(Fault::Thrown);
            }
            t = handler;
        }
        Err(Fault::Raw("'__newindex' chain too long; possible loop"))
    }

    /// Raw arithmetic on numbers; `None` if an operand is not a number; `Err` for integer
    /// division by zero and bitwise operands without an integer representation.
    fn raw_arith(op: ArithOp, a: &Value, b: &Value) -> Option<Result<Value, &'static str>> {
        if op.is_bitwise() {
            // Lua 5.4 does not coerce strings in bitwise operations.
            let is_number = |v: &Value| matches!(v, Value::Int(_) | Value::Float(_));
            if !is_number(a) || !is_number(b) {
                return None;
            }
            let as_int = |v: &Value| match v {
                Value::Int(i) => Some(*i),
                Value::Float(f) => float_to_int(*f),
                _ => None,
            };
            let (Some(x), Some(y)) = (as_int(a), as_int(b)) else {
                return Some(Err("number has no integer representation"));
            };
            return Some(Ok(Value::Int(match op {
                ArithOp::BAnd => x & y,
                ArithOp::BOr => x | y,
                ArithOp::BXor => x ^ y,
                ArithOp::Shl => shift_left(x, y),
                _ => shift_left(x, y.wrapping_neg()),
            })));
        }
        let (a, b) = (to_number(a)?, to_number(b)?);
        if let (Value::Int(x), Value::Int(y), false) =
            (&a, &b, matches!(op, ArithOp::Div | ArithOp::Pow))
        {
            let (x, y) = (*x, *y);
            return Some(Ok(Value::Int(match op {
                ArithOp::Add => x.wrapping_add(y),
                ArithOp::Sub => x.wrapping_sub(y),
                ArithOp::Mul => x.wrapping_mul(y),
                ArithOp::Mod => {
                    if y == 0 {
                        return Some(Err("attempt to perform 'n%0'"));
                    }
                    if y == -1 {
                        0
                    } else {
                        let r = x % y;
                        if r != 0 && (r ^ y) < 0 { r + y } else { r }
                    }
                }
                _ => {
                    if y == 0 {
                        return Some(Err("attempt to divide by zero"));
                    }
                    if y == -1 {
                        x.wrapping_neg()
                    } else {
                        let q = x / y;
                        if (x ^ y) < 0 && x % y != 0 { q - 1 } else { q }
                    }
                }
            })));
        }
        let (x, y) = (to_float(&a), to_float(&b));
        Some(Ok(Value::Float(match op {
            ArithOp::Add => x + y,
            ArithOp::Sub => x - y,
            ArithOp::Mul => x * y,
            ArithOp::Div => x / y,
            ArithOp::Pow => {
                if y == 2.0 {
                    x * x
                } else {
                    x.powf(y)
                }
            }
            ArithOp::IDiv => (x / y).floor(),
            _ => {
                let m = x % y;
                if (m > 0.0 && y < 0.0) || (m < 0.0 && y > 0.0) {
                    m + y
                } else {
                    m
                }
            }
        })))
    }

    /// `a op b` with metamethods.
    fn arith(&mut self, op: ArithOp, a: &Value, b: &Value) -> Result<Value, Fault> {
        match Self::raw_arith(op, a, b) {
            Some(Ok(v)) => return Ok(v),
            Some(Err(msg)) => return Err(Fault::Raw(msg)),
            None => {}
        }
        let event = format!("__{}", op.event());
        let mut handler = self.metamethod(a, &event);
        if matches!(handler, Value::Nil) {
            handler = self.metamethod(b, &event);
        }
        if matches!(handler, Value::Nil) {
            if !op.is_bitwise() && (matches!(a, Value::Str(_)) || matches!(b, Value::Str(_))) {
                // Strings take part in arithmetic through the string library's metamethods,
                // which word the error their own way.
                return Err(Fault::Message(format!(
                    "attempt to {} a '{}' with a '{}'",
                    op.event(),
                    type_name(a),
                    type_name(b)
                )));
            }
            // Lua (`luaG_opinterror`) blames the first operand unless it is a number.
            let bad = if matches!(a, Value::Int(_) | Value::Float(_)) {
                1
            } else {
                0
            };
            return Err(Fault::Operand(bad));
        }
        self.call(&handler, vec![a.clone(), b.clone()])
            .map(Self::first_value)
            .map_err(Fault::Thrown)
    }

    fn raw_equal(a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Nil, Value::Nil) => true,
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                to_float(a) == to_float(b)
            }
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Table(x), Value::Table(y)) => Rc::ptr_eq(x, y),
            (Value::Func(x), Value::Func(y)) => Rc::ptr_eq(x, y),
            (Value::Native(x), Value::Native(y)) => *x as usize == *y as usize,
            _ => false,
        }
    }

    fn equal(&mut self, a: &Value, b: &Value) -> Result<bool, Value> {
        if Self::raw_equal(a, b) {
            return Ok(true);
        }
        if let (Value::Table(_), Value::Table(_)) = (a, b) {
            let mut h = self.metamethod(a, "__eq");
            if matches!(h, Value::Nil) {
                h = self.metamethod(b, "__eq");
            }
            if !matches!(h, Value::Nil) {
                return Ok(truthy(&Self::first_value(
                    self.call(&h, vec![a.clone(), b.clone()])?,
                )));
            }
        }
        Ok(false)
    }

    /// `a < b` (or `<=`), with `__lt`/`__le`.
    fn less(&mut self, a: &Value, b: &Value, or_equal: bool) -> Result<bool, Result<(), Value>> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(if or_equal { x <= y } else { x < y }),
            (Value::Int(_) | Value::Float(_), Value::Int(_) | Value::Float(_)) => {
                let (x, y) = (to_float(a), to_float(b));
                return Ok(if or_equal { x <= y } else { x < y });
            }
            (Value::Str(x), Value::Str(y)) => return Ok(if or_equal { x <= y } else { x < y }),
            _ => {}
        }
        let event = if or_equal { "__le" } else { "__lt" };
        let mut h = self.metamethod(a, event);
        if matches!(h, Value::Nil) {
            h = self.metamethod(b, event);
        }
        if matches!(h, Value::Nil) {
            return Err(Ok(()));
        }
        let r = self.call(&h, vec![a.clone(), b.clone()]).map_err(Err)?;
        Ok(truthy(&Self::first_value(r)))
    }

    fn compare_error(a: &Value, b: &Value) -> String {
        let (t1, t2) = (type_name(a), type_name(b));
        if t1 == t2 {
            format!("attempt to compare two {t1} values")
        } else {
            format!("attempt to compare {t1} with {t2}")
        }
    }

    fn concat(&mut self, a: &Value, b: &Value) -> Result<Value, Result<usize, Value>> {
        let piece = |v: &Value| match v {
            Value::Str(_) | Value::Int(_) | Value::Float(_) => Some(to_display(v)),
            _ => None,
        };
        if let (Some(mut x), Some(y)) = (piece(a), piece(b)) {
            x.extend_from_slice(&y);
            return Ok(Value::Str(Rc::from(x)));
        }
        let mut h = self.metamethod(a, "__concat");
        if matches!(h, Value::Nil) {
            h = self.metamethod(b, "__concat");
        }
        if matches!(h, Value::Nil) {
            return Err(Ok(if piece(a).is_some() { 1 } else { 0 }));
        }
        self.call(&h, vec![a.clone(), b.clone()])
            .map(Self::first_value)
            .map_err(Err)
    }

    // --- Upvalues -----------------------------------------------------------------------------

    fn find_upval(&mut self, index: usize) -> UpRef {
        if let Some((_, up)) = self.open_upvals.iter().find(|(i, _)| *i == index) {
            return up.clone();
        }
        let up = Rc::new(RefCell::new(Upval::Open(index)));
        self.open_upvals.push((index, up.clone()));
        up
    }

    fn close_upvals(&mut self, level: usize) {
        let stack = &self.stack;
        self.open_upvals.retain(|(i, up)| {
            if *i >= level {
                let v = stack.get(*i).cloned().unwrap_or(Value::Nil);
                *up.borrow_mut() = Upval::Closed(v);
                false
            } else {
                true
            }
        });
    }

    fn get_upval(&self, up: &UpRef) -> Value {
        match &*up.borrow() {
            Upval::Open(i) => self.stack[*i].clone(),
            Upval::Closed(v) => v.clone(),
        }
    }

    fn set_upval(&mut self, up: &UpRef, v: Value) {
        let open = match &*up.borrow() {
            Upval::Open(i) => Some(*i),
            Upval::Closed(_) => None,
        };
        match open {
            Some(i) => self.stack[i] = v,
            None => *up.borrow_mut() = Upval::Closed(v),
        }
    }

    /// Calls `__close` of the to-be-closed variables at absolute indices `>= level`, newest first.
    fn close_tbc(&mut self, tbc: &mut Vec<usize>, level: usize) -> Result<(), Value> {
        while let Some(&index) = tbc.last() {
            if index < level {
                break;
            }
            tbc.pop();
            let v = self.stack[index].clone();
            if truthy(&v) {
                let h = self.metamethod(&v, "__close");
                self.call(&h, vec![v, Value::Nil])?;
            }
        }
        Ok(())
    }

    // --- Calls --------------------------------------------------------------------------------

    pub fn call(&mut self, f: &Value, args: Vec<Value>) -> Result<Vec<Value>, Value> {
        match f {
            Value::Native(native) => native(self, args),
            Value::Func(closure) => self.execute(closure.clone(), args),
            _ => {
                let h = self.metamethod(f, "__call");
                if matches!(h, Value::Nil) {
                    return Err(s(&format!("attempt to call a {} value", type_name(f))));
                }
                let mut full = vec![f.clone()];
                full.extend(args);
                self.call(&h, full)
            }
        }
    }

    fn execute(
        &mut self,
        mut closure: Rc<Closure>,
        mut args: Vec<Value>,
    ) -> Result<Vec<Value>, Value> {
        let base = self.stack.len();
        let result = self.run_frames(base, &mut closure, &mut args);
        if result.is_err() {
            // Unwinding: the frame's upvalues must not point into a dead stack region.
            self.close_upvals(base);
        }
        self.stack.truncate(base);
        result
    }

    /// Runs a closure (and whatever it tail-calls) in a frame at `base`.
    fn run_frames(
        &mut self,
        base: usize,
        closure: &mut Rc<Closure>,
        args: &mut Vec<Value>,
    ) -> Result<Vec<Value>, Value> {
        loop {
            let proto = closure.proto.clone();
            self.stack.truncate(base);
            self.stack
                .resize(base + usize::from(proto.max_stack), Value::Nil);
            let nparams = usize::from(proto.num_params);
            let mut varargs = Vec::new();
            for (i, arg) in std::mem::take(args).into_iter().enumerate() {
                if i < nparams {
                    self.stack[base + i] = arg;
                } else if proto.is_vararg {
                    varargs.push(arg);
                }
            }
            match self.run(base, closure, &proto, varargs)? {
                Flow::Return(values) => return Ok(values),
                Flow::TailCall(f, new_args) => match f {
                    Value::Func(next) => {
                        *closure = next;
                        *args = new_args;
                    }
                    other => return self.call(&other, new_args),
                },
            }
        }
    }

    fn run(
        &mut self,
        base: usize,
        closure: &Rc<Closure>,
        proto: &Rc<Proto>,
        varargs: Vec<Value>,
    ) -> Result<Flow, Value> {
        let mut pc = 0usize;
        let mut top = base;
        let mut tbc: Vec<usize> = Vec::new();
        let live = if self.poison_dead {
            let key = Rc::as_ptr(proto) as usize;
            Some(
                self.liveness
                    .entry(key)
                    .or_insert_with(|| Rc::new(proto.live_registers()))
                    .clone(),
            )
        } else {
            None
        };
        macro_rules! r {
            ($x:expr) => {
                self.stack[base + usize::from($x)]
            };
        }
        macro_rules! k {
            ($x:expr) => {
                constant(&proto.constants[$x as usize])
            };
        }
        macro_rules! fail {
            ($($arg:tt)*) => {
                return Err(runtime_error(proto, pc - 1, &format!($($arg)*)))
            };
        }
        loop {
            if let Some(live) = &live {
                for reg in 0..proto.max_stack {
                    if !live[pc].contains(reg) {
                        let index = base + usize::from(reg);
                        assert!(
                            !self.open_upvals.iter().any(|(i, _)| *i == index),
                            "{}:{}: register {reg} is called dead at pc {pc} but an open upvalue points at it",
                            proto.source,
                            proto.line(pc)
                        );
                        r!(reg) = s(POISON);
                    }
                }
            }
            let insn = proto.code[pc];
            pc += 1;
            let cur = pc - 1;
            match insn {
                Insn::Move { a, b } => r!(a) = r!(b).clone(),
                Insn::LoadI { a, i } => r!(a) = Value::Int(i64::from(i)),
                Insn::LoadF { a, f } => r!(a) = Value::Float(f64::from(f)),
                Insn::LoadK { a, k } => r!(a) = k!(k),
                Insn::LoadFalse { a } => r!(a) = Value::Bool(false),
                Insn::LoadFalseSkip { a } => {
                    r!(a) = Value::Bool(false);
                    pc += 1;
                }
                Insn::LoadTrue { a } => r!(a) = Value::Bool(true),
                Insn::LoadNil { a, n } => {
                    for i in 0..n {
                        r!(a + i) = Value::Nil;
                    }
                }
                Insn::GetUpval { a, up } => {
                    r!(a) = self.get_upval(&closure.upvals[usize::from(up)])
                }
                Insn::SetUpval { up, src } => {
                    let v = r!(src).clone();
                    self.set_upval(&closure.upvals[usize::from(up)], v);
                }
                Insn::GetTabUp { a, up, key } => {
                    let t = self.get_upval(&closure.upvals[usize::from(up)]);
                    r!(a) = self.index_or_fail(proto, cur, &t, &k!(key), IndexedBy::Upvalue(up))?;
                }
                Insn::GetTable { a, t, key } => {
                    let (tv, kv) = (r!(t).clone(), r!(key).clone());
                    r!(a) = self.index_or_fail(proto, cur, &tv, &kv, IndexedBy::Reg(t))?;
                }
                Insn::GetI { a, t, i } => {
                    let tv = r!(t).clone();
                    r!(a) = self.index_or_fail(
                        proto,
                        cur,
                        &tv,
                        &Value::Int(i64::from(i)),
                        IndexedBy::Reg(t),
                    )?;
                }
                Insn::GetField { a, t, key } => {
                    let tv = r!(t).clone();
                    r!(a) = self.index_or_fail(proto, cur, &tv, &k!(key), IndexedBy::Reg(t))?;
                }
                Insn::SetTabUp { up, key, src } => {
                    let t = self.get_upval(&closure.upvals[usize::from(up)]);
                    let v = r!(src).clone();
                    self.set_or_fail(proto, cur, &t, k!(key), v, IndexedBy::Upvalue(up))?;
                }
                Insn::SetTabUpK { up, key, k } => {
                    let t = self.get_upval(&closure.upvals[usize::from(up)]);
                    self.set_or_fail(proto, cur, &t, k!(key), k!(k), IndexedBy::Upvalue(up))?;
                }
                Insn::SetTable { t, key, src } => {
                    let (tv, kv, v) = (r!(t).clone(), r!(key).clone(), r!(src).clone());
                    self.set_or_fail(proto, cur, &tv, kv, v, IndexedBy::Reg(t))?;
                }
                Insn::SetTableK { t, key, k } => {
                    let (tv, kv) = (r!(t).clone(), r!(key).clone());
                    self.set_or_fail(proto, cur, &tv, kv, k!(k), IndexedBy::Reg(t))?;
                }
                Insn::SetI { t, i, src } => {
                    let (tv, v) = (r!(t).clone(), r!(src).clone());
                    self.set_or_fail(
                        proto,
                        cur,
                        &tv,
                        Value::Int(i64::from(i)),
                        v,
                        IndexedBy::Reg(t),
                    )?;
                }
                Insn::SetIK { t, i, k } => {
                    let tv = r!(t).clone();
                    self.set_or_fail(
                        proto,
                        cur,
                        &tv,
                        Value::Int(i64::from(i)),
                        k!(k),
                        IndexedBy::Reg(t),
                    )?;
                }
                Insn::SetField { t, key, src } => {
                    let (tv, v) = (r!(t).clone(), r!(src).clone());
                    self.set_or_fail(proto, cur, &tv, k!(key), v, IndexedBy::Reg(t))?;
                }
                Insn::SetFieldK { t, key, k } => {
                    let tv = r!(t).clone();
                    self.set_or_fail(proto, cur, &tv, k!(key), k!(k), IndexedBy::Reg(t))?;
                }
                Insn::NewTable { a, .. } => r!(a) = Value::Table(new_table()),
                Insn::SelfK { a, obj, key } => {
                    let o = r!(obj).clone();
                    let m = self.index_or_fail(proto, cur, &o, &k!(key), IndexedBy::Reg(obj))?;
                    r!(a + 1) = o;
                    r!(a) = m;
                }
                Insn::Arith { op, a, b, c } => {
                    let (x, y) = (r!(b).clone(), r!(c).clone());
                    r!(a) = self.arith_or_fail(proto, cur, op, &x, &y, [Some(b), Some(c)])?;
                }
                Insn::ArithK {
                    op,
                    a,
                    b,
                    k,
                    k_left,
                } => {
                    let (x, kv) = (r!(b).clone(), k!(k));
                    r!(a) = if k_left {
                        self.arith_or_fail(proto, cur, op, &kv, &x, [None, Some(b)])?
                    } else {
                        self.arith_or_fail(proto, cur, op, &x, &kv, [Some(b), None])?
                    };
                }
                Insn::ArithI {
                    op,
                    a,
                    b,
                    imm,
                    imm_left,
                } => {
                    let (x, iv) = (r!(b).clone(), Value::Int(i64::from(imm)));
                    r!(a) = if imm_left {
                        self.arith_or_fail(proto, cur, op, &iv, &x, [None, Some(b)])?
                    } else {
                        self.arith_or_fail(proto, cur, op, &x, &iv, [Some(b), None])?
                    };
                }
                Insn::Unm { a, b } => {
                    let x = r!(b).clone();
                    r!(a) = match x {
                        Value::Int(i) => Value::Int(i.wrapping_neg()),
                        Value::Float(f) => Value::Float(-f),
                        Value::Str(_) => match to_number(&x) {
                            Some(Value::Int(i)) => Value::Int(i.wrapping_neg()),
                            Some(n) => Value::Float(-to_float(&n)),
                            None => fail!("attempt to unm a 'string' with a 'string'"),
                        },
                        _ => {
                            let h = self.metamethod(&x, "__unm");
                            if matches!(h, Value::Nil) {
                                fail!(
                                    "attempt to perform arithmetic on a {} value{}",
                                    type_name(&x),
                                    var_info(proto, cur, Some(b))
                                );
                            }
                            Self::first_value(self.call(&h, vec![x.clone(), x])?)
                        }
                    };
                }
                Insn::BNot { a, b } => {
                    let x = r!(b).clone();
                    r!(a) = match Self::raw_arith(ArithOp::BXor, &x, &Value::Int(-1)) {
                        Some(Ok(v)) => v,
                        Some(Err(_)) => fail!(
                            "number{} has no integer representation",
                            var_info(proto, cur, Some(b))
                        ),
                        None => fail!(
                            "attempt to perform bitwise operation on a {} value{}",
                            type_name(&x),
                            var_info(proto, cur, Some(b))
                        ),
                    };
                }
                Insn::Not { a, b } => r!(a) = Value::Bool(!truthy(&r!(b))),
                Insn::Len { a, b } => {
                    let x = r!(b).clone();
                    let h = self.metamethod(&x, "__len");
                    r!(a) = match (&x, matches!(h, Value::Nil)) {
                        (Value::Str(s), _) => Value::Int(s.len() as i64),
                        (_, false) => Self::first_value(self.call(&h, vec![x.clone()])?),
                        (Value::Table(t), true) => Value::Int(t.borrow().length()),
                        _ => fail!(
                            "attempt to get length of a {} value{}",
                            type_name(&x),
                            var_info(proto, cur, Some(b))
                        ),
                    };
                }
                Insn::Concat { a, n } => {
                    // Right to left, as `luaV_concat`.
                    let mut acc = r!(a + n - 1).clone();
                    let mut acc_reg = a + n - 1;
                    for i in (0..n - 1).rev() {
                        let left = r!(a + i).clone();
                        acc = match self.concat(&left, &acc) {
                            Ok(v) => v,
                            Err(Ok(bad)) => {
                                let (v, reg) = if bad == 0 {
                                    (&left, a + i)
                                } else {
                                    (&acc, acc_reg)
                                };
                                fail!(
                                    "attempt to concatenate a {} value{}",
                                    type_name(v),
                                    var_info(proto, cur, Some(reg))
                                )
                            }
                            Err(Err(e)) => return Err(e),
                        };
                        acc_reg = a + i;
                        r!(a + i) = acc.clone();
                    }
                    r!(a) = acc;
                }
                Insn::Close { a } => {
                    self.close_upvals(base + usize::from(a));
                    self.close_tbc(&mut tbc, base + usize::from(a))?;
                }
                Insn::Tbc { a } => {
                    let v = r!(a).clone();
                    if truthy(&v) && matches!(self.metamethod(&v, "__close"), Value::Nil) {
                        let name = proto
                            .local_name(a, pc)
                            .map_or("?".to_string(), |n| n.to_string());
                        fail!("variable '{name}' got a non-closable value");
                    }
                    tbc.push(base + usize::from(a));
                }
                Insn::Jmp { target } => pc = target as usize,
                Insn::Eq {
                    a,
                    b,
                    jump_if,
                    target,
                } => {
                    let (x, y) = (r!(a).clone(), r!(b).clone());
                    if self.equal(&x, &y)? == jump_if {
                        pc = target as usize;
                    }
                }
                Insn::Lt {
                    a,
                    b,
                    jump_if,
                    target,
                }
                | Insn::Le {
                    a,
                    b,
                    jump_if,
                    target,
                } => {
                    let (x, y) = (r!(a).clone(), r!(b).clone());
                    let cond = match self.less(&x, &y, matches!(insn, Insn::Le { .. })) {
                        Ok(c) => c,
                        Err(Ok(())) => fail!("{}", Self::compare_error(&x, &y)),
                        Err(Err(e)) => return Err(e),
                    };
                    if cond == jump_if {
                        pc = target as usize;
                    }
                }
                Insn::EqK {
                    a,
                    k,
                    jump_if,
                    target,
                } => {
                    if Self::raw_equal(&r!(a), &k!(k)) == jump_if {
                        pc = target as usize;
                    }
                }
                Insn::EqI {
                    a,
                    imm,
                    jump_if,
                    target,
                } => {
                    if Self::raw_equal(&r!(a), &Value::Int(i64::from(imm))) == jump_if {
                        pc = target as usize;
                    }
                }
                Insn::LtI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
                | Insn::LeI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
                | Insn::GtI {
                    a,
                    imm,
                    jump_if,
                    target,
                }
                | Insn::GeI {
                    a,
                    imm,
                    jump_if,
                    target,
                } => {
                    let x = r!(a).clone();
                    let i = Value::Int(i64::from(imm));
                    let result = match insn {
                        Insn::LtI { .. } => self.less(&x, &i, false),
                        Insn::LeI { .. } => self.less(&x, &i, true),
                        Insn::GtI { .. } => self.less(&i, &x, false),
                        _ => self.less(&i, &x, true),
                    };
                    let cond = match result {
                        Ok(c) => c,
                        Err(Ok(())) => {
                            let (l, r) = if matches!(insn, Insn::GtI { .. } | Insn::GeI { .. }) {
                                (&i, &x)
                            } else {
                                (&x, &i)
                            };
                            fail!("{}", Self::compare_error(l, r))
                        }
                        Err(Err(e)) => return Err(e),
                    };
                    if cond == jump_if {
                        pc = target as usize;
                    }
                }
                Insn::Test { a, jump_if, target } => {
                    if truthy(&r!(a)) == jump_if {
                        pc = target as usize;
                    }
                }
                Insn::TestSet {
                    a,
                    b,
                    jump_if,
                    target,
                } => {
                    if truthy(&r!(b)) == jump_if {
                        r!(a) = r!(b).clone();
                        pc = target as usize;
                    }
                }
                Insn::Call {
                    func,
                    nargs,
                    nresults,
                } => {
                    let f = r!(func).clone();
                    let first = base + usize::from(func) + 1;
                    let end = if nargs == MULTRET {
                        top
                    } else {
                        first + usize::from(nargs)
                    };
                    let args = self.stack[first..end].to_vec();
                    let results = self.call_from(proto, cur, func, &f, args)?;
                    let at = base + usize::from(func);
                    if nresults == MULTRET {
                        if self.stack.len() < at + results.len() {
                            self.stack.resize(at + results.len(), Value::Nil);
                        }
                        top = at + results.len();
                        for (i, v) in results.into_iter().enumerate() {
                            self.stack[at + i] = v;
                        }
                    } else {
                        let mut results = results.into_iter();
                        for i in 0..usize::from(nresults) {
                            self.stack[at + i] = results.next().unwrap_or(Value::Nil);
                        }
                    }
                }
                Insn::TailCall { func, nargs, .. } => {
                    let f = r!(func).clone();
                    let first = base + usize::from(func) + 1;
                    let end = if nargs == MULTRET {
                        top
                    } else {
                        first + usize::from(nargs)
                    };
                    let args = self.stack[first..end].to_vec();
                    self.close_upvals(base);
                    if !matches!(f, Value::Func(_) | Value::Native(_))
                        && matches!(self.metamethod(&f, "__call"), Value::Nil)
                    {
                        fail!(
                            "attempt to call a {} value{}",
                            type_name(&f),
                            var_info(proto, cur, Some(func))
                        );
                    }
                    if let Value::Native(_) = f {
                        self.where_stack
                            .push(format!("{}:{}:", proto.source, proto.line(cur)));
                        let result = self.call(&f, args);
                        self.where_stack.pop();
                        return result.map(Flow::Return);
                    }
                    return Ok(Flow::TailCall(f, args));
                }
                Insn::Return { a, n, .. } => {
                    let first = base + usize::from(a);
                    let end = if n == MULTRET {
                        top
                    } else {
                        first + usize::from(n)
                    };
                    let values = self.stack[first..end].to_vec();
                    self.close_upvals(base);
                    self.close_tbc(&mut tbc, base)?;
                    return Ok(Flow::Return(values));
                }
                Insn::Return0 => return Ok(Flow::Return(Vec::new())),
                Insn::Return1 { a } => return Ok(Flow::Return(vec![r!(a).clone()])),
                Insn::ForPrep { a, exit } => {
                    let (init, limit, step) = (r!(a).clone(), r!(a + 1).clone(), r!(a + 2).clone());
                    let check = |v: &Value, what: &str| match v {
                        Value::Int(_) | Value::Float(_) => Ok(()),
                        _ => Err(format!(
                            "bad 'for' {what} (number expected, got {})",
                            type_name(v)
                        )),
                    };
                    if let Err(msg) = check(&init, "initial value")
                        .and(check(&limit, "limit"))
                        .and(check(&step, "step"))
                    {
                        fail!("{msg}");
                    }
                    if let (Value::Int(i), Value::Int(st)) = (&init, &step) {
                        let (i, st) = (*i, *st);
                        if st == 0 {
                            fail!("'for' step is zero");
                        }
                        let lim = match limit {
                            Value::Int(l) => l,
                            Value::Float(f) => {
                                let f = if st > 0 { f.floor() } else { f.ceil() };
                                if f.is_nan() {
                                    pc = exit as usize;
                                    continue;
                                }
                                f.clamp(i64::MIN as f64, i64::MAX as f64) as i64
                            }
                            _ => unreachable!(),
                        };
                        if (st > 0 && i > lim) || (st < 0 && i < lim) {
                            pc = exit as usize;
                            continue;
                        }
                        let count = if st > 0 {
                            (lim as u64).wrapping_sub(i as u64) / st as u64
                        } else {
                            (i as u64).wrapping_sub(lim as u64) / ((-(st + 1)) as u64 + 1)
                        };
                        r!(a + 1) = Value::Int(count as i64);
                        r!(a + 3) = Value::Int(i);
                    } else {
                        let (i, l, st) = (to_float(&init), to_float(&limit), to_float(&step));
                        if st == 0.0 {
                            fail!("'for' step is zero");
                        }
                        // NaN bounds skip the loop, as in Lua.
                        let runs = if st > 0.0 {
                            i.partial_cmp(&l).is_some_and(|o| o.is_le())
                        } else {
                            i.partial_cmp(&l).is_some_and(|o| o.is_ge())
                        };
                        if !runs {
                            pc = exit as usize;
                            continue;
                        }
                        r!(a) = Value::Float(i);
                        r!(a + 1) = Value::Float(l);
                        r!(a + 2) = Value::Float(st);
                        r!(a + 3) = Value::Float(i);
                    }
                }
                Insn::ForLoop { a, body } => {
                    if let Value::Int(step) = r!(a + 2) {
                        let Value::Int(count) = r!(a + 1) else {
                            unreachable!()
                        };
                        if count as u64 > 0 {
                            r!(a + 1) = Value::Int((count as u64 - 1) as i64);
                            let Value::Int(i) = r!(a) else { unreachable!() };
                            let next = i.wrapping_add(step);
                            r!(a) = Value::Int(next);
                            r!(a + 3) = Value::Int(next);
                            pc = body as usize;
                        }
                    } else {
                        let (i, l, st) =
                            (to_float(&r!(a)), to_float(&r!(a + 1)), to_float(&r!(a + 2)));
                        let next = i + st;
                        if (st > 0.0 && next <= l) || (st < 0.0 && next >= l) {
                            r!(a) = Value::Float(next);
                            r!(a + 3) = Value::Float(next);
                            pc = body as usize;
                        }
                    }
                }
                Insn::TForPrep { a, call } => {
                    let v = r!(a + 3).clone();
                    if truthy(&v) && matches!(self.metamethod(&v, "__close"), Value::Nil) {
                        fail!("variable '(for state)' got a non-closable value");
                    }
                    tbc.push(base + usize::from(a) + 3);
                    pc = call as usize;
                }
                Insn::TForCall { a, n } => {
                    let f = r!(a).clone();
                    let args = vec![r!(a + 1).clone(), r!(a + 2).clone()];
                    let results = self.call_from(proto, cur, a, &f, args)?;
                    let mut results = results.into_iter();
                    for i in 0..n {
                        r!(a + 4 + i) = results.next().unwrap_or(Value::Nil);
                    }
                }
                Insn::TForLoop { a, body } => {
                    if !matches!(r!(a + 4), Value::Nil) {
                        r!(a + 2) = r!(a + 4).clone();
                        pc = body as usize;
                    }
                }
                Insn::SetList { t, n, first } => {
                    let start = base + usize::from(t) + 1;
                    let end = if n == MULTRET {
                        top
                    } else {
                        start + usize::from(n)
                    };
                    let values = self.stack[start..end].to_vec();
                    let Value::Table(table) = r!(t).clone() else {
                        fail!("SETLIST on a non-table")
                    };
                    for (i, v) in values.into_iter().enumerate() {
                        let _ = table
                            .borrow_mut()
                            .set(Value::Int(i64::from(first) + i as i64), v);
                    }
                }
                Insn::Closure { a, proto: index } => {
                    let child = proto.protos[index as usize].clone();
                    let upvals = child
                        .upvalues
                        .iter()
                        .map(|desc| {
                            if desc.in_stack {
                                self.find_upval(base + usize::from(desc.index))
                            } else {
                                closure.upvals[usize::from(desc.index)].clone()
                            }
                        })
                        .collect();
                    r!(a) = Value::Func(Rc::new(Closure {
                        proto: child,
                        upvals,
                    }));
                }
                Insn::VarArg { a, n } => {
                    let at = base + usize::from(a);
                    if n == MULTRET {
                        if self.stack.len() < at + varargs.len() {
                            self.stack.resize(at + varargs.len(), Value::Nil);
                        }
                        for (i, v) in varargs.iter().enumerate() {
                            self.stack[at + i] = v.clone();
                        }
                        top = at + varargs.len();
                    } else {
                        for i in 0..usize::from(n) {
                            self.stack[at + i] = varargs.get(i).cloned().unwrap_or(Value::Nil);
                        }
                    }
                }
                Insn::VarArgPrep { .. } => {}
            }
        }
    }

    /// Calls `f` (in register `func` at `pc`), naming it in the error if it is not callable.
    fn call_from(
        &mut self,
        proto: &Proto,
        pc: usize,
        func: u8,
        f: &Value,
        args: Vec<Value>,
    ) -> Result<Vec<Value>, Value> {
        if !matches!(f, Value::Func(_) | Value::Native(_))
            && matches!(self.metamethod(f, "__call"), Value::Nil)
        {
            let what = if matches!(proto.code[pc], Insn::TForCall { .. }) {
                " (for iterator 'for iterator')".to_string()
            } else {
                var_info(proto, pc, Some(func))
            };
            return Err(runtime_error(
                proto,
                pc,
                &format!("attempt to call a {} value{what}", type_name(f)),
            ));
        }
        self.where_stack
            .push(format!("{}:{}:", proto.source, proto.line(pc)));
        let result = self.call(f, args);
        self.where_stack.pop();
        result
    }

    fn index_or_fail(
        &mut self,
        proto: &Proto,
        pc: usize,
        t: &Value,
        k: &Value,
        by: IndexedBy,
    ) -> Result<Value, Value> {
        match self.index(t, k) {
            Ok(v) => Ok(v),
            Err(Some(e)) => Err(e),
            Err(None) => Err(runtime_error(
                proto,
                pc,
                &format!(
                    "attempt to index a {} value{}",
                    type_name(t),
                    by.info(proto, pc)
                ),
            )),
        }
    }

    fn set_or_fail(
        &mut self,
        proto: &Proto,
        pc: usize,
        t: &Value,
        k: Value,
        v: Value,
        by: IndexedBy,
    ) -> Result<(), Value> {
        match self.set_index(t, k, v) {
            Ok(()) => Ok(()),
            Err(Fault::Raw(msg)) => Err(runtime_error(proto, pc, msg)),
            Err(Fault::Message(msg)) => Err(runtime_error(proto, pc, &msg)),
            Err(Fault::Thrown(e)) => Err(e),
            Err(Fault::Operand(_)) => Err(runtime_error(
                proto,
                pc,
                &format!(
                    "attempt to index a {} value{}",
                    type_name(t),
                    by.info(proto, pc)
                ),
            )),
        }
    }

    fn arith_or_fail(
        &mut self,
        proto: &Proto,
        pc: usize,
        op: ArithOp,
        x: &Value,
        y: &Value,
        regs: [Option<u8>; 2],
    ) -> Result<Value, Value> {
        match self.arith(op, x, y) {
            Ok(v) => Ok(v),
            Err(Fault::Raw("number has no integer representation")) => {
                // `luaG_tointerror` names the operand without an integer value.
                let bad = match x {
                    Value::Float(f) if float_to_int(*f).is_none() => 0,
                    _ => 1,
                };
                let info = var_info(proto, pc, regs[bad]);
                Err(runtime_error(
                    proto,
                    pc,
                    &format!("number{info} has no integer representation"),
                ))
            }
            Err(Fault::Raw(msg)) => Err(runtime_error(proto, pc, msg)),
            Err(Fault::Message(msg)) => Err(runtime_error(proto, pc, &msg)),
            Err(Fault::Thrown(e)) => Err(e),
            Err(Fault::Operand(bad)) => {
                let v = if bad == 0 { x } else { y };
                let what = if op.is_bitwise() {
                    "perform bitwise operation on"
                } else {
                    "perform arithmetic on"
                };
                Err(runtime_error(
                    proto,
                    pc,
                    &format!(
                        "attempt to {what} a {} value{}",
                        type_name(v),
                        var_info(proto, pc, regs[bad])
                    ),
                ))
            }
        }
    }

    // --- Library ------------------------------------------------------------------------------

    fn install_library(&mut self) {
        let natives: &[(&str, NativeFn)] = &[
            ("print", lib_print),
            ("type", |_, a| {
                Ok(vec![s(type_name(a.first().unwrap_or(&Value::Nil)))])
            }),
            ("tostring", |_, a| {
                Ok(vec![Value::Str(Rc::from(to_display(
                    a.first().unwrap_or(&Value::Nil),
                )))])
            }),
            ("tonumber", |_, a| {
                Ok(vec![a.first().and_then(to_number).unwrap_or(Value::Nil)])
            }),
            ("select", lib_select),
            ("error", lib_error),
            ("pcall", lib_pcall),
            ("assert", |_, a| {
                if truthy(a.first().unwrap_or(&Value::Nil)) {
                    Ok(a)
                } else {
                    Err(a.get(1).cloned().unwrap_or_else(|| s("assertion failed!")))
                }
            }),
            ("setmetatable", |_, a| {
                if let (Some(Value::Table(t)), meta) = (a.first(), a.get(1)) {
                    t.borrow_mut().meta = match meta {
                        Some(Value::Table(m)) => Some(m.clone()),
                        _ => None,
                    };
                }
                Ok(vec![a.first().cloned().unwrap_or(Value::Nil)])
            }),
            ("getmetatable", |vm, a| {
                Ok(vec![
                    vm.metatable(a.first().unwrap_or(&Value::Nil))
                        .map_or(Value::Nil, Value::Table),
                ])
            }),
            ("rawget", |_, a| match (a.first(), a.get(1)) {
                (Some(Value::Table(t)), Some(k)) => Ok(vec![t.borrow().get(k)]),
                _ => Err(s("bad argument to rawget")),
            }),
            ("rawequal", |_, a| {
                Ok(vec![Value::Bool(Vm::raw_equal(
                    a.first().unwrap_or(&Value::Nil),
                    a.get(1).unwrap_or(&Value::Nil),
                ))])
            }),
            ("next", lib_next),
            ("pairs", |_, a| {
                Ok(vec![
                    Value::Native(lib_next),
                    a.first().cloned().unwrap_or(Value::Nil),
                    Value::Nil,
                ])
            }),
            ("ipairs", |_, a| {
                fn step(vm: &mut Vm, a: Vec<Value>) -> Result<Vec<Value>, Value> {
                    let Some(Value::Int(i)) = a.get(1) else {
                        return Err(s("bad ipairs state"));
                    };
                    let v = vm
                        .index(&a[0], &Value::Int(i + 1))
                        .map_err(|e| e.unwrap_or_else(|| s("ipairs")))?;
                    Ok(if matches!(v, Value::Nil) {
                        vec![Value::Nil]
                    } else {
                        vec![Value::Int(i + 1), v]
                    })
                }
                Ok(vec![
                    Value::Native(step),
                    a.first().cloned().unwrap_or(Value::Nil),
                    Value::Int(0),
                ])
            }),
        ];
        for (name, f) in natives {
            self.set_global(name, Value::Native(*f));
        }
        let string = new_table();
        string
            .borrow_mut()
            .set(s("rep"), Value::Native(lib_rep))
            .unwrap();
        self.string_meta
            .borrow_mut()
            .set(s("__index"), Value::Table(string.clone()))
            .unwrap();
        self.set_global("string", Value::Table(string));
        let table = new_table();
        table
            .borrow_mut()
            .set(s("unpack"), Value::Native(lib_unpack))
            .unwrap();
        table
            .borrow_mut()
            .set(s("concat"), Value::Native(lib_concat))
            .unwrap();
        self.set_global("table", Value::Table(table));
        let math = new_table();
        math.borrow_mut()
            .set(s("huge"), Value::Float(f64::INFINITY))
            .unwrap();
        math.borrow_mut()
            .set(s("maxinteger"), Value::Int(i64::MAX))
            .unwrap();
        math.borrow_mut()
            .set(s("mininteger"), Value::Int(i64::MIN))
            .unwrap();
        math.borrow_mut()
            .set(
                s("type"),
                Value::Native(|_, a| {
                    Ok(vec![match a.first() {
                        Some(Value::Int(_)) => s("integer"),
                        Some(Value::Float(_)) => s("float"),
                        _ => Value::Nil,
                    }])
                }),
            )
            .unwrap();
        self.set_global("math", Value::Table(math));
    }
}

/// Why an operation failed.
enum Fault {
    /// Operand 0 or 1 has the wrong type: the caller names it.
    Operand(usize),
    /// A message the caller prefixes with the position.
    Raw(&'static str),
    /// An error raised by a metamethod, already complete.
    Thrown(Value),
    /// A message built at run time, which the caller prefixes with the position.
    Message(String),
}

enum Flow {
    Return(Vec<Value>),
    TailCall(Value, Vec<Value>),
}

/// What holds the table being indexed, for naming it in errors.
#[derive(Clone, Copy)]
enum IndexedBy {
    Reg(u8),
    Upvalue(u8),
}

impl IndexedBy {
    fn info(self, proto: &Proto, pc: usize) -> String {
        match self {
            IndexedBy::Reg(r) => var_info(proto, pc, Some(r)),
            IndexedBy::Upvalue(up) => match proto.upvalues.get(usize::from(up)) {
                Some(desc) => format!(" (upvalue '{}')", desc.name),
                None => String::new(),
            },
        }
    }
}

fn constant(k: &Constant) -> Value {
    match k {
        Constant::Nil => Value::Nil,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::Float(f) => Value::Float(*f),
        Constant::Str(s) => Value::Str(s.clone()),
    }
}

fn lib_print(vm: &mut Vm, args: Vec<Value>) -> Result<Vec<Value>, Value> {
    for (i, v) in args.iter().enumerate() {
        if i > 0 {
            vm.out.push(b'\t');
        }
        vm.out.extend_from_slice(&to_display(v));
    }
    vm.out.push(b'\n');
    Ok(Vec::new())
}

fn lib_select(_: &mut Vm, args: Vec<Value>) -> Result<Vec<Value>, Value> {
    match args.first() {
        Some(Value::Str(s)) if &s[..] == b"#" => Ok(vec![Value::Int(args.len() as i64 - 1)]),
        Some(Value::Int(n)) => {
            let n = *n;
            let len = args.len() as i64 - 1;
            let start = if n < 0 { len + n } else { n - 1 };
            if start < 0 {
                return Err(s("bad argument #1 to 'select' (index out of range)"));
            }
            Ok(args.into_iter().skip(1 + start as usize).collect())
        }
        _ => Err(s("bad argument #1 to 'select' (number expected)")),
    }
}

fn lib_error(vm: &mut Vm, args: Vec<Value>) -> Result<Vec<Value>, Value> {
    let e = args.first().cloned().unwrap_or(Value::Nil);
    let level = match args.get(1) {
        Some(Value::Int(l)) => *l,
        _ => 1,
    };
    match (&e, level) {
        (Value::Str(msg), 1) => {
            let mut full = vm
                .where_stack
                .last()
                .cloned()
                .unwrap_or_default()
                .into_bytes();
            full.push(b' ');
            full.extend_from_slice(msg);
            Err(Value::Str(Rc::from(full)))
        }
        _ => Err(e),
    }
}

fn lib_pcall(vm: &mut Vm, mut args: Vec<Value>) -> Result<Vec<Value>, Value> {
    if args.is_empty() {
        return Err(s("bad argument #1 to 'pcall' (value expected)"));
    }
    let f = args.remove(0);
    let depth = vm.where_stack.len();
    let result = vm.call(&f, args);
    vm.where_stack.truncate(depth);
    Ok(match result {
        Ok(mut values) => {
            values.insert(0, Value::Bool(true));
            values
        }
        Err(e) => vec![Value::Bool(false), e],
    })
}

fn lib_next(_: &mut Vm, args: Vec<Value>) -> Result<Vec<Value>, Value> {
    let Some(Value::Table(t)) = args.first() else {
        return Err(s("bad argument #1 to 'next'"));
    };
    let t = t.borrow();
    let position = match args.get(1) {
        None | Some(Value::Nil) => 0,
        Some(k) => match key_of(k).and_then(|key| t.order.iter().position(|x| *x == key)) {
            Some(i) => i + 1,
            None => return Err(s("invalid key to 'next'")),
        },
    };
    Ok(match t.order.get(position) {
        Some(key) => {
            let (k, v) = &t.map[key];
            vec![k.clone(), v.clone()]
        }
        None => vec![Value::Nil],
    })
}

fn lib_rep(_: &mut Vm, args: Vec<Value>) -> Result<Vec<Value>, Value> {
    match (args.first(), args.get(1)) {
        (Some(Value::Str(text)), Some(Value::Int(n))) => Ok(vec![Value::Str(Rc::from(
            text.repeat((*n).max(0) as usize),
        ))]),
        _ => Err(s("bad argument to 'rep'")),
    }
}

fn lib_unpack(vm: &mut Vm, args: Vec<Value>) -> Result<Vec<Value>, Value> {
    let t = args.first().cloned().unwrap_or(Value::Nil);
    let first = match args.get(1) {
        Some(Value::Int(i)) => *i,
        _ => 1,
    };
    let last = match (args.get(2), &t) {
        (Some(Value::Int(j)), _) => *j,
        (_, Value::Table(table)) => table.borrow().length(),
        _ => 0,
    };
    let mut out = Vec::new();
    for i in first..=last {
        out.push(
            vm.index(&t, &Value::Int(i))
                .map_err(|e| e.unwrap_or_else(|| s("unpack")))?,
        );
    }
    Ok(out)
}

fn lib_concat(_: &mut Vm, args: Vec<Value>) -> Result<Vec<Value>, Value> {
    let Some(Value::Table(t)) = args.first() else {
        return Err(s("bad argument #1 to 'concat'"));
    };
    let sep = match args.get(1) {
        Some(Value::Str(s)) => s.to_vec(),
        _ => Vec::new(),
    };
    let t = t.borrow();
    let mut out = Vec::new();
    for i in 1..=t.length() {
        if i > 1 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&to_display(&t.get(&Value::Int(i))));
    }
    Ok(vec![Value::Str(Rc::from(out))])
}

//! Heap objects: one `Obj` layout (a class pointer and a kind) for every Python object on VGC.
//!
//! Every object carries its class (`cls`), so instances of user subclasses and of built-in types
//! are found the same way, and its payload is a [`Kind`]. One Rust type for all objects keeps
//! the collector's vtables and the interpreter's type checks simple (a match on the kind); the
//! behaviour of each kind lives in its own module under `types/`. Interior mutability is per kind
//! (`RefCell`/`Cell`), and every store of a value into an object is followed by a write barrier
//! (`Vm::barrier`). Instances use maps (hidden classes): a shared [`Shape`] maps attribute names to
//! slot indices and instances hold only a slot vector. Shapes are plain Rust data (`Rc`), not heap
//! objects: they hold names, never values.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use num_bigint::BigInt;
use vgc::{Gc, Trace, Tracer};

use super::types::dict::DictTable;
use super::types::iter::IterState;
use super::types::set::SetTable;
use super::value::Value;
use super::vm::{NativeFn, Vm};
use crate::bytecode::CodeObject;

/// An object on the VGC heap.
#[repr(C)]
pub struct Obj {
    /// The object's class (a `Kind::Type` object). Set for every object once the type objects exist.
    pub cls: Cell<Option<Gc<Obj>>>,
    /// Attributes of objects of user subclasses of built-in types (`class D(dict)` objects are
    /// dicts; `self.x = ...` goes here): a dict, or None.
    pub attrs: Cell<Value>,
    pub kind: Kind,
}

impl Obj {
    pub const OFFSET_CLS: i64 = 0;
    pub const OFFSET_ATTRS: i64 = 8;
    pub const OFFSET_KIND: i64 = 24;

    #[inline]
    pub fn class(&self) -> Gc<Obj> {
        self.cls.get().expect("object without a class")
    }
}

/// A string: UTF-8 storage with its code-point count cached (ASCII when `chars == len`).
pub struct PyStr {
    pub s: Box<str>,
    pub chars: usize,
    pub hash: Cell<i64>,
}

impl PyStr {
    pub fn new(s: Box<str>) -> PyStr {
        let chars = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            s,
            chars,
            hash: Cell::new(-1),
        }
    }
    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }
    /// The byte offset of code point `i` (`i <= chars`).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i
        } else {
            self.s
                .char_indices()
                .nth(i)
                .map(|(b, _)| b)
                .unwrap_or(self.s.len())
        }
    }
}

// ANCHOR: shape
/// A hidden class: attribute names in the order instances got them, shared by instances that got
/// the same attributes in the same order.
pub struct Shape {
    /// Never reused by another shape, so inline caches can key on it (an address could be reused).
    pub id: u64,
    pub names: Vec<Rc<str>>,
    pub index: NameMap<usize>,
    pub transitions: RefCell<NameMap<Rc<Shape>>>,
}
// ANCHOR_END: shape

/// A map keyed by attribute names, hashed with [`NameHasher`].
pub type NameMap<V> = HashMap<Rc<str>, V, BuildHasherDefault<NameHasher>>;

/// A fast non-cryptographic hasher for attribute names (the maps of shapes are never keyed by
/// untrusted bulk data, so SipHash's flooding resistance buys nothing and costs ~10x).
#[derive(Default, Clone, Copy)]
pub struct NameHasher(u64);

impl Hasher for NameHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for b in chunks.remainder() {
            h = (h.rotate_left(5) ^ *b as u64).wrapping_mul(K);
        }
        self.0 = h;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Shapes with at most this many names are searched linearly: cheaper than hashing the name.
const LINEAR_SHAPE: usize = 8;

impl Shape {
    pub fn empty() -> Rc<Shape> {
        Rc::new(Shape {
            id: next_shape_id(),
            names: Vec::new(),
            index: NameMap::default(),
            transitions: RefCell::new(NameMap::default()),
        })
    }
    /// The slot index of attribute `name`, if instances of this shape have it.
    #[inline]
    pub fn slot_of(&self, name: &str) -> Option<usize> {
        if self.names.len() <= LINEAR_SHAPE {
            self.names.iter().position(|n| &**n == name)
        } else {
            self.index.get(name).copied()
        }
    }
    /// The shape after adding `name` (shared through the transition table).
    pub fn with(self: &Rc<Shape>, name: &str) -> Rc<Shape> {
        if let Some(s) = self.transitions.borrow().get(name) {
            return s.clone();
        }
        let mut names = self.names.clone();
        let n: Rc<str> = Rc::from(name);
        names.push(n.clone());
        let mut index = self.index.clone();
        index.insert(n.clone(), names.len() - 1);
        let s = Rc::new(Shape {
            id: next_shape_id(),
            names,
            index,
            transitions: RefCell::new(NameMap::default()),
        });
        self.transitions.borrow_mut().insert(n, s.clone());
        s
    }
    /// A shape from a list of names, not shared (after a deletion).
    pub fn from_names(names: Vec<Rc<str>>) -> Rc<Shape> {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i))
            .collect();
        Rc::new(Shape {
            id: next_shape_id(),
            names,
            index,
            transitions: RefCell::new(NameMap::default()),
        })
    }
}

static SHAPE_IDS: AtomicU64 = AtomicU64::new(1);

fn next_shape_id() -> u64 {
    SHAPE_IDS.fetch_add(1, Ordering::Relaxed)
}

/// The class epoch: bumped whenever any class namespace changes (an insertion, deletion or
/// value change in a dict marked `watched`), a class is created, or a class's MRO is set. Inline
/// caches of class lookups record the epoch they were filled in and are valid while it is
/// unchanged. One process-wide counter rather than a version per class: class namespaces
/// rarely change once a program runs, and a single counter needs no list of subclasses to
/// invalidate a base's dependents. It only ever grows, so a cache filled in one interpreter is
/// never wrongly valid after a change made by another (threads of the test harness).
static CLASS_EPOCH: AtomicU64 = AtomicU64::new(1);

/// The current class epoch (never 0, so an empty cache entry never matches).
#[inline]
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.load(Ordering::Relaxed)
}

/// Invalidates every class-lookup cache.
#[inline]
pub fn bump_class_epoch() {
    CLASS_EPOCH.fetch_add(1, Ordering::Relaxed);
}

/// What an attribute-site cache entry ([`AttrCache`]) says to do.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AttrHit {
    /// Nothing cached.
    Empty,
    /// Load or store the instance's slot `ix`.
    Slot,
    /// The name is not on the instance; the class attribute `value` is the result as it is (a
    /// value that is not a descriptor).
    ClassValue,
    /// `LoadMethod`: `value` is a plain function (or an unbound native of a built-in type) to
    /// call with the receiver.
    Method,
    /// `StoreAttr` of a new attribute: the instance moves to shape `new_shape` and `ix` is the
    /// new slot.
    Add,
    /// An attribute of a module: entry `ix` of the module's dict, if it still holds the name
    /// (the value is read from it, so any module and any later value is right).
    ModuleEntry,
}

/// One inline cache of an attribute instruction (`LoadAttr`, `StoreAttr`, `LoadMethod`), valid
/// for receivers whose class is `cls` and, for instances, whose shape has id `shape`, while
/// the class epoch is `epoch`. Classes are compared by address: a class is only freed when no
/// instance refers to it, and creating the class that reuses its address bumps the epoch.
#[derive(Clone, Copy, Debug)]
pub struct AttrCache {
    pub epoch: u64,
    pub cls: *const Obj,
    pub shape: u64,
    pub hit: AttrHit,
    pub ix: u32,
    pub value: Value,
    /// For `Add`: the shape after the store, kept alive by the old shape's transition table
    /// (the old shape is alive while an instance has it).
    pub new_shape: *const Shape,
}

/// Entries per attribute site: a site that sees a few classes (a method called on the elements
/// of a mixed list) keeps one entry for each.
pub const ATTR_WAYS: usize = 4;

/// The cache entries of one attribute instruction.
pub type AttrSite = [Cell<AttrCache>; ATTR_WAYS];

impl Default for AttrCache {
    fn default() -> AttrCache {
        AttrCache {
            epoch: 0,
            cls: std::ptr::null(),
            shape: 0,
            hit: AttrHit::Empty,
            ix: 0,
            value: Value::UNBOUND,
            new_shape: std::ptr::null(),
        }
    }
}

/// The inline cache of a `LoadGlobal`: where the name was found for globals dict `globals`.
/// In the globals (`builtin` false), entry `ix` is checked to still hold the name, and its
/// value read; in the builtins, the globals must also still lack the name, which holds while
/// their table has version `version` (versions are never shared by two tables, see
/// `DictTable::version`).
#[derive(Clone, Copy, Debug, Default)]
pub struct GlobalCache {
    pub globals: usize,
    pub version: u64,
    pub ix: u32,
    pub builtin: bool,
}

/// One traceback line: where a frame was when the exception passed through it.
#[derive(Clone)]
pub struct TbEntry {
    pub filename: Rc<str>,
    pub line: u32,
    pub name: Rc<str>,
}

// ANCHOR: instance
/// An instance of a user class (and of exception classes).
pub struct Instance {
    pub shape: RefCell<Rc<Shape>>,
    pub slots: RefCell<Vec<Value>>,
    /// For exceptions: the traceback, innermost last.
    pub tb: RefCell<Vec<TbEntry>>,
}
// ANCHOR_END: instance

/// A class.
pub struct TypeObj {
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    pub module: RefCell<Rc<str>>,
    pub bases: RefCell<Vec<Gc<Obj>>>,
    pub mro: RefCell<Vec<Gc<Obj>>>,
    /// The class namespace (a dict object).
    pub dict: Gc<Obj>,
    /// The built-in kind its instances have (`Instance` for user classes without a built-in base).
    pub layout: Layout,
    /// Shape new instances start with (shared by all instances of this class).
    pub empty_shape: Rc<Shape>,
    /// The attribute names `__slots__` allows when no class of the MRO gives instances a
    /// `__dict__` (`None` when one does); computed at the first attribute store.
    pub slot_names: std::cell::OnceCell<Option<Rc<[Rc<str>]>>>,
    /// What a call of the class does, as found in class epoch `.0`: `.1` is the Python
    /// `__init__` the interpreter loop runs itself after `object.__new__`, or None when the
    /// call takes the general path (`interp::plain_init`).
    pub ctor: Cell<(u64, Value)>,
}

/// What a class's instances are made of.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    Object,
    Instance,
    Exception,
    Builtin,
}

/// A compiled code object with its constants turned into values.
pub struct CodeRt {
    pub code: Rc<CodeObject>,
    pub consts: Vec<Value>,
    /// `names` as interned str values.
    pub names: Vec<Value>,
    pub id: u32,
    pub filename: Rc<str>,
    pub name: Rc<str>,
    /// What every call and every frame entry needs, copied out of `code` (one pointer less to
    /// follow on the call path).
    pub frame: FrameInfo,
    /// The inline caches of the attribute instructions, indexed by their `cache` operand.
    pub attr_caches: Box<[AttrSite]>,
    /// The inline caches of `LoadGlobal`, indexed by its `cache` operand.
    pub global_caches: Box<[Cell<GlobalCache>]>,
}

/// The frame layout of a code object and whether its calls can take the simple path.
#[derive(Clone, Copy, Debug)]
pub struct FrameInfo {
    /// Locals (parameters first), then cells and free variables, then the evaluation stack.
    pub nlocals: u32,
    pub ncellvars: u32,
    pub ncells: u32,
    /// Slots of a frame: locals, cells, the deepest stack and slack.
    pub size: u32,
    pub argcount: u32,
    /// Positional parameters only (no `*args`, `**kwargs` or keyword-only ones), no parameter
    /// in a cell, not a generator: a call binds its arguments by copying them.
    pub simple: bool,
}

/// A Python function.
pub struct Function {
    pub code: Gc<Obj>,
    pub globals: Gc<Obj>,
    pub defaults: RefCell<Vec<Value>>,
    /// A dict of keyword-only defaults, or None.
    pub kwdefaults: Cell<Value>,
    pub closure: Box<[Value]>,
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    /// Attributes set on the function (`f.cache = ...`), a dict or None.
    pub attrs: Cell<Value>,
    /// `__module__`'s value.
    pub module: Cell<Value>,
    pub doc: Cell<Value>,
}

/// A native function, optionally bound to a receiver (`self` passed first).
pub struct Native {
    pub name: Rc<str>,
    pub f: NativeFn,
    pub bound: Value,
    /// Data a native closure carries (e.g. `functools.partial`'s pieces).
    pub data: Value,
}

/// A generator's saved frame.
pub struct GenState {
    pub func: Value,
    /// Locals, cells and the evaluation stack at the last yield.
    pub slots: Vec<Value>,
    pub sp: usize,
    pub pc: usize,
    pub started: bool,
    pub finished: bool,
    pub running: bool,
}

/// An open file.
pub struct FileState {
    pub name: Rc<str>,
    pub mode: Rc<str>,
    pub binary: bool,
    pub reader: Option<Vec<u8>>,
    pub pos: usize,
    pub writer: Option<std::fs::File>,
    pub closed: bool,
    /// For `io.StringIO`-like in-memory files and stdout/stderr: none of the above.
    pub special: u8,
}

/// The payload of an object. Kinds whose data is large and whose objects are few (classes,
/// functions, code) are boxed, so that every object (strings, instances, lists) fits a smaller
/// VGC cell (the assertion at the end of this file checks the size of `Obj`).
pub enum Kind {
    Str(PyStr),
    BigInt(BigInt),
    Bytes(Box<[u8]>),
    ByteArray(RefCell<Vec<u8>>),
    List(RefCell<Vec<Value>>),
    Tuple(Box<[Value]>),
    Dict(RefCell<DictTable>),
    Set(RefCell<SetTable>),
    FrozenSet(RefCell<SetTable>),
    Range(i64, i64, i64),
    Slice(Value, Value, Value),
    Function(Box<Function>),
    Native(Native),
    BoundMethod(Value, Value),
    Cell(Cell<Value>),
    Type(Box<TypeObj>),
    Instance(Instance),
    Module(Gc<Obj>),
    Code(Box<CodeRt>),
    Generator(RefCell<GenState>),
    Iter(RefCell<IterState>),
    /// A dict view: the dict, and 0 keys / 1 values / 2 items.
    DictView(Value, u8),
    Property(Value, Value, Value, Value),
    StaticMethod(Value),
    ClassMethod(Value),
    Super(Value, Value),
    File(RefCell<FileState>),
    /// The plain `object()` instance and other objects with no payload (Ellipsis, NotImplemented).
    Empty,
}

fn trace_values(vs: &[Value], t: &mut Tracer) {
    for v in vs {
        v.trace(t);
    }
}

// SAFETY: every Value and Gc held by each kind is reported below; shapes and code hold none.
unsafe impl Trace for Obj {
    fn trace(&self, t: &mut Tracer) {
        if let Some(c) = self.cls.get() {
            t.edge(c);
        }
        self.attrs.get().trace(t);
        match &self.kind {
            Kind::Str(_) | Kind::BigInt(_) | Kind::Bytes(_) | Kind::ByteArray(_) => {}
            Kind::Range(..) | Kind::Empty | Kind::File(_) => {}
            Kind::List(v) => trace_values(&v.borrow(), t),
            Kind::Tuple(v) => trace_values(v, t),
            Kind::Dict(d) => d.borrow().trace_entries(t),
            Kind::Set(s) | Kind::FrozenSet(s) => s.borrow().trace_entries(t),
            Kind::Slice(a, b, c) => trace_values(&[*a, *b, *c], t),
            Kind::Function(f) => {
                t.edge(f.code);
                t.edge(f.globals);
                trace_values(&f.defaults.borrow(), t);
                trace_values(
                    &[
                        f.kwdefaults.get(),
                        f.attrs.get(),
                        f.module.get(),
                        f.doc.get(),
                    ],
                    t,
                );
                trace_values(&f.closure, t);
            }
            Kind::Native(n) => trace_values(&[n.bound, n.data], t),
            Kind::BoundMethod(a, b) => trace_values(&[*a, *b], t),
            Kind::Cell(c) => c.get().trace(t),
            Kind::Type(ty) => {
                for b in ty.bases.borrow().iter() {
                    t.edge(*b);
                }
                for b in ty.mro.borrow().iter() {
                    t.edge(*b);
                }
                t.edge(ty.dict);
            }
            Kind::Instance(i) => {
                trace_values(&i.slots.borrow(), t);
            }
            Kind::Module(d) => t.edge(*d),
            Kind::Code(c) => {
                trace_values(&c.consts, t);
                trace_values(&c.names, t);
            }
            Kind::Generator(g) => {
                let g = g.borrow();
                g.func.trace(t);
                trace_values(&g.slots, t);
            }
            Kind::Iter(it) => it.borrow().trace_values(t),
            Kind::DictView(d, _) => d.trace(t),
            Kind::Property(a, b, c, d) => trace_values(&[*a, *b, *c, *d], t),
            Kind::StaticMethod(v) | Kind::ClassMethod(v) => v.trace(t),
            Kind::Super(a, b) => trace_values(&[*a, *b], t),
        }
    }
}

/// Shorthand accessors used everywhere.
impl Vm {
    /// The object of `v` if it is one with the given kind pattern is checked by callers; this
    /// returns the object reference.
    #[inline]
    pub fn obj_ref(v: Value) -> Option<&'static Obj> {
        // SAFETY: objects are only reached through values the caller holds between safepoints;
        // the 'static lifetime never outlives the next safepoint in practice (callers do not
        // store these references).
        v.as_obj().map(|g| unsafe { &*Gc::as_ptr(g) })
    }
}

// Every object takes a cell of the VGC size class of `Obj`: keep it small (see `Kind`).
const _: () = assert!(
    std::mem::size_of::<Obj>() <= 112,
    "Obj grew: box the large kind"
);

//! The interpreter state (`Vm`): the heap, the value stack and frames, the built-in classes, the
//! module table, and the constructors every other part uses to make objects and exceptions.
//!
//! `Vm` is `#[repr(C)]` with the JIT context header first, like lua-demo's `State`, so compiled code
//! can reach it at fixed offsets. Collections happen only at safepoints of the interpreter loop
//! (back-edges and calls) while no native function is running (`native_depth == 0`): a native
//! function may hold raw values in Rust locals for as long as it runs. The roots are the value
//! stack, the frames, the module table, the built-in classes and functions, the interned strings,
//! and the exception being handled.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use metatrace::{Jit, JitConfig, JitCtxHeader};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use vgc::{AllocSite, Gc, Heap, Trace, Tracer};

use super::object::{
    AttrCache, CodeRt, FrameInfo, GlobalCache, Instance, Kind, Layout, Native, Obj, PyStr, Shape,
    TypeObj,
};
use super::types::dict::DictTable;
use super::types::set::SetTable;
use super::value::Value;
use crate::bytecode::{CodeObject, Constant, flags};

/// A raised Python exception (an exception instance).
#[derive(Clone, Copy, Debug)]
pub struct PyErr(pub Value);

pub type PyResult<T> = Result<T, PyErr>;

/// A native function: `args` are the positional arguments (the receiver first for methods),
/// `kwargs` the keyword arguments as (str value, value) pairs.
pub type NativeFn = fn(&mut Vm, &[Value], &[(Value, Value)]) -> PyResult<Value>;

/// One running Python frame. Its locals, cells and value stack are `stack[base..]`.
// ANCHOR: frame
pub struct Frame {
    pub func: Value,
    pub code: Gc<Obj>,
    pub globals: Gc<Obj>,
    /// The locals mapping (a dict) for module, class and exec code; None for functions.
    pub locals: Value,
    pub base: usize,
    pub sp: usize,
    pub pc: usize,
    /// The generator object this frame runs, or None.
    pub generator: Value,
    /// The exception handled in this frame when it started (restored by PopExcept).
    pub is_entry: bool,
    /// For an `__init__` run by the loop for a class call `C(...)`: the new instance, which the
    /// call returns (`__init__` must return None). None for every other frame.
    pub init_self: Value,
    /// For a generator's frame that a `for` loop of the caller resumed in the same loop (not
    /// in a nested one): the pc where that loop ends, which the caller continues at when the
    /// generator returns. 0 for every other frame (no loop ends at pc 0).
    pub for_exit: usize,
}
// ANCHOR_END: frame

/// The built-in classes.
#[derive(Clone, Copy)]
pub struct Types {
    pub type_: Gc<Obj>,
    pub object: Gc<Obj>,
    pub none: Gc<Obj>,
    pub bool_: Gc<Obj>,
    pub int: Gc<Obj>,
    pub float: Gc<Obj>,
    pub str_: Gc<Obj>,
    pub bytes: Gc<Obj>,
    pub bytearray: Gc<Obj>,
    pub list: Gc<Obj>,
    pub tuple: Gc<Obj>,
    pub dict: Gc<Obj>,
    pub set: Gc<Obj>,
    pub frozenset: Gc<Obj>,
    pub range: Gc<Obj>,
    pub slice: Gc<Obj>,
    pub function: Gc<Obj>,
    pub builtin_function: Gc<Obj>,
    pub method: Gc<Obj>,
    pub cell: Gc<Obj>,
    pub module: Gc<Obj>,
    pub code: Gc<Obj>,
    pub generator: Gc<Obj>,
    pub iterator: Gc<Obj>,
    pub dict_keys: Gc<Obj>,
    pub dict_values: Gc<Obj>,
    pub dict_items: Gc<Obj>,
    pub property: Gc<Obj>,
    pub staticmethod: Gc<Obj>,
    pub classmethod: Gc<Obj>,
    pub super_: Gc<Obj>,
    pub file: Gc<Obj>,
    pub ellipsis: Gc<Obj>,
    pub not_implemented: Gc<Obj>,
    pub base_exception: Gc<Obj>,
    /// CPython's iterator classes (`list_iterator`, `map`, ...), indexed by `IterType`.
    pub iters: [Gc<Obj>; super::types::iter::ITER_TYPE_NAMES.len()],
}

/// The interpreter. `#[repr(C)]`: compiled code reads the first fields at fixed offsets.
#[repr(C)]
pub struct Vm {
    pub header: JitCtxHeader,
    pub ret: Value,
    pub heap: Heap,
    pub stack: Vec<Value>,
    pub frames: Vec<Frame>,
    pub types: Types,
    /// Exception classes by name (`TypeError`, ...).
    pub exc: HashMap<&'static str, Gc<Obj>>,
    pub builtins: Gc<Obj>,
    /// `sys.modules` (a dict).
    pub modules: Gc<Obj>,
    pub interned: HashMap<Rc<str>, Gc<Obj>>,
    pub ellipsis: Value,
    pub not_implemented: Value,
    /// The exception being handled (`sys.exc_info()`), or None.
    pub handled: Value,
    /// Extra roots native code registers for values it keeps across calls into Python.
    pub temp_roots: Vec<Value>,
    pub native_depth: u32,
    pub recursion_limit: usize,
    pub jit: Jit,
    pub out: RefCell<Box<dyn Write>>,
    pub next_code_id: u32,
    pub script_dir: String,
    pub sys_path: Vec<String>,
    pub argv: Vec<String>,
    /// Set by `sys.exit`: the process exit code to use.
    pub exit_code: Cell<Option<i32>>,
    pub start_time: std::time::Instant,
    /// Per native-module state pylib may keep (e.g. the random generator), by module name.
    pub module_state: HashMap<&'static str, Box<dyn std::any::Any>>,
    /// The `data` of the native function being called (`builtins::native_data`).
    pub native_data: Value,
    /// The exception a residual call raised inside compiled code or a recording (`jit`), raised
    /// by the loop when it sees `header.exception`; UNBOUND when there is none.
    pub pending_error: Value,
    /// Evaluation-stack depth (sp - base) at each (code id, pc) a trace was recorded through:
    /// the loop restores `sp` from it when compiled code exits at that pc (see `jit`).
    pub jit_depth: HashMap<(u32, u32), u32>,
    /// A second result word of a residual helper (see `jit::LOAD_METHOD`).
    pub aux: i64,
}

/// Values the stack holds at most. The stack is allocated once and never moves, so compiled code
/// and `metatrace::Frame` views can hold the address of a frame's slots; the memory is virtual
/// until a frame touches it. Deeper recursion raises RecursionError.
pub const STACK_VALUES: usize = 1 << 24;

pub const SITE_RUNTIME: AllocSite = AllocSite(7);
pub const SITE_PERM: AllocSite = AllocSite(11);

fn alloc_raw(heap: &mut Heap, site: AllocSite, cls: Option<Gc<Obj>>, kind: Kind) -> Gc<Obj> {
    heap.alloc(
        site,
        Obj {
            cls: Cell::new(cls),
            attrs: Cell::new(Value::NONE),
            kind,
        },
    )
}

fn new_type_raw(heap: &mut Heap, name: &str, bases: Vec<Gc<Obj>>, layout: Layout) -> Gc<Obj> {
    // Class namespaces are watched: any change invalidates the inline caches of class lookups.
    // A new class may reuse a dead class's address, which caches compare: that invalidates too.
    let dict = alloc_raw(
        heap,
        SITE_PERM,
        None,
        Kind::Dict(RefCell::new(DictTable::watched())),
    );
    super::object::bump_class_epoch();
    let n: Rc<str> = Rc::from(name);
    alloc_raw(
        heap,
        SITE_PERM,
        None,
        Kind::Type(Box::new(TypeObj {
            name: RefCell::new(n.clone()),
            qualname: RefCell::new(n),
            module: RefCell::new(Rc::from("builtins")),
            bases: RefCell::new(bases),
            mro: RefCell::new(Vec::new()),
            dict,
            layout,
            empty_shape: Shape::empty(),
            slot_names: std::cell::OnceCell::new(),
            ctor: Cell::new((0, Value::NONE)),
        })),
    )
}

/// The exception hierarchy of CPython 3.11 that pyvgc provides: (name, base).
pub const EXCEPTIONS: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("InterruptedError", "OSError"),
    ("PermissionError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("EncodingWarning", "Warning"),
    ("ResourceWarning", "Warning"),
];

impl Vm {
    /// A fresh interpreter whose output goes to `out`.
    pub fn new(jit: JitConfig, out: Box<dyn Write>) -> Box<Vm> {
        let mut heap = Heap::new(vgc::Config::default());
        heap.pin_site(SITE_PERM, vgc::Zone::Green);
        let object = new_type_raw(&mut heap, "object", vec![], Layout::Object);
        let type_ = new_type_raw(&mut heap, "type", vec![object], Layout::Builtin);
        let mk =
            |heap: &mut Heap, name: &str| new_type_raw(heap, name, vec![object], Layout::Builtin);
        let int = mk(&mut heap, "int");
        let bool_ = new_type_raw(&mut heap, "bool", vec![int], Layout::Builtin);
        let base_exception =
            new_type_raw(&mut heap, "BaseException", vec![object], Layout::Exception);
        let types = Types {
            type_,
            object,
            none: mk(&mut heap, "NoneType"),
            bool_,
            int,
            float: mk(&mut heap, "float"),
            str_: mk(&mut heap, "str"),
            bytes: mk(&mut heap, "bytes"),
            bytearray: mk(&mut heap, "bytearray"),
            list: mk(&mut heap, "list"),
            tuple: mk(&mut heap, "tuple"),
            dict: mk(&mut heap, "dict"),
            set: mk(&mut heap, "set"),
            frozenset: mk(&mut heap, "frozenset"),
            range: mk(&mut heap, "range"),
            slice: mk(&mut heap, "slice"),
            function: mk(&mut heap, "function"),
            builtin_function: mk(&mut heap, "builtin_function_or_method"),
            method: mk(&mut heap, "method"),
            cell: mk(&mut heap, "cell"),
            module: mk(&mut heap, "module"),
            code: mk(&mut heap, "code"),
            generator: mk(&mut heap, "generator"),
            iterator: mk(&mut heap, "iterator"),
            dict_keys: mk(&mut heap, "dict_keys"),
            dict_values: mk(&mut heap, "dict_values"),
            dict_items: mk(&mut heap, "dict_items"),
            property: mk(&mut heap, "property"),
            staticmethod: mk(&mut heap, "staticmethod"),
            classmethod: mk(&mut heap, "classmethod"),
            super_: mk(&mut heap, "super"),
            file: mk(&mut heap, "TextIOWrapper"),
            ellipsis: mk(&mut heap, "ellipsis"),
            not_implemented: mk(&mut heap, "NotImplementedType"),
            base_exception,
            iters: std::array::from_fn(|i| mk(&mut heap, super::types::iter::ITER_TYPE_NAMES[i])),
        };
        let builtins = alloc_raw(
            &mut heap,
            SITE_PERM,
            None,
            Kind::Dict(RefCell::new(DictTable::new())),
        );
        let modules = alloc_raw(
            &mut heap,
            SITE_PERM,
            None,
            Kind::Dict(RefCell::new(DictTable::new())),
        );
        let ellipsis = alloc_raw(&mut heap, SITE_PERM, Some(types.ellipsis), Kind::Empty);
        let not_impl = alloc_raw(
            &mut heap,
            SITE_PERM,
            Some(types.not_implemented),
            Kind::Empty,
        );
        let mut vm = Box::new(Vm {
            header: JitCtxHeader::default(),
            ret: Value::NONE,
            heap,
            stack: Vec::with_capacity(STACK_VALUES),
            frames: Vec::new(),
            types,
            exc: HashMap::new(),
            builtins,
            modules,
            interned: HashMap::new(),
            ellipsis: Value::obj(ellipsis),
            not_implemented: Value::obj(not_impl),
            handled: Value::NONE,
            temp_roots: Vec::new(),
            native_depth: 0,
            recursion_limit: 1000,
            jit: Jit::new(jit),
            out: RefCell::new(out),
            next_code_id: 1,
            script_dir: ".".into(),
            sys_path: Vec::new(),
            argv: Vec::new(),
            exit_code: Cell::new(None),
            start_time: std::time::Instant::now(),
            module_state: HashMap::new(),
            native_data: Value::NONE,
            pending_error: Value::UNBOUND,
            jit_depth: HashMap::new(),
            aux: 0,
        });
        vm.fix_type_objects();
        for (name, base) in EXCEPTIONS {
            let b = if *base == "BaseException" {
                vm.types.base_exception
            } else {
                vm.exc[base]
            };
            let t = vm.new_class_raw(name, vec![b], Layout::Exception);
            vm.exc.insert(name, t);
        }
        vm.exc.insert("BaseException", vm.types.base_exception);
        vm.exc.insert("EnvironmentError", vm.exc["OSError"]);
        vm.exc.insert("IOError", vm.exc["OSError"]);
        super::builtins::install(&mut vm);
        vm
    }

    /// Sets the class of the bootstrap type objects and computes their MROs.
    fn fix_type_objects(&mut self) {
        let t = &self.types;
        let all = [
            t.type_,
            t.object,
            t.none,
            t.bool_,
            t.int,
            t.float,
            t.str_,
            t.bytes,
            t.bytearray,
            t.list,
            t.tuple,
            t.dict,
            t.set,
            t.frozenset,
            t.range,
            t.slice,
            t.function,
            t.builtin_function,
            t.method,
            t.cell,
            t.module,
            t.code,
            t.generator,
            t.iterator,
            t.dict_keys,
            t.dict_values,
            t.dict_items,
            t.property,
            t.staticmethod,
            t.classmethod,
            t.super_,
            t.file,
            t.ellipsis,
            t.not_implemented,
            t.base_exception,
        ];
        let all: Vec<Gc<Obj>> = all.into_iter().chain(t.iters.iter().copied()).collect();
        let dict_cls = t.dict;
        let type_cls = t.type_;
        for ty in all {
            ty.cls.set(Some(type_cls));
            if let Kind::Type(tobj) = &ty.kind {
                tobj.dict.cls.set(Some(dict_cls));
            }
            let mro = self.compute_mro(ty).unwrap_or_else(|_| vec![ty]);
            if let Kind::Type(tobj) = &ty.kind {
                *tobj.mro.borrow_mut() = mro;
                super::object::bump_class_epoch();
            }
        }
        self.builtins.cls.set(Some(dict_cls));
        self.modules.cls.set(Some(dict_cls));
    }

    /// A new class object with the given bases (MRO computed; errors fall back to the bases).
    pub fn new_class_raw(&mut self, name: &str, bases: Vec<Gc<Obj>>, layout: Layout) -> Gc<Obj> {
        let t = new_type_raw(&mut self.heap, name, bases, layout);
        t.cls.set(Some(self.types.type_));
        if let Kind::Type(tobj) = &t.kind {
            tobj.dict.cls.set(Some(self.types.dict));
        }
        let mro = self.compute_mro(t).unwrap_or_else(|_| vec![t]);
        if let Kind::Type(tobj) = &t.kind {
            *tobj.mro.borrow_mut() = mro;
            super::object::bump_class_epoch();
        }
        t
    }

    /// C3 linearisation of `ty`'s bases.
    pub fn compute_mro(&mut self, ty: Gc<Obj>) -> PyResult<Vec<Gc<Obj>>> {
        let Kind::Type(t) = &ty.kind else {
            return Ok(vec![ty]);
        };
        let bases = t.bases.borrow().clone();
        let mut seqs: Vec<Vec<Gc<Obj>>> = Vec::new();
        for b in &bases {
            if let Kind::Type(bt) = &b.kind {
                let m = bt.mro.borrow().clone();
                seqs.push(if m.is_empty() { vec![*b] } else { m });
            }
        }
        seqs.push(bases.clone());
        let mut out = vec![ty];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let mut found = None;
            for s in &seqs {
                let cand = s[0];
                if !seqs
                    .iter()
                    .any(|s2| s2[1..].iter().any(|x| Gc::ptr_eq(*x, cand)))
                {
                    found = Some(cand);
                    break;
                }
            }
            let Some(c) = found else {
                let names: Vec<String> = bases.iter().map(|b| type_name_of(*b)).collect();
                return Err(self.new_error(
                    "TypeError",
                    format!(
                        "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                        names.join(", ")
                    ),
                ));
            };
            out.push(c);
            for s in seqs.iter_mut() {
                if Gc::ptr_eq(s[0], c) {
                    s.remove(0);
                }
            }
        }
    }

    // ---- allocation ----

    #[inline]
    pub fn alloc(&mut self, cls: Gc<Obj>, kind: Kind) -> Gc<Obj> {
        alloc_raw(&mut self.heap, SITE_RUNTIME, Some(cls), kind)
    }
    #[inline]
    pub fn alloc_at(&mut self, site: AllocSite, cls: Gc<Obj>, kind: Kind) -> Gc<Obj> {
        alloc_raw(&mut self.heap, site, Some(cls), kind)
    }
    #[inline]
    pub fn barrier(o: Gc<Obj>) {
        Gc::write_barrier(o);
    }
    pub fn new_str(&mut self, s: &str) -> Value {
        let c = self.types.str_;
        Value::obj(self.alloc(c, Kind::Str(PyStr::new(s.into()))))
    }
    pub fn new_string(&mut self, s: String) -> Value {
        let c = self.types.str_;
        Value::obj(self.alloc(c, Kind::Str(PyStr::new(s.into_boxed_str()))))
    }
    /// An interned str (attribute and global names, identifiers).
    pub fn intern(&mut self, s: &str) -> Value {
        if let Some(g) = self.interned.get(s) {
            return Value::obj(*g);
        }
        let c = self.types.str_;
        let g = alloc_raw(
            &mut self.heap,
            SITE_PERM,
            Some(c),
            Kind::Str(PyStr::new(s.into())),
        );
        self.interned.insert(Rc::from(s), g);
        Value::obj(g)
    }
    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        let c = self.types.list;
        Value::obj(self.alloc(c, Kind::List(RefCell::new(items))))
    }
    pub fn new_tuple(&mut self, items: Vec<Value>) -> Value {
        let c = self.types.tuple;
        Value::obj(self.alloc(c, Kind::Tuple(items.into_boxed_slice())))
    }
    pub fn new_dict(&mut self) -> Value {
        let c = self.types.dict;
        Value::obj(self.alloc(c, Kind::Dict(RefCell::new(DictTable::new()))))
    }
    pub fn new_set(&mut self, frozen: bool) -> Value {
        if frozen {
            let c = self.types.frozenset;
            Value::obj(self.alloc(c, Kind::FrozenSet(RefCell::new(SetTable::new()))))
        } else {
            let c = self.types.set;
            Value::obj(self.alloc(c, Kind::Set(RefCell::new(SetTable::new()))))
        }
    }
    pub fn new_bytes(&mut self, b: Vec<u8>) -> Value {
        let c = self.types.bytes;
        Value::obj(self.alloc(c, Kind::Bytes(b.into_boxed_slice())))
    }
    /// An int from a BigInt: small when it fits.
    pub fn new_bigint(&mut self, b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::int(i),
            None => {
                let c = self.types.int;
                Value::obj(self.alloc(c, Kind::BigInt(b)))
            }
        }
    }
    /// A native function object.
    pub fn new_native(&mut self, name: &str, f: NativeFn) -> Value {
        let c = self.types.builtin_function;
        Value::obj(self.alloc(
            c,
            Kind::Native(Native {
                name: Rc::from(name),
                f,
                bound: Value::UNBOUND,
                data: Value::NONE,
            }),
        ))
    }
    /// A native function carrying `data` (read back with `Vm::native_data` inside `f`).
    pub fn new_native_with_data(&mut self, name: &str, f: NativeFn, data: Value) -> Value {
        let c = self.types.builtin_function;
        Value::obj(self.alloc(
            c,
            Kind::Native(Native {
                name: Rc::from(name),
                f,
                bound: Value::UNBOUND,
                data,
            }),
        ))
    }
    /// Makes a code object's runtime form (constants turned into values).
    pub fn load_code(&mut self, code: Rc<CodeObject>) -> Gc<Obj> {
        let consts: Vec<Value> = code.constants.iter().map(|c| self.constant(c)).collect();
        let names: Vec<Value> = code.names.iter().map(|n| self.intern(n)).collect();
        let id = self.next_code_id;
        self.next_code_id += 1;
        let cls = self.types.code;
        let filename = code.filename.clone();
        let name = code.name.clone();
        let attr_caches = (0..code.n_attr_caches)
            .map(|_| std::array::from_fn(|_| Cell::new(AttrCache::default())))
            .collect();
        let (nlocals, ncells, size) = super::interp::frame_size(&code);
        let frame = FrameInfo {
            nlocals: nlocals as u32,
            ncellvars: code.cellvars.len() as u32,
            ncells: ncells as u32,
            size: size as u32,
            argcount: code.argcount,
            simple: code.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0
                && code.kwonlyargcount == 0
                && code.cell_args.is_empty()
                && !code.is_generator(),
        };
        let global_caches = (0..code.n_global_caches)
            .map(|_| Cell::new(GlobalCache::default()))
            .collect();
        alloc_raw(
            &mut self.heap,
            SITE_PERM,
            Some(cls),
            Kind::Code(Box::new(CodeRt {
                code,
                consts,
                names,
                id,
                filename,
                name,
                frame,
                attr_caches,
                global_caches,
            })),
        )
    }
    pub fn constant(&mut self, c: &Constant) -> Value {
        match c {
            Constant::None => Value::NONE,
            Constant::True => Value::TRUE,
            Constant::False => Value::FALSE,
            Constant::Ellipsis => self.ellipsis,
            Constant::Int(i) => Value::int(*i),
            Constant::BigInt(b) => self.new_bigint((**b).clone()),
            Constant::Float(f) => Value::float(*f),
            Constant::Imag(x) => match super::lib::complex::imag_constant(self, *x) {
                Ok(v) => v,
                // Loading the bundled complex module cannot fail short of a broken build; the
                // value then makes the program fail loudly at first use.
                Err(_) => self.intern("<complex literal could not be created>"),
            },
            Constant::Str(s) => self.intern(s),
            Constant::Bytes(b) => self.new_bytes(b.to_vec()),
            Constant::Tuple(items) => {
                let vs: Vec<Value> = items.iter().map(|c| self.constant(c)).collect();
                self.new_tuple(vs)
            }
            Constant::Code(code) => Value::obj(self.load_code(code.clone())),
        }
    }

    // ---- exceptions ----

    /// An instance of exception class `cls` with the given args.
    pub fn new_exception(&mut self, cls: Gc<Obj>, args: Vec<Value>) -> Value {
        let inst = self.new_instance(cls);
        let a = self.new_tuple(args);
        let name = self.intern("args");
        super::ops::set_instance_attr(inst, name, a);
        Value::obj(inst)
    }
    pub fn new_instance(&mut self, cls: Gc<Obj>) -> Gc<Obj> {
        let shape = match &cls.kind {
            Kind::Type(t) => t.empty_shape.clone(),
            _ => Shape::empty(),
        };
        self.alloc(
            cls,
            Kind::Instance(Instance {
                shape: RefCell::new(shape),
                slots: RefCell::new(Vec::new()),
                tb: RefCell::new(Vec::new()),
            }),
        )
    }
    /// A new exception of the built-in class `name` with message `msg`.
    pub fn new_error(&mut self, name: &str, msg: impl Into<String>) -> PyErr {
        let cls = self
            .exc
            .get(name)
            .copied()
            .unwrap_or(self.types.base_exception);
        let m = self.new_string(msg.into());
        PyErr(self.new_exception(cls, vec![m]))
    }
    pub fn type_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error("TypeError", msg)
    }
    pub fn value_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error("ValueError", msg)
    }
    pub fn index_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error("IndexError", msg)
    }
    pub fn attr_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error("AttributeError", msg)
    }
    pub fn zero_div(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error("ZeroDivisionError", msg)
    }
    pub fn overflow_error(&mut self, msg: impl Into<String>) -> PyErr {
        self.new_error("OverflowError", msg)
    }
    pub fn not_implemented(&mut self, what: &str) -> PyErr {
        self.new_error(
            "NotImplementedError",
            format!("pyvgc does not support {what}"),
        )
    }
    /// A `KeyError(key)`.
    pub fn key_error(&mut self, key: Value) -> PyErr {
        let cls = self.exc["KeyError"];
        PyErr(self.new_exception(cls, vec![key]))
    }
    /// Converts a `support` error into the Python exception.
    pub fn support_error(&mut self, e: crate::support::Error) -> PyErr {
        let name = e.kind.class_name();
        let name = if self.exc.contains_key(name) {
            name
        } else {
            "ValueError"
        };
        self.new_error(name, e.message.clone())
    }
    /// Is `v` an instance of the exception class `name` (or a subclass)?
    pub fn exc_matches(&self, v: Value, name: &str) -> bool {
        match (Vm::obj_ref(v), self.exc.get(name)) {
            (Some(o), Some(c)) => is_subclass(o.class(), *c),
            _ => false,
        }
    }

    // ---- safepoints ----

    /// Collects if the heap asked for it and no native function is running.
    pub fn safepoint(&mut self) {
        if self.native_depth > 0 || !self.heap.collection_requested() {
            return;
        }
        let Vm {
            heap,
            stack,
            frames,
            types: ty,
            exc,
            interned,
            builtins,
            modules,
            ellipsis,
            not_implemented,
            handled,
            ret,
            temp_roots,
            native_data,
            pending_error,
            ..
        } = self;
        let roots = |t: &mut Tracer| {
            stack.trace(t);
            for f in frames.iter() {
                f.func.trace(t);
                t.edge(f.code);
                t.edge(f.globals);
                f.locals.trace(t);
                f.generator.trace(t);
                f.init_self.trace(t);
            }
            for g in ty.all().into_iter().chain(ty.iters.iter().copied()) {
                t.edge(g);
            }
            t.edge(*builtins);
            t.edge(*modules);
            for g in exc.values() {
                t.edge(*g);
            }
            for g in interned.values() {
                t.edge(*g);
            }
            for v in [
                *ellipsis,
                *not_implemented,
                *handled,
                *ret,
                *native_data,
                *pending_error,
            ] {
                v.trace(t);
            }
            temp_roots.trace(t);
        };
        // SAFETY: every value the interpreter uses after this point is reachable from the roots
        // traced above (stack, frames, modules, builtins, types, interned strings, temp roots);
        // no native function is running (native_depth == 0) and no nested loop is either, so no
        // Rust local holds an unrooted value.
        unsafe {
            heap.safepoint(&roots);
        }
    }
}

impl Types {
    /// Every built-in class.
    pub fn all(&self) -> [Gc<Obj>; 35] {
        let t = self;
        [
            t.type_,
            t.object,
            t.none,
            t.bool_,
            t.int,
            t.float,
            t.str_,
            t.bytes,
            t.bytearray,
            t.list,
            t.tuple,
            t.dict,
            t.set,
            t.frozenset,
            t.range,
            t.slice,
            t.function,
            t.builtin_function,
            t.method,
            t.cell,
            t.module,
            t.code,
            t.generator,
            t.iterator,
            t.dict_keys,
            t.dict_values,
            t.dict_items,
            t.property,
            t.staticmethod,
            t.classmethod,
            t.super_,
            t.file,
            t.ellipsis,
            t.not_implemented,
            t.base_exception,
        ]
    }
}

/// The `__name__` of a class object.
pub fn type_name_of(ty: Gc<Obj>) -> String {
    match &ty.kind {
        Kind::Type(t) => t.name.borrow().to_string(),
        _ => "?".into(),
    }
}

/// `issubclass(a, b)` for class objects (MRO walk).
pub fn is_subclass(a: Gc<Obj>, b: Gc<Obj>) -> bool {
    if Gc::ptr_eq(a, b) {
        return true;
    }
    match &a.kind {
        Kind::Type(t) => t.mro.borrow().iter().any(|m| Gc::ptr_eq(*m, b)),
        _ => false,
    }
}

//! The builtins module and the methods of the built-in types.
//!
//! `install` fills the builtins dict (functions, type objects, exception classes) and the class
//! dicts of the built-in types with native methods, which `ops::getattr` finds through the MRO
//! like any class attribute. `construct` is what calling a class does. The text algorithms (str
//! methods, float repr, format specs, `%`-formatting, `str.format`) are pylib's `support`
//! functions; this module only converts between them and values.
//!
//! Deliberately missing: subclassing built-in types other than `object` and the exceptions
//! (`class C(list)` raises NotImplementedError), memoryview. `complex` gets its methods from
//! `lib::complex` at first use.

mod bytes;
mod dunders;
mod funcs;
mod methods;

use std::cell::RefCell;
use std::rc::Rc;

use num_traits::ToPrimitive;
use vgc::Gc;

use super::object::{FileState, Kind, Layout, Obj};
use super::ops::{self, as_str};
use super::value::{self, Value};
use super::vm::{NativeFn, PyErr, PyResult, Vm, is_subclass};
use crate::bytecode::BinOp;
use crate::support;

pub(crate) use bytes::{bytes_from_iterable, bytes_percent, new_bytearray};
pub use funcs::{builtin_print_to, exc_display_line};
pub use methods::dict_update_from;

/// Adds native methods to a class dict.
pub(crate) fn add_methods(vm: &mut Vm, cls: Gc<Obj>, methods: &[(&str, NativeFn)]) {
    let d = match &cls.kind {
        Kind::Type(t) => t.dict,
        _ => return,
    };
    for (name, f) in methods {
        let v = vm.new_native(name, *f);
        ops::dict_set_str(vm, d, name, v);
    }
}

/// Sets an attribute in a class dict.
pub(crate) fn class_set(vm: &mut Vm, cls: Gc<Obj>, name: &str, v: Value) {
    if let Kind::Type(t) = &cls.kind {
        let d = t.dict;
        ops::dict_set_str(vm, d, name, v);
    }
}

/// Fills the builtins and the built-in types' methods.
pub fn install(vm: &mut Vm) {
    funcs::install(vm);
    methods::install(vm);
    bytes::install(vm);
    dunders::install(vm);
    let b = vm.builtins;
    let t = &vm.types;
    let types = [
        ("object", t.object),
        ("type", t.type_),
        ("int", t.int),
        ("bool", t.bool_),
        ("float", t.float),
        ("str", t.str_),
        ("bytes", t.bytes),
        ("bytearray", t.bytearray),
        ("list", t.list),
        ("tuple", t.tuple),
        ("dict", t.dict),
        ("set", t.set),
        ("frozenset", t.frozenset),
        ("range", t.range),
        ("slice", t.slice),
        ("property", t.property),
        ("staticmethod", t.staticmethod),
        ("classmethod", t.classmethod),
        ("super", t.super_),
    ];
    for (n, c) in types {
        ops::dict_set_str(vm, b, n, Value::obj(c));
    }
    let excs: Vec<(&'static str, Gc<Obj>)> = vm.exc.iter().map(|(k, v)| (*k, *v)).collect();
    for (n, c) in excs {
        ops::dict_set_str(vm, b, n, Value::obj(c));
    }
    let e = vm.ellipsis;
    ops::dict_set_str(vm, b, "Ellipsis", e);
    let ni = vm.not_implemented;
    ops::dict_set_str(vm, b, "NotImplemented", ni);
    let n = vm.new_str("builtins");
    ops::dict_set_str(vm, b, "__name__", n);
    // The builtins module object, so `import builtins` works.
    let m = vm.new_module("builtins");
    if let Some(Kind::Module(_)) = Vm::obj_ref(m).map(|o| &o.kind) {
        // Replace the module's fresh dict by the builtins dict itself.
        let cls = vm.types.module;
        let bm = vm.alloc(cls, Kind::Module(b));
        let k = vm.intern("builtins");
        let _ = ops::dict_set(vm, vm.modules, k, Value::obj(bm));
    }
}

// ---------------------------------------------------------------- argument helpers

/// Checks a positional argument count; `name` is the function name for the message.
pub(crate) fn check_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    min: usize,
    max: usize,
) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        if min == 0 {
            format!("{name}() takes no arguments ({n} given)")
        } else if min == 1 {
            format!("{name}() takes exactly one argument ({n} given)")
        } else {
            format!("{name} expected {min} arguments, got {n}")
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    Err(vm.type_error(msg))
}

/// A method's arguments without the receiver, checked.
pub(crate) fn margs<'a>(
    vm: &mut Vm,
    name: &str,
    args: &'a [Value],
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    let rest = &args[1.min(args.len())..];
    check_args(vm, name, rest, min, max)?;
    Ok(rest)
}

/// A keyword argument by name.
pub(crate) fn kwarg(kwargs: &[(Value, Value)], name: &str) -> Option<Value> {
    kwargs
        .iter()
        .find(|(k, _)| as_str(*k) == Some(name))
        .map(|(_, v)| *v)
}

/// Rejects keyword arguments other than `allowed`.
pub(crate) fn check_kwargs(
    vm: &mut Vm,
    fname: &str,
    kwargs: &[(Value, Value)],
    allowed: &[&str],
) -> PyResult<()> {
    for (k, _) in kwargs {
        let n = as_str(*k).unwrap_or("?");
        if !allowed.contains(&n) {
            return Err(vm.type_error(format!(
                "{fname}() got an unexpected keyword argument '{n}'"
            )));
        }
    }
    Ok(())
}

/// The `data` of the native function being called (set by `ops::call`).
pub fn native_data(vm: &Vm) -> Value {
    vm.native_data
}

pub(crate) fn str_arg<'a>(vm: &mut Vm, v: Value, what: &str) -> PyResult<&'a str> {
    match as_str(v) {
        Some(s) => Ok(s),
        None => {
            let t = ops::type_name(vm, v);
            Err(vm.type_error(format!("{what} must be str, not {t}")))
        }
    }
}

// ---------------------------------------------------------------- construction

/// Calling a class: built-in constructors, exceptions and user classes (`__new__` + `__init__`).
pub fn construct(
    vm: &mut Vm,
    cls: Gc<Obj>,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    if !matches!(cls.kind, Kind::Type(_)) {
        return Err(vm.type_error("not a class"));
    }
    // A metaclass defining __call__ (abc.ABCMeta) takes over instance creation.
    if let Some(meta) = cls.cls.get()
        && !Gc::ptr_eq(meta, vm.types.type_)
        && let Some(f) = ops::lookup_type(vm, meta, "__call__")
        && matches!(Vm::obj_ref(f).map(|o| &o.kind), Some(Kind::Function(_)))
    {
        let mut a = vec![Value::obj(cls)];
        a.extend_from_slice(args);
        return ops::call(vm, f, &a, kwargs);
    }
    construct_plain(vm, cls, args, kwargs)
}

/// `type.__call__`: instance creation without the metaclass hook.
pub(crate) fn construct_plain(
    vm: &mut Vm,
    cls: Gc<Obj>,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let Kind::Type(t) = &cls.kind else {
        return Err(vm.type_error("not a class"));
    };
    let layout = t.layout;
    if layout == Layout::Builtin {
        if &**t.module.borrow() == "builtins" {
            return funcs::construct_builtin(vm, cls, args, kwargs);
        }
        return construct_builtin_subclass(vm, cls, args, kwargs);
    }
    // Does the class (below object/BaseException) define __new__?
    let new_f = ops::lookup_type(vm, cls, "__new__");
    let user_new =
        new_f.filter(|f| !matches!(Vm::obj_ref(*f).map(|o| &o.kind), Some(Kind::Native(_))));
    let inst = if let Some(nf) = user_new {
        let f = match Vm::obj_ref(nf).map(|o| &o.kind) {
            Some(Kind::StaticMethod(f)) => *f,
            _ => nf,
        };
        let mut a = Vec::with_capacity(args.len() + 1);
        a.push(Value::obj(cls));
        a.extend_from_slice(args);
        let r = ops::call(vm, f, &a, kwargs)?;
        if !ops::isinstance(vm, r, cls) {
            return Ok(r);
        }
        r
    } else {
        if layout == Layout::Builtin {
            return Err(vm.not_implemented("subclassing this built-in type"));
        }
        // `OSError(2, ...)` is a FileNotFoundError, with errno/strerror/filename attributes.
        let cls = if layout == Layout::Exception {
            super::lib::oserror::class_for_call(vm, cls, args)
        } else {
            cls
        };
        let o = vm.new_instance(cls);
        if layout == Layout::Exception {
            let kept = super::lib::oserror::init_args(vm, o, args);
            let a = vm.new_tuple(kept);
            let n = vm.intern("args");
            ops::set_instance_attr(o, n, a);
        }
        Value::obj(o)
    };
    vm.temp_roots.push(inst);
    let r = (|| {
        if let Some(init) = ops::lookup_type(vm, cls, "__init__") {
            let is_native = matches!(Vm::obj_ref(init).map(|o| &o.kind), Some(Kind::Native(_)));
            if is_native {
                // object.__init__ rejects arguments unless __new__ was overridden.
                if layout == Layout::Instance
                    && (!args.is_empty() || !kwargs.is_empty())
                    && user_new.is_none()
                {
                    let n = super::vm::type_name_of(cls);
                    return Err(vm.type_error(format!("{n}() takes no arguments")));
                }
                return Ok(());
            }
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(inst);
            a.extend_from_slice(args);
            let r = ops::call(vm, init, &a, kwargs)?;
            if !r.is_none() {
                let t = ops::type_name(vm, r);
                return Err(vm.type_error(format!("__init__() should return None, not '{t}'")));
            }
        }
        Ok(())
    })();
    vm.temp_roots.pop();
    r.map(|_| inst)
}

/// The built-in class a user class derives its object layout from.
fn builtin_base(cls: Gc<Obj>) -> Option<Gc<Obj>> {
    let Kind::Type(t) = &cls.kind else {
        return None;
    };
    t.mro.borrow().iter().copied().find(|c| match &c.kind {
        Kind::Type(ct) => ct.layout == Layout::Builtin && &**ct.module.borrow() == "builtins",
        _ => false,
    })
}

/// `C(...)` for `class C(list)` and the like: an object of the built-in kind whose class is `C`.
/// With a Python `__init__`, the object starts empty and `__init__` fills it (calling
/// `super().__init__(...)` as in CPython); otherwise the arguments go to the built-in
/// constructor.
fn construct_builtin_subclass(
    vm: &mut Vm,
    cls: Gc<Obj>,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let Some(base) = builtin_base(cls) else {
        return Err(vm.type_error("cannot find the built-in base class"));
    };
    let init = ops::lookup_type(vm, cls, "__init__")
        .filter(|f| matches!(Vm::obj_ref(*f).map(|o| &o.kind), Some(Kind::Function(_))));
    let new_f = ops::lookup_type(vm, cls, "__new__")
        .filter(|f| !matches!(Vm::obj_ref(*f).map(|o| &o.kind), Some(Kind::Native(_))));
    if let Some(nf) = new_f {
        let f = match Vm::obj_ref(nf).map(|o| &o.kind) {
            Some(Kind::StaticMethod(f)) => *f,
            _ => nf,
        };
        let mut a = vec![Value::obj(cls)];
        a.extend_from_slice(args);
        let r = ops::call(vm, f, &a, kwargs)?;
        if let Some(i) = init
            && ops::isinstance(vm, r, cls)
        {
            let mut a = vec![r];
            a.extend_from_slice(args);
            ops::call(vm, i, &a, kwargs)?;
        }
        return Ok(r);
    }
    let obj = if init.is_some() {
        let empty = matches!(
            super::vm::type_name_of(base).as_str(),
            "list" | "dict" | "set" | "bytearray" | "object"
        );
        if empty {
            funcs::construct_builtin(vm, base, &[], &[])?
        } else {
            funcs::construct_builtin(vm, base, args, kwargs)?
        }
    } else {
        funcs::construct_builtin(vm, base, args, kwargs)?
    };
    let Some(o) = obj.as_obj() else {
        return Err(vm.not_implemented("subclasses of int, float and bool"));
    };
    // Immutable built-ins may be shared (interned strings, constant tuples): the subclass
    // object is a fresh copy.
    let o = match fresh_copy(vm, o, cls) {
        Some(c) => c,
        None => {
            o.cls.set(Some(cls));
            o
        }
    };
    let obj = Value::obj(o);
    Vm::barrier(o);
    if let Some(i) = init {
        vm.temp_roots.push(obj);
        let mut a = vec![obj];
        a.extend_from_slice(args);
        let r = ops::call(vm, i, &a, kwargs);
        vm.temp_roots.pop();
        r?;
    }
    Ok(obj)
}

/// A fresh object of class `cls` with the contents of the immutable `o` (str, tuple,
/// frozenset); None for other kinds.
fn fresh_copy(vm: &mut Vm, o: Gc<Obj>, cls: Gc<Obj>) -> Option<Gc<Obj>> {
    let kind = match &o.kind {
        Kind::Str(s) => Kind::Str(super::object::PyStr::new(s.s.clone())),
        Kind::Tuple(t) => Kind::Tuple(t.clone()),
        Kind::FrozenSet(t) => Kind::FrozenSet(RefCell::new(t.borrow().clone())),
        _ => return None,
    };
    Some(vm.alloc(cls, kind))
}

/// `tuple.__new__(cls, iterable=())`, `str.__new__(cls, obj='')`, `frozenset.__new__(cls, ...)`.
pub(crate) fn immutable_new(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    let Some(cls) = args
        .first()
        .and_then(|c| c.as_obj())
        .filter(|o| matches!(o.kind, Kind::Type(_)))
    else {
        return Err(vm.type_error("__new__(X): X is not a type object"));
    };
    let Some(base) = builtin_base(cls) else {
        return Err(vm.type_error("__new__: not a built-in subclass"));
    };
    let v = funcs::construct_builtin(vm, base, &args[1..], kwargs)?;
    if Gc::ptr_eq(base, cls) {
        return Ok(v);
    }
    match v.as_obj().and_then(|o| fresh_copy(vm, o, cls)) {
        Some(c) => Ok(Value::obj(c)),
        None => Ok(v),
    }
}

/// `__build_class__(body, name, *bases, **kw)`.
pub(crate) fn build_class(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &[(Value, Value)],
) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let body = args[0];
    let name = as_str(args[1]).unwrap_or("?").to_string();
    let mut bases: Vec<Gc<Obj>> = Vec::new();
    let mut orig_bases = None;
    for b in &args[2..] {
        match b.as_obj().filter(|o| matches!(o.kind, Kind::Type(_))) {
            Some(c) => bases.push(c),
            None => {
                // PEP 560: a non-class base (`Generic[T]`, `NamedTuple`) names its classes
                // through `__mro_entries__(bases)`.
                let Some(f) = ops::getattr_opt(vm, *b, "__mro_entries__")? else {
                    return Err(vm.type_error("bases must be types"));
                };
                let all = vm.new_tuple(args[2..].to_vec());
                orig_bases = Some(all);
                let r = ops::call(vm, f, &[all], &[])?;
                for c in ops::collect(vm, r)? {
                    match c.as_obj().filter(|o| matches!(o.kind, Kind::Type(_))) {
                        Some(c) => bases.push(c),
                        None => return Err(vm.type_error("__mro_entries__ must return a tuple")),
                    }
                }
            }
        }
    }
    let mut metaclass = None;
    let mut class_kwargs = Vec::new();
    for (k, v) in kwargs {
        match as_str(*k) {
            Some("metaclass") => metaclass = Some(*v),
            _ => class_kwargs.push((*k, *v)),
        }
    }
    // The metaclass: explicit, else the most derived metaclass of the bases.
    let mut meta = match metaclass {
        Some(m) => match m.as_obj().filter(|o| matches!(o.kind, Kind::Type(_))) {
            Some(c) => c,
            None => return Err(vm.not_implemented("metaclasses that are not classes")),
        },
        None => vm.types.type_,
    };
    for b in &bases {
        if let Some(bm) = b.cls.get()
            && is_subclass(bm, meta)
        {
            meta = bm;
        }
    }
    if bases.is_empty() {
        bases.push(vm.types.object);
    }
    let ns = vm.new_dict();
    vm.temp_roots.push(ns);
    let fglobals = match Vm::obj_ref(body).map(|o| &o.kind) {
        Some(Kind::Function(f)) => f.globals,
        _ => {
            vm.temp_roots.pop();
            return Err(vm.type_error("__build_class__: func must be a function"));
        }
    };
    let code = match Vm::obj_ref(body).map(|o| &o.kind) {
        Some(Kind::Function(f)) => f.code,
        _ => unreachable!("checked above"),
    };
    let modname = ops::dict_get_str(fglobals, "__name__").unwrap_or(Value::NONE);
    let nsg = ns.as_obj().expect("dict");
    ops::dict_set_str(vm, nsg, "__module__", modname);
    if let Some(ob) = orig_bases {
        ops::dict_set_str(vm, nsg, "__orig_bases__", ob);
    }
    let r = super::interp::run_code(vm, code, fglobals, ns, body);
    let cell = match r {
        Ok(c) => c,
        Err(e) => {
            vm.temp_roots.pop();
            return Err(e);
        }
    };
    let r = if Gc::ptr_eq(meta, vm.types.type_) {
        make_class(vm, &name, bases, nsg, &class_kwargs)
    } else {
        let n = vm.new_str(&name);
        let bt: Vec<Value> = bases.iter().map(|b| Value::obj(*b)).collect();
        let bt = vm.new_tuple(bt);
        match ops::call(vm, Value::obj(meta), &[n, bt, ns], &class_kwargs) {
            Ok(c) => match c.as_obj().filter(|o| matches!(o.kind, Kind::Type(_))) {
                Some(c) => Ok(c),
                None => {
                    vm.temp_roots.pop();
                    return Ok(c);
                }
            },
            Err(e) => Err(e),
        }
    };
    vm.temp_roots.pop();
    let cls = r?;
    if let Some(Kind::Cell(c)) = Vm::obj_ref(cell).map(|o| &o.kind) {
        c.set(Value::obj(cls));
        Vm::barrier(cell.as_obj().expect("cell"));
    }
    Ok(Value::obj(cls))
}

/// Creates a class from a namespace dict.
pub(crate) fn make_class(
    vm: &mut Vm,
    name: &str,
    bases: Vec<Gc<Obj>>,
    ns: Gc<Obj>,
    kwargs: &[(Value, Value)],
) -> PyResult<Gc<Obj>> {
    let mut layout = Layout::Instance;
    for b in &bases {
        if let Kind::Type(bt) = &b.kind {
            match bt.layout {
                Layout::Exception => layout = Layout::Exception,
                Layout::Builtin => {
                    let n = bt.name.borrow().clone();
                    if matches!(&*n, "int" | "float" | "bool" | "bytes" | "NoneType") {
                        return Err(
                            vm.not_implemented(&format!("subclassing the built-in type '{n}'"))
                        );
                    }
                    layout = Layout::Builtin;
                }
                _ => {}
            }
        }
    }
    // Attribute loads do not consult a Python `__getattribute__`: refuse it rather than ignore it.
    if ops::dict_get_str(ns, "__getattribute__").is_some() {
        return Err(vm.not_implemented(&format!(
            "overriding __getattribute__ (in class '{name}'); define __getattr__ instead"
        )));
    }
    // A class defining __eq__ without __hash__ is unhashable (`__hash__ = None`), as in CPython.
    if ops::dict_get_str(ns, "__eq__").is_some() && ops::dict_get_str(ns, "__hash__").is_none() {
        ops::dict_set_str(vm, ns, "__hash__", Value::NONE);
    }
    let cls = vm.new_class_raw(name, bases.clone(), layout);
    let mro = vm.compute_mro(cls)?;
    let Kind::Type(t) = &cls.kind else {
        unreachable!("new class")
    };
    *t.mro.borrow_mut() = mro;
    super::object::bump_class_epoch();
    let items = match &ns.kind {
        Kind::Dict(d) => d.borrow().items(),
        _ => vec![],
    };
    for (k, v) in items {
        // Plain functions named __new__/__init_subclass__ are implicitly static/class methods.
        let v = match as_str(k) {
            Some("__init_subclass__")
                if matches!(Vm::obj_ref(v).map(|o| &o.kind), Some(Kind::Function(_))) =>
            {
                let c = vm.types.classmethod;
                Value::obj(vm.alloc(c, Kind::ClassMethod(v)))
            }
            _ => v,
        };
        if as_str(k) == Some("__classcell__") {
            continue;
        }
        ops::dict_set(vm, t.dict, k, v)?;
    }
    if let Some(m) = ops::dict_get_str(ns, "__module__").and_then(as_str) {
        *t.module.borrow_mut() = Rc::from(m);
    }
    if let Some(q) = ops::dict_get_str(ns, "__qualname__").and_then(as_str) {
        *t.qualname.borrow_mut() = Rc::from(q);
        // CPython keeps the qualified name on the type, not in its `__dict__`.
        ops::dict_del_str(t.dict, "__qualname__");
    }
    // __set_name__ on descriptors.
    let items = match &t.dict.kind {
        Kind::Dict(d) => d.borrow().items(),
        _ => vec![],
    };
    for (k, v) in items {
        if let Some(o) = Vm::obj_ref(v)
            && let Kind::Instance(_) = o.kind
            && let Some(f) = ops::lookup_type(vm, o.class(), "__set_name__")
        {
            ops::call(vm, f, &[v, Value::obj(cls), k], &[])?;
        }
    }
    // __init_subclass__ of the nearest base that has one (object's does nothing).
    let mro = t.mro.borrow().clone();
    for c in mro.iter().skip(1) {
        if let Kind::Type(ct) = &c.kind
            && let Some(f) = ops::dict_get_str(ct.dict, "__init_subclass__")
        {
            let f = match Vm::obj_ref(f).map(|o| &o.kind) {
                Some(Kind::ClassMethod(f)) => *f,
                _ => f,
            };
            ops::call(vm, f, &[Value::obj(cls)], kwargs)?;
            break;
        }
    }
    Ok(cls)
}

/// `type.__new__(mcls, name, bases, ns, **kw)`: a class whose metaclass is `mcls`.
pub(crate) fn type_new(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    if args.len() != 4 {
        return Err(vm.type_error("type.__new__() takes exactly 3 arguments"));
    }
    let Some(mcls) = args[0].as_obj().filter(|o| matches!(o.kind, Kind::Type(_))) else {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    };
    let name = str_arg(vm, args[1], "type.__new__() argument 1")?.to_string();
    let mut bs = Vec::new();
    for b in ops::collect(vm, args[2])? {
        match b.as_obj().filter(|o| matches!(o.kind, Kind::Type(_))) {
            Some(c) => bs.push(c),
            None => return Err(vm.type_error("bases must be types")),
        }
    }
    if bs.is_empty() {
        bs.push(vm.types.object);
    }
    let Some(ns) = args[3].as_obj().filter(|o| matches!(o.kind, Kind::Dict(_))) else {
        return Err(vm.type_error("type.__new__() argument 3 must be dict"));
    };
    let cls = make_class(vm, &name, bs, ns, kwargs)?;
    cls.cls.set(Some(mcls));
    Vm::barrier(cls);
    Ok(Value::obj(cls))
}

/// `type.__call__(cls, *args)`.
pub(crate) fn type_call(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult<Value> {
    let Some(cls) = args
        .first()
        .and_then(|c| c.as_obj())
        .filter(|o| matches!(o.kind, Kind::Type(_)))
    else {
        return Err(vm.type_error("descriptor '__call__' requires a 'type' object"));
    };
    construct_plain(vm, cls, &args[1..], kwargs)
}

// ---------------------------------------------------------------- sys

/// Builds the `sys` module.
pub fn make_sys(vm: &mut Vm) -> Value {
    let m = vm.new_module("sys");
    let argv: Vec<Value> = vm.argv.clone().iter().map(|a| vm.new_str(a)).collect();
    let argv = vm.new_list(argv);
    vm.module_set(m, "argv", argv);
    let mut path = vec![vm.script_dir.clone()];
    path.extend(vm.sys_path.clone());
    let path: Vec<Value> = path.iter().map(|p| vm.new_str(p)).collect();
    let path = vm.new_list(path);
    vm.module_set(m, "path", path);
    let mods = Value::obj(vm.modules);
    vm.module_set(m, "modules", mods);
    let v = vm.new_str("3.11.0 (pyvgc 0.1.0)");
    vm.module_set(m, "version", v);
    let fin = vm.new_str("final");
    let vi = vm.new_tuple(vec![
        Value::int(3),
        Value::int(11),
        Value::int(0),
        fin,
        Value::int(0),
    ]);
    vm.module_set(m, "version_info", vi);
    let p = vm.new_str(std::env::consts::OS);
    vm.module_set(m, "platform", p);
    let bo = vm.new_str(if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    });
    vm.module_set(m, "byteorder", bo);
    vm.module_set(m, "maxsize", Value::int(i64::MAX));
    let exe = vm.new_str("pyvgc");
    vm.module_set(m, "executable", exe);
    let stdout = new_special_file(vm, "<stdout>", "w", 1);
    vm.module_set(m, "stdout", stdout);
    let stderr = new_special_file(vm, "<stderr>", "w", 2);
    vm.module_set(m, "stderr", stderr);
    let stdin = new_special_file(vm, "<stdin>", "r", 3);
    vm.module_set(m, "stdin", stdin);
    let fi = info_object(
        vm,
        "float_info",
        &[
            ("max", Value::float(f64::MAX)),
            ("min", Value::float(f64::MIN_POSITIVE)),
            ("epsilon", Value::float(f64::EPSILON)),
            ("dig", Value::int(15)),
            ("mant_dig", Value::int(53)),
            ("max_exp", Value::int(1024)),
            ("min_exp", Value::int(-1021)),
            ("radix", Value::int(2)),
        ],
    );
    vm.module_set(m, "float_info", fi);
    let ii = info_object(
        vm,
        "int_info",
        &[
            ("bits_per_digit", Value::int(30)),
            ("sizeof_digit", Value::int(4)),
        ],
    );
    vm.module_set(m, "int_info", ii);
    vm.module_add_fn(m, "exit", funcs::sys_exit);
    vm.module_add_fn(m, "getrecursionlimit", funcs::sys_getrecursionlimit);
    vm.module_add_fn(m, "setrecursionlimit", funcs::sys_setrecursionlimit);
    vm.module_add_fn(m, "exc_info", funcs::sys_exc_info);
    vm.module_add_fn(m, "_getframe", super::lib::pyvgc_traceback::getframe);
    vm.module_add_fn(m, "intern", funcs::sys_intern);
    vm.module_add_fn(m, "getsizeof", funcs::sys_getsizeof);
    m
}

/// A plain object with the given attributes (`sys.float_info` and the like).
fn info_object(vm: &mut Vm, name: &str, attrs: &[(&str, Value)]) -> Value {
    let o = vm.types.object;
    let cls = vm.new_class_raw(name, vec![o], Layout::Instance);
    if let Kind::Type(t) = &cls.kind {
        *t.module.borrow_mut() = Rc::from("sys");
    }
    let inst = vm.new_instance(cls);
    for (k, v) in attrs {
        let n = vm.intern(k);
        ops::set_instance_attr(inst, n, *v);
    }
    Value::obj(inst)
}

pub(crate) fn new_special_file(vm: &mut Vm, name: &str, mode: &str, special: u8) -> Value {
    let cls = vm.types.file;
    Value::obj(vm.alloc(
        cls,
        Kind::File(RefCell::new(FileState {
            name: Rc::from(name),
            mode: Rc::from(mode),
            binary: false,
            reader: None,
            pos: 0,
            writer: None,
            closed: false,
            special,
        })),
    ))
}

/// `next()` of a file: its next line, or None at the end.
pub fn file_next_line(vm: &mut Vm, f: Value) -> PyResult<Option<Value>> {
    let line = methods::file_readline_raw(vm, f)?;
    if line.is_empty() {
        return Ok(None);
    }
    Ok(Some(vm.new_string(line)))
}

// ---------------------------------------------------------------- errors

/// A `SyntaxError` exception value for a compile error (raised by imports, `exec`, `eval`).
pub fn syntax_error_value(vm: &mut Vm, e: &crate::frontend::SyntaxError) -> PyErr {
    let cls = vm.exc.get(e.kind).copied().unwrap_or(vm.exc["SyntaxError"]);
    let msg = vm.new_str(&e.message);
    let exc = vm.new_exception(cls, vec![msg]);
    let o = exc.as_obj().expect("exc");
    let fname = vm.new_str(&e.filename);
    let n = vm.intern("filename");
    ops::set_instance_attr(o, n, fname);
    let n = vm.intern("lineno");
    ops::set_instance_attr(o, n, Value::int(e.line as i64));
    let n = vm.intern("msg");
    ops::set_instance_attr(o, n, msg);
    let rendered = vm.new_string(e.render());
    let n = vm.intern("_pyvgc_rendered");
    ops::set_instance_attr(o, n, rendered);
    PyErr(exc)
}

// ---------------------------------------------------------------- formatting

/// `ascii()`'s escaping of a repr.
pub fn ascii_escape(s: &str) -> String {
    support::strings::ascii_escape(s)
}

/// `format(v, spec)`.
pub fn format_value(vm: &mut Vm, v: Value, spec: &str) -> PyResult<String> {
    let r = match v.tag {
        value::INT => support::format_spec::format_int_with(v.payload, spec),
        value::TRUE | value::FALSE => {
            if spec.is_empty() {
                return Ok(if v.tag == value::TRUE {
                    "True".into()
                } else {
                    "False".into()
                });
            }
            support::format_spec::format_int_with((v.tag == value::TRUE) as i64, spec)
        }
        value::FLOAT => {
            if spec.is_empty() {
                return Ok(support::float_str(v.as_float_raw()));
            }
            support::format_spec::format_float_with(v.as_float_raw(), spec)
        }
        value::NONE => {
            if spec.is_empty() {
                return Ok("None".into());
            }
            return Err(vm.type_error("unsupported format string passed to NoneType.__format__"));
        }
        _ => {
            let o = Vm::obj_ref(v).expect("object");
            match &o.kind {
                Kind::Str(s) => support::format_spec::format_str_with(&s.s, spec),
                Kind::BigInt(b) => support::format_spec::parse_format_spec(spec, "int", 'd')
                    .and_then(|fs| support::format_spec::format_bigint(b, &fs)),
                Kind::Instance(_) => {
                    if let Some(f) = ops::lookup_type(vm, o.class(), "__format__") {
                        let sp = vm.new_str(spec);
                        let r = ops::call(vm, f, &[v, sp], &[])?;
                        return match as_str(r) {
                            Some(s) => Ok(s.to_string()),
                            None => Err(vm.type_error("__format__ must return a str")),
                        };
                    }
                    if spec.is_empty() {
                        return ops::to_str(vm, v);
                    }
                    let t = ops::type_name(vm, v);
                    return Err(vm.type_error(format!(
                        "unsupported format string passed to {t}.__format__"
                    )));
                }
                _ => {
                    if spec.is_empty() {
                        return ops::to_str(vm, v);
                    }
                    let t = ops::type_name(vm, v);
                    return Err(vm.type_error(format!(
                        "unsupported format string passed to {t}.__format__"
                    )));
                }
            }
        }
    };
    r.map_err(|e| vm.support_error(e))
}

/// Errors of the support callbacks: a Python exception or a support error.
pub(crate) enum CbErr {
    Py(PyErr),
    S(support::Error),
}

impl From<support::Error> for CbErr {
    fn from(e: support::Error) -> CbErr {
        CbErr::S(e)
    }
}

impl CbErr {
    pub(crate) fn into_py(self, vm: &mut Vm) -> PyErr {
        match self {
            CbErr::Py(e) => e,
            CbErr::S(e) => vm.support_error(e),
        }
    }
}

struct PercentCb<'a> {
    vm: &'a mut Vm,
    items: Vec<Value>,
    pos: usize,
    mapping: Option<Value>,
}

impl support::percent::PercentArgs for PercentCb<'_> {
    type Arg = Value;
    type Error = CbErr;
    fn next_arg(&mut self) -> Option<Value> {
        let v = self.items.get(self.pos).copied();
        self.pos += 1;
        v
    }
    fn mapping_arg(&mut self, key: &str) -> Result<Value, CbErr> {
        let Some(m) = self.mapping else {
            return Err(CbErr::Py(self.vm.type_error("format requires a mapping")));
        };
        let k = self.vm.new_str(key);
        ops::getitem(self.vm, m, k).map_err(CbErr::Py)
    }
    fn convert(&mut self, arg: Value, c: char) -> Result<support::percent::PercentValue, CbErr> {
        use support::percent::PercentValue as P;
        let vm = &mut *self.vm;
        match c {
            's' => ops::to_str(vm, arg).map(P::Str).map_err(CbErr::Py),
            'r' => ops::repr(vm, arg).map(P::Str).map_err(CbErr::Py),
            'a' => ops::repr(vm, arg)
                .map(|s| P::Str(ascii_escape(&s)))
                .map_err(CbErr::Py),
            'c' => {
                if let Some(i) = ops::as_i64(arg) {
                    return match u32::try_from(i).ok().and_then(char::from_u32) {
                        Some(ch) => Ok(P::Char(ch)),
                        None => Err(CbErr::S(support::Error::overflow(
                            "%c arg not in range(0x110000)",
                        ))),
                    };
                }
                if let Some(s) = as_str(arg)
                    && s.chars().count() == 1
                {
                    return Ok(P::Char(s.chars().next().expect("one char")));
                }
                Err(CbErr::S(support::Error::type_error(
                    "%c requires int or char",
                )))
            }
            '*' => match ops::as_i64(arg) {
                Some(i) => Ok(P::Int(i)),
                None => Err(CbErr::S(support::Error::type_error("* wants int"))),
            },
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                if let Some(i) = ops::as_i64(arg) {
                    return Ok(P::Int(i));
                }
                if let Some(b) = ops::as_bigint(arg) {
                    return Ok(P::BigInt(b));
                }
                if arg.tag == value::FLOAT && matches!(c, 'd' | 'i' | 'u') {
                    let f = arg.as_float_raw();
                    if !f.is_finite() {
                        return Err(CbErr::S(support::Error::overflow(
                            "cannot convert float infinity to integer",
                        )));
                    }
                    let b = ops::float_to_bigint(f);
                    return Ok(match b.to_i64() {
                        Some(i) => P::Int(i),
                        None => P::BigInt(b),
                    });
                }
                let t = ops::type_name(vm, arg);
                let msg = if matches!(c, 'd' | 'i' | 'u') {
                    format!("%{c} format: a real number is required, not {t}")
                } else {
                    format!("%{c} format: an integer is required, not {t}")
                };
                Err(CbErr::S(support::Error::type_error(msg)))
            }
            _ => match ops::as_f64(vm, arg) {
                Ok(Some(f)) => Ok(P::Float(f)),
                Ok(None) => {
                    let t = ops::type_name(vm, arg);
                    Err(CbErr::S(support::Error::type_error(format!(
                        "must be real number, not {t}"
                    ))))
                }
                Err(e) => Err(CbErr::Py(e)),
            },
        }
    }
    fn has_unused(&self) -> bool {
        self.mapping.is_none() && self.pos < self.items.len()
    }
}

/// `str % args`.
pub fn str_percent(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Value> {
    let f = as_str(fmt).unwrap_or("").to_string();
    let (items, mapping) = match Vm::obj_ref(args).map(|o| &o.kind) {
        Some(Kind::Tuple(t)) => (t.to_vec(), None),
        Some(Kind::Dict(_)) => (vec![args], Some(args)),
        Some(Kind::Instance(o))
            if {
                let _ = o;
                ops::getattr_opt(vm, args, "__getitem__")?.is_some()
                    && ops::getattr_opt(vm, args, "keys")?.is_some()
            } =>
        {
            (vec![args], Some(args))
        }
        _ => (vec![args], None),
    };
    let mut cb = PercentCb {
        vm,
        items,
        pos: 0,
        mapping,
    };
    let r = support::percent::printf_format(&f, &mut cb);
    match r {
        Ok(s) => Ok(vm.new_string(s)),
        Err(e) => Err(e.into_py(vm)),
    }
}

// ---------------------------------------------------------------- sets

/// A set operation (`| & - ^`) on two sets; the result has the left operand's type.
pub fn set_op(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Value> {
    let frozen = matches!(Vm::obj_ref(a).map(|o| &o.kind), Some(Kind::FrozenSet(_)));
    let xa = ops::collect(vm, a)?;
    let xb = ops::collect(vm, b)?;
    let r = vm.new_set(frozen);
    let rg = r.as_obj().expect("set");
    let bg = b.as_obj().expect("set");
    let ag = a.as_obj().expect("set");
    match op {
        BinOp::Or => {
            for x in xa.into_iter().chain(xb) {
                ops::set_add(vm, rg, x)?;
            }
        }
        BinOp::And => {
            // CPython iterates the smaller set and probes the larger.
            let (small, big) = if xb.len() > xa.len() {
                (xa, bg)
            } else {
                (xb, ag)
            };
            for x in small {
                if ops::set_find(vm, big, x)?.is_some() {
                    ops::set_add(vm, rg, x)?;
                }
            }
        }
        BinOp::Sub => {
            for x in xa {
                if ops::set_find(vm, bg, x)?.is_none() {
                    ops::set_add(vm, rg, x)?;
                }
            }
        }
        _ => {
            for x in xa {
                if ops::set_find(vm, bg, x)?.is_none() {
                    ops::set_add(vm, rg, x)?;
                }
            }
            for x in xb {
                if ops::set_find(vm, ag, x)?.is_none() {
                    ops::set_add(vm, rg, x)?;
                }
            }
        }
    }
    Ok(r)
}

/// Is `v` an instance of exception class `name`?
pub(crate) fn is_exc_class(vm: &Vm, v: Value) -> bool {
    v.as_obj()
        .filter(|o| matches!(o.kind, Kind::Type(_)))
        .is_some_and(|c| is_subclass(c, vm.types.base_exception))
}

/// CPython 3.11's "Did you mean" choice (`_Py_CalculateSuggestions`): the closest name by a
/// Levenshtein distance where a case change costs 1 and other edits cost 2.
pub fn suggest(name: &str, names: &[String]) -> Option<String> {
    const MOVE: usize = 2;
    if names.len() > 750 {
        return None;
    }
    let mut best: Option<&String> = None;
    let mut best_d = usize::MAX;
    for item in names {
        if item == name {
            continue;
        }
        let max = ((name.len() + item.len() + 3) * MOVE / 6).min(best_d.saturating_sub(1));
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none() || d < best_d {
            best = Some(item);
            best_d = d;
        }
    }
    best.cloned()
}

fn levenshtein(a: &[u8], b: &[u8], max: usize) -> usize {
    const MOVE: usize = 2;
    const CASE: usize = 1;
    if a == b {
        return 0;
    }
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE > max {
        return max + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE).collect();
    let mut result = 0;
    for (bi, bc) in b.iter().enumerate() {
        let mut distance = bi * MOVE;
        result = distance;
        let mut min_row = usize::MAX;
        for (ai, ac) in a.iter().enumerate() {
            let sub = if ac == bc {
                0
            } else if ac.eq_ignore_ascii_case(bc) {
                CASE
            } else {
                MOVE
            };
            let sub_cost = distance + sub;
            distance = row[ai];
            let ins_del = result.min(distance) + MOVE;
            result = ins_del.min(sub_cost);
            row[ai] = result;
            min_row = min_row.min(result);
        }
        if min_row > max {
            return max + 1;
        }
    }
    result
}

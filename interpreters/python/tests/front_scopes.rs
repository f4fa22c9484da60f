//! Scope analysis as CPython's symtable decides it, checked on the code objects' variable lists.
//!
//! Each test compiles a small program and looks at the locals, cells and free variables of the
//! code objects (and at which load instruction a name compiles to), for the cases that are easy
//! to get wrong: class bodies do not enclose their methods, a walrus in a comprehension binds in
//! the enclosing function, `super()` creates the `__class__` cell, a parameter captured by an
//! inner function is a cell initialised from its argument, and `global` beats enclosing bindings.

use pyvgc::bytecode::{CodeObject, Constant, Insn};

fn compile(source: &str) -> CodeObject {
    match pyvgc::compiler::compile_module(source, "t.py") {
        Ok(code) => {
            pyvgc::bytecode::verify(&code).unwrap();
            code
        }
        Err(e) => panic!("does not compile:\n{}", e.render()),
    }
}

/// The nested code object with this qualname, searched depth first.
fn find<'a>(code: &'a CodeObject, qualname: &str) -> &'a CodeObject {
    fn walk<'a>(code: &'a CodeObject, qualname: &str) -> Option<&'a CodeObject> {
        if &*code.qualname == qualname {
            return Some(code);
        }
        code.constants.iter().find_map(|c| match c {
            Constant::Code(inner) => walk(inner, qualname),
            _ => None,
        })
    }
    walk(code, qualname).unwrap_or_else(|| panic!("no code object {qualname}"))
}

fn names(list: &[std::rc::Rc<str>]) -> Vec<&str> {
    list.iter().map(|s| &**s).collect()
}

#[test]
fn scopes_class_body_does_not_enclose_its_methods() {
    let code = compile(
        "def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            return x\n    return C\n",
    );
    let f = find(&code, "f");
    assert_eq!(names(&f.cellvars), ["x"]);
    let c = find(&code, "f.<locals>.C");
    assert_eq!(names(&c.freevars), ["x"]);
    let m = find(&code, "f.<locals>.C.m");
    assert_eq!(names(&m.freevars), ["x"]);
    assert!(m.code.iter().any(|i| matches!(i, Insn::LoadDeref { .. })));
}

#[test]
fn scopes_class_body_reads_enclosing_names_through_class_deref() {
    let code = compile("def f():\n    y = 1\n    class C:\n        z = y\n    return C\n");
    let c = find(&code, "f.<locals>.C");
    assert_eq!(names(&c.freevars), ["y"]);
    assert!(
        c.code
            .iter()
            .any(|i| matches!(i, Insn::LoadClassDeref { .. }))
    );
}

#[test]
fn scopes_walrus_in_comprehension_binds_in_the_enclosing_function() {
    let code = compile("def f(xs):\n    ys = [y for x in xs if (y := x)]\n    return y\n");
    let f = find(&code, "f");
    assert_eq!(names(&f.cellvars), ["y"]);
    let comp = find(&code, "f.<locals>.<listcomp>");
    assert_eq!(names(&comp.freevars), ["y"]);
    assert_eq!(names(&comp.varnames), [".0", "x"]);
}

#[test]
fn scopes_walrus_at_module_level_comprehension_is_global() {
    let code = compile("ys = [(last := x) for x in range(3)]\n");
    let comp = find(&code, "<listcomp>");
    assert!(comp.freevars.is_empty());
    assert!(
        comp.code
            .iter()
            .any(|i| matches!(i, Insn::StoreGlobal { .. }))
    );
}

#[test]
fn scopes_super_creates_the_class_cell() {
    let code = compile("class A(B):\n    def m(self):\n        return super().m()\n");
    let a = find(&code, "A");
    assert_eq!(names(&a.cellvars), ["__class__"]);
    let m = find(&code, "A.m");
    assert_eq!(names(&m.freevars), ["__class__"]);
}

#[test]
fn scopes_captured_parameter_is_a_cell_filled_from_its_argument() {
    let code = compile("def f(a, b):\n    return lambda: b\n");
    let f = find(&code, "f");
    assert_eq!(names(&f.varnames), ["a", "b"]);
    assert_eq!(names(&f.cellvars), ["b"]);
    assert_eq!(f.cell_args, [Some(1)]);
}

#[test]
fn scopes_global_declaration_beats_an_enclosing_binding() {
    let code = compile(
        "def f():\n    x = 1\n    def g():\n        global x\n        x = 2\n    return g\n",
    );
    let f = find(&code, "f");
    assert!(f.cellvars.is_empty());
    let g = find(&code, "f.<locals>.g");
    assert!(g.freevars.is_empty());
    assert!(g.code.iter().any(|i| matches!(i, Insn::StoreGlobal { .. })));
}

#[test]
fn scopes_nonlocal_passes_through_intermediate_functions() {
    let code = compile(
        "def a():\n    v = 0\n    def b():\n        def c():\n            nonlocal v\n            v += 1\n        return c\n    return b\n",
    );
    assert_eq!(names(&find(&code, "a").cellvars), ["v"]);
    assert_eq!(names(&find(&code, "a.<locals>.b").freevars), ["v"]);
    assert_eq!(
        names(&find(&code, "a.<locals>.b.<locals>.c").freevars),
        ["v"]
    );
}

#[test]
fn scopes_module_and_class_names_use_the_locals_mapping() {
    let code = compile("x = 1\nclass C:\n    y = x\n");
    assert!(code.varnames.is_empty());
    assert!(
        code.code
            .iter()
            .any(|i| matches!(i, Insn::StoreName { .. }))
    );
    let c = find(&code, "C");
    assert!(c.code.iter().any(|i| matches!(i, Insn::LoadName { .. })));
}

#[test]
fn scopes_function_parameters_come_first_in_slot_order() {
    let code = compile("def f(a, /, b, *args, c, d=1, **kw):\n    e = 2\n");
    let f = find(&code, "f");
    assert_eq!(names(&f.varnames), ["a", "b", "c", "d", "args", "kw", "e"]);
    assert_eq!((f.argcount, f.posonlyargcount, f.kwonlyargcount), (2, 1, 2));
    assert_eq!(f.total_params(), 6);
}

#[test]
fn scopes_comprehension_first_iterable_is_evaluated_outside() {
    let code = compile("def f(xs):\n    return [x for x in xs]\n");
    let comp = find(&code, "f.<locals>.<listcomp>");
    assert!(comp.freevars.is_empty(), "xs must not be captured");
}

#[test]
fn scopes_generator_flag_follows_yield() {
    let code = compile("def g():\n    yield 1\ndef h():\n    return (x for x in ())\n");
    assert!(find(&code, "g").is_generator());
    assert!(!find(&code, "h").is_generator());
    assert!(find(&code, "h.<locals>.<genexpr>").is_generator());
}

#[test]
fn repl_input_is_incomplete_inside_brackets_strings_and_blocks() {
    use pyvgc::compiler::input_is_incomplete;
    assert!(input_is_incomplete("x = (1,\n"));
    assert!(input_is_incomplete("s = '''abc\n"));
    assert!(input_is_incomplete("x = 1 + \\\n"));
    assert!(input_is_incomplete("if x:\n"));
    assert!(input_is_incomplete("def f():\n    return 1\n"));
    assert!(!input_is_incomplete("def f():\n    return 1\n\n"));
    assert!(!input_is_incomplete("x = 1\n"));
    assert!(!input_is_incomplete("s = '''a''' # (\n"));
    assert!(!input_is_incomplete("x = )\n"));
}

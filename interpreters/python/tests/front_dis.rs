//! Snapshots of `pyvgc --dis` output for small programs, one per construct.
//!
//! Each test compiles a program and compares the disassembly with the committed snapshot
//! (`UPDATE_EXPECT=1 cargo test -p pyvgc --test front_dis` rewrites them after a deliberate
//! change; review the diff). The snapshots were checked by hand against CPython 3.11's code
//! shapes when they were first written: they pin evaluation order, jump structure, exception
//! table ranges and depths, and the name/local/cell classification of every variable.

use expect_test::{Expect, expect};

fn check(source: &str, expected: Expect) {
    let code = match pyvgc::compiler::compile_module(source, "t.py") {
        Ok(code) => code,
        Err(e) => panic!("does not compile:\n{}", e.render()),
    };
    if let Err(e) = pyvgc::bytecode::verify(&code) {
        panic!("the verifier rejects the code: {e}");
    }
    expected.assert_eq(&pyvgc::compiler::disassemble(&code));
}

#[test]
fn dis_assignment_and_arithmetic_use_names_at_module_level() {
    check(
        "x = 1\ny = x + 2 * x\n",
        expect![[r#"
        code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=3
            0     1  LoadSmallInt          i=1
            1        StoreName             name=0            ; x
            2     2  LoadName              name=0            ; x
            3        LoadSmallInt          i=2
            4        LoadName              name=0            ; x
            5        BinaryOp              op=Mul            ; *
            6        BinaryOp              op=Add            ; +
            7        StoreName             name=1            ; y
            8        LoadConst             k=0               ; None
            9        ReturnValue
    "#]],
    );
}

#[test]
fn dis_function_locals_are_fast_and_compare_of_two_locals_is_fused() {
    check(
        "def f(a, b):\n    if a < b:\n        return a\n    return b\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=1
                0     1  MakeFunction          code=0, flags=0   ; <code f>
                1        StoreName             name=0            ; f
                2        LoadConst             k=1               ; None
                3        ReturnValue

            code f (qualname f, line 1): args=2 posonly=0 kwonly=0 flags=OPTIMIZED stack=1
              locals: a, b
                0     2  CompareFastFastJump   a=0, b=1, op=Lt, target=3 ; if not (a < b) goto 3
                1     3  LoadFast              slot=0            ; a
                2        ReturnValue
                3     4  LoadFast              slot=1            ; b
                4        ReturnValue
        "#]],
    );
}

#[test]
fn dis_for_range_uses_the_range_iterator() {
    check(
        "def f(n):\n    t = 0\n    for i in range(n):\n        t += i\n    return t\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=1
                0     1  MakeFunction          code=0, flags=0   ; <code f>
                1        StoreName             name=0            ; f
                2        LoadConst             k=1               ; None
                3        ReturnValue

            code f (qualname f, line 1): args=1 posonly=0 kwonly=0 flags=OPTIMIZED stack=3
              locals: n, t, i
                0     2  LoadSmallInt          i=0
                1        StoreFast             slot=1            ; t
                2     3  LoadGlobal            name=0, cache=0   ; range
                3        LoadFast              slot=0            ; n
                4        GetRangeIter          argc=1
                5        ForIter               target=12         ; to 12
                6        StoreFast             slot=2            ; i
                7     4  LoadFast              slot=1            ; t
                8        LoadFast              slot=2            ; i
                9        InplaceOp             op=Add            ; +=
               10        StoreFast             slot=1            ; t
               11     3  Jump                  target=5          ; to 5
               12     5  LoadFast              slot=1            ; t
               13        ReturnValue
        "#]],
    );
}

#[test]
fn dis_closures_use_cells_and_free_variables() {
    check(
        "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=1
                0     1  MakeFunction          code=0, flags=0   ; <code outer>
                1        StoreName             name=0            ; outer
                2        LoadConst             k=1               ; None
                3        ReturnValue

            code outer (qualname outer, line 1): args=0 posonly=0 kwonly=0 flags=OPTIMIZED stack=1
              locals: inner
              cells: x
                0     2  LoadSmallInt          i=1
                1        StoreDeref            slot=0            ; x
                2     3  LoadClosure           slot=0            ; x
                3        BuildTuple            n=1
                4        MakeFunction          code=0, flags=8   ; <code outer.<locals>.inner>
                5        StoreFast             slot=0            ; inner
                6     7  LoadFast              slot=0            ; inner
                7        ReturnValue

            code inner (qualname outer.<locals>.inner, line 3): args=0 posonly=0 kwonly=0 flags=OPTIMIZED|NESTED stack=2
              free: x
                0     5  LoadDeref             slot=0            ; x
                1        LoadSmallInt          i=1
                2        InplaceOp             op=Add            ; +=
                3        StoreDeref            slot=0            ; x
                4     6  LoadDeref             slot=0            ; x
                5        ReturnValue
        "#]],
    );
}

#[test]
fn dis_class_with_super_gets_the_class_cell() {
    check(
        "class A(B):\n    '''doc'''\n    y: int = 2\n    def m(self):\n        return super().m()\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=4
                0     1  LoadBuildClass
                1        MakeFunction          code=0, flags=0   ; <code A>
                2        LoadConst             k=1               ; "A"
                3        LoadName              name=0            ; B
                4        Call                  argc=3
                5        StoreName             name=1            ; A
                6        LoadConst             k=2               ; None
                7        ReturnValue

            code A (qualname A, line 1): args=0 posonly=0 kwonly=0 flags=CLASS_BODY stack=3
              cells: __class__
                0     1  LoadName              name=0            ; __name__
                1        StoreName             name=1            ; __module__
                2        LoadConst             k=0               ; "A"
                3        StoreName             name=2            ; __qualname__
                4     2  LoadConst             k=1               ; "doc"
                5        StoreName             name=3            ; __doc__
                6        SetupAnnotations
                7     3  LoadSmallInt          i=2
                8        StoreName             name=4            ; y
                9        LoadName              name=5            ; int
               10        LoadName              name=6            ; __annotations__
               11        LoadConst             k=2               ; "y"
               12        StoreSubscr
               13     4  LoadClosure           slot=0            ; __class__
               14        BuildTuple            n=1
               15        MakeFunction          code=3, flags=8   ; <code A.m>
               16        StoreName             name=7            ; m
               17        LoadClosure           slot=0            ; __class__
               18        Copy                  n=1
               19        StoreName             name=8            ; __classcell__
               20        ReturnValue

            code m (qualname A.m, line 4): args=1 posonly=0 kwonly=0 flags=OPTIMIZED stack=2
              locals: self
              free: __class__
                0     5  LoadGlobal            name=0, cache=0   ; super
                1        Call                  argc=0
                2        LoadMethod            name=1, cache=0   ; m
                3        CallMethod            argc=0
                4        ReturnValue
        "#]],
    );
}

#[test]
fn dis_try_except_finally_has_an_exception_table() {
    check(
        "try:\n    f()\nexcept ValueError as e:\n    g(e)\nelse:\n    h()\nfinally:\n    k()\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=3
                0     2  LoadName              name=0            ; f
                1        Call                  argc=0
                2        Pop
                3     6  LoadName              name=1            ; h
                4        Call                  argc=0
                5        Pop
                6        Jump                  target=29         ; to 29
                7     1  PushExcInfo
                8     3  LoadName              name=2            ; ValueError
                9        CheckExcMatch
               10        PopJumpIfFalse        target=25         ; to 25
               11        StoreName             name=3            ; e
               12     4  LoadName              name=4            ; g
               13        LoadName              name=3            ; e
               14        Call                  argc=1
               15        Pop
               16     3  PopExcept
               17        LoadConst             k=0               ; None
               18        StoreName             name=3            ; e
               19        DeleteName            name=3            ; e
               20        Jump                  target=29         ; to 29
               21        LoadConst             k=0               ; None
               22        StoreName             name=3            ; e
               23        DeleteName            name=3            ; e
               24        Reraise
               25     1  Reraise
               26        Swap                  n=2
               27        PopExcept
               28        Reraise
               29     8  LoadName              name=5            ; k
               30        Call                  argc=0
               31        Pop
               32        Jump                  target=41         ; to 41
               33     1  PushExcInfo
               34     8  LoadName              name=5            ; k
               35        Call                  argc=0
               36        Pop
               37     1  Reraise
               38        Swap                  n=2
               39        PopExcept
               40        Reraise
               41        LoadConst             k=0               ; None
               42        ReturnValue
              exception table:
                0 to 3 -> 7 [depth 0]
                12 to 16 -> 21 [depth 1]
                7 to 16 -> 26 [depth 1]
                21 to 26 -> 26 [depth 1]
                0 to 29 -> 33 [depth 0]
                33 to 38 -> 38 [depth 1]
        "#]],
    );
}

#[test]
fn dis_with_calls_exit_on_both_paths() {
    check(
        "with open(p) as f:\n    r = f.read()\n",
        expect![[r#"
        code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=4
            0     1  LoadName              name=0            ; open
            1        LoadName              name=1            ; p
            2        Call                  argc=1
            3        BeforeWith
            4        StoreName             name=2            ; f
            5     2  LoadName              name=2            ; f
            6        LoadMethod            name=3, cache=0   ; read
            7        CallMethod            argc=0
            8        StoreName             name=4            ; r
            9     1  LoadConst             k=0               ; None
           10        LoadConst             k=0               ; None
           11        LoadConst             k=0               ; None
           12        Call                  argc=3
           13        Pop
           14        Jump                  target=26         ; to 26
           15        PushExcInfo
           16        WithExceptStart
           17        PopJumpIfTrue         target=19         ; to 19
           18        Reraise
           19        Pop
           20        PopExcept
           21        Pop
           22        Jump                  target=26         ; to 26
           23        Swap                  n=2
           24        PopExcept
           25        Reraise
           26        LoadConst             k=0               ; None
           27        ReturnValue
          exception table:
            4 to 9 -> 15 [depth 1]
            15 to 19 -> 23 [depth 2]
    "#]],
    );
}

#[test]
fn dis_comprehension_is_its_own_code_object() {
    check(
        "ys = [x * 2 for x in xs if x]\n",
        expect![[r#"
        code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=2
            0     1  MakeFunction          code=0, flags=0   ; <code <listcomp>>
            1        LoadName              name=0            ; xs
            2        GetIter
            3        Call                  argc=1
            4        StoreName             name=1            ; ys
            5        LoadConst             k=1               ; None
            6        ReturnValue

        code <listcomp> (qualname <listcomp>, line 1): args=1 posonly=0 kwonly=0 flags=OPTIMIZED stack=4
          locals: .0, x
            0     1  BuildList             n=0
            1        LoadFast              slot=0            ; .0
            2        ForIter               target=11         ; to 11
            3        StoreFast             slot=1            ; x
            4        LoadFast              slot=1            ; x
            5        PopJumpIfFalse        target=2          ; to 2
            6        LoadFast              slot=1            ; x
            7        LoadSmallInt          i=2
            8        BinaryOp              op=Mul            ; *
            9        ListAppend            depth=2
           10        Jump                  target=2          ; to 2
           11        ReturnValue
    "#]],
    );
}

#[test]
fn dis_generator_yield_from_uses_send() {
    check(
        "def g(it):\n    x = yield 1\n    r = yield from it\n    return r\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=1
                0     1  MakeFunction          code=0, flags=0   ; <code g>
                1        StoreName             name=0            ; g
                2        LoadConst             k=1               ; None
                3        ReturnValue

            code g (qualname g, line 1): args=1 posonly=0 kwonly=0 flags=OPTIMIZED|GENERATOR stack=2
              locals: it, x, r
                0     2  LoadSmallInt          i=1
                1        YieldValue            yf=false
                2        StoreFast             slot=1            ; x
                3     3  LoadFast              slot=0            ; it
                4        GetYieldFromIter
                5        LoadConst             k=0               ; None
                6        Send                  target=9          ; to 9
                7        YieldValue            yf=true
                8        Jump                  target=6          ; to 6
                9        StoreFast             slot=2            ; r
               10     4  LoadFast              slot=2            ; r
               11        ReturnValue
        "#]],
    );
}

#[test]
fn dis_calls_method_keyword_and_star_forms() {
    check(
        "o.m(1, k=2)\nf(*a, x=1, **kw)\n",
        expect![[r#"
        code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=5
            0     1  LoadName              name=0            ; o
            1        LoadMethod            name=1, cache=0   ; m
            2        LoadSmallInt          i=1
            3        LoadSmallInt          i=2
            4        CallMethodKw          argc=2, names=0   ; ("k",)
            5        Pop
            6     2  LoadName              name=2            ; f
            7        BuildList             n=0
            8        LoadName              name=3            ; a
            9        ListExtend            depth=1
           10        ListToTuple
           11        BuildMap              n=0
           12        LoadConst             k=1               ; "x"
           13        LoadSmallInt          i=1
           14        BuildMap              n=1
           15        DictMerge             depth=1
           16        LoadName              name=4            ; kw
           17        DictMerge             depth=1
           18        CallEx                has_kwargs=true
           19        Pop
           20        LoadConst             k=2               ; None
           21        ReturnValue
    "#]],
    );
}

#[test]
fn dis_unpacking_star_and_chained_comparison() {
    check(
        "a, *b, c = t\nr = 1 < x <= 3\n",
        expect![[r#"
        code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=3
            0     1  LoadName              name=0            ; t
            1        UnpackEx              before=1, after=1
            2        StoreName             name=1            ; a
            3        StoreName             name=2            ; b
            4        StoreName             name=3            ; c
            5     2  LoadSmallInt          i=1
            6        LoadName              name=4            ; x
            7        Swap                  n=2
            8        Copy                  n=2
            9        Compare               op=Lt             ; <
           10        JumpIfFalseOrPop      target=14         ; to 14
           11        LoadSmallInt          i=3
           12        Compare               op=Le             ; <=
           13        Jump                  target=16         ; to 16
           14        Swap                  n=2
           15        Pop
           16        StoreName             name=5            ; r
           17        LoadConst             k=0               ; None
           18        ReturnValue
    "#]],
    );
}

#[test]
fn dis_fstring_formats_each_field() {
    check(
        "s = f'{a!r:>{w}} and {b=}'\n",
        expect![[r#"
        code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=3
            0     1  LoadName              name=0            ; a
            1        LoadConst             k=0               ; ">"
            2        LoadName              name=1            ; w
            3        FormatValue           conv=None, has_spec=false
            4        BuildString           n=2
            5        FormatValue           conv=Repr, has_spec=true
            6        LoadConst             k=1               ; " and b="
            7        LoadName              name=2            ; b
            8        FormatValue           conv=Repr, has_spec=false
            9        BuildString           n=3
           10        StoreName             name=3            ; s
           11        LoadConst             k=2               ; None
           12        ReturnValue
    "#]],
    );
}

#[test]
fn dis_imports_bind_the_right_names() {
    check(
        "import a.b.c\nimport a.b as ab\nfrom .m import x as y, z\nfrom p import *\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=2
                0     1  LoadSmallInt          i=0
                1        LoadConst             k=0               ; None
                2        ImportName            name=0            ; a.b.c
                3        StoreName             name=1            ; a
                4     2  LoadSmallInt          i=0
                5        LoadConst             k=0               ; None
                6        ImportName            name=2            ; a.b
                7        ImportFrom            name=3            ; b
                8        Swap                  n=2
                9        Pop
               10        StoreName             name=4            ; ab
               11     3  LoadSmallInt          i=1
               12        LoadConst             k=1               ; ("x", "z")
               13        ImportName            name=5            ; m
               14        ImportFrom            name=6            ; x
               15        StoreName             name=7            ; y
               16        ImportFrom            name=8            ; z
               17        StoreName             name=8            ; z
               18        Pop
               19     4  LoadSmallInt          i=0
               20        LoadConst             k=2               ; ("*",)
               21        ImportName            name=9            ; p
               22        ImportStar
               23        LoadConst             k=0               ; None
               24        ReturnValue
        "#]],
    );
}

#[test]
fn dis_match_sequence_class_and_mapping_patterns() {
    check(
        "match p:\n    case [x, *rest]:\n        pass\n    case Point(x=0) | None:\n        pass\n    case {'k': v, **kw} if v:\n        pass\n    case _:\n        pass\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=5
                0     1  LoadName              name=0            ; p
                1     2  Copy                  n=1
                2        MatchSequence
                3        PopJumpIfFalse        target=14         ; to 14
                4        GetLen
                5        LoadSmallInt          i=1
                6        Compare               op=Ge             ; >=
                7        PopJumpIfFalse        target=14         ; to 14
                8        UnpackEx              before=1, after=0
                9        StoreName             name=1            ; x
               10        StoreName             name=2            ; rest
               11     1  Pop
               12     3  Nop
               13        Jump                  target=66         ; to 66
               14        Pop
               15     4  Copy                  n=1
               16        Copy                  n=1
               17        LoadName              name=3            ; Point
               18        LoadConst             k=0               ; ("x",)
               19        MatchClass            argc=0
               20        Copy                  n=1
               21        PopJumpIfNone         target=28         ; to 28
               22        UnpackSequence        n=1
               23        LoadSmallInt          i=0
               24        Compare               op=Eq             ; ==
               25        PopJumpIfFalse        target=29         ; to 29
               26        Pop
               27        Jump                  target=32         ; to 32
               28        Pop
               29        LoadConst             k=1               ; None
               30        Compare               op=Is             ; is
               31        PopJumpIfFalse        target=35         ; to 35
               32     1  Pop
               33     5  Nop
               34        Jump                  target=66         ; to 66
               35     6  Copy                  n=1
               36        MatchMapping
               37        PopJumpIfFalse        target=59         ; to 59
               38        GetLen
               39        LoadSmallInt          i=1
               40        Compare               op=Ge             ; >=
               41        PopJumpIfFalse        target=59         ; to 59
               42        LoadConst             k=2               ; "k"
               43        BuildTuple            n=1
               44        MatchKeys
               45        Copy                  n=1
               46        PopJumpIfNone         target=57         ; to 57
               47        UnpackSequence        n=1
               48        StoreName             name=4            ; v
               49        CopyDictWithoutKeys
               50        StoreName             name=5            ; kw
               51        Pop
               52        LoadName              name=4            ; v
               53        PopJumpIfFalse        target=60         ; to 60
               54     1  Pop
               55     7  Nop
               56        Jump                  target=66         ; to 66
               57        Pop
               58        Pop
               59        Pop
               60     8  Copy                  n=1
               61        Pop
               62     1  Pop
               63     9  Nop
               64        Jump                  target=66         ; to 66
               65     1  Pop
               66        LoadConst             k=1               ; None
               67        ReturnValue
        "#]],
    );
}

#[test]
fn dis_break_in_try_finally_inlines_the_final_body() {
    check(
        "def f():\n    for x in y:\n        try:\n            break\n        finally:\n            g()\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=1
                0     1  MakeFunction          code=0, flags=0   ; <code f>
                1        StoreName             name=0            ; f
                2        LoadConst             k=1               ; None
                3        ReturnValue

            code f (qualname f, line 1): args=0 posonly=0 kwonly=0 flags=OPTIMIZED stack=4
              locals: x
                0     2  LoadGlobal            name=0, cache=0   ; y
                1        GetIter
                2        ForIter               target=22         ; to 22
                3        StoreFast             slot=0            ; x
                4     6  LoadGlobal            name=1, cache=1   ; g
                5        Call                  argc=0
                6        Pop
                7     4  Pop
                8        Jump                  target=22         ; to 22
                9     6  LoadGlobal            name=1, cache=2   ; g
               10        Call                  argc=0
               11        Pop
               12        Jump                  target=21         ; to 21
               13     3  PushExcInfo
               14     6  LoadGlobal            name=1, cache=3   ; g
               15        Call                  argc=0
               16        Pop
               17     3  Reraise
               18        Swap                  n=2
               19        PopExcept
               20        Reraise
               21     2  Jump                  target=2          ; to 2
               22     6  LoadConst             k=0               ; None
               23        ReturnValue
              exception table:
                13 to 18 -> 18 [depth 2]
        "#]],
    );
}

#[test]
fn dis_lambda_defaults_and_decorators() {
    check(
        "@d\ndef f(a, b=1, *, c=2, **kw):\n    return lambda q=a: q\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=4
                0     1  LoadName              name=0            ; d
                1     2  LoadSmallInt          i=1
                2     1  BuildTuple            n=1
                3        LoadConst             k=0               ; "c"
                4     2  LoadSmallInt          i=2
                5     1  BuildMap              n=1
                6        MakeFunction          code=1, flags=3   ; <code f>
                7        Call                  argc=1
                8        StoreName             name=1            ; f
                9        LoadConst             k=2               ; None
               10        ReturnValue

            code f (qualname f, line 1): args=2 posonly=0 kwonly=1 flags=OPTIMIZED|VARKEYWORDS stack=1
              locals: a, b, c, kw
                0     3  LoadFast              slot=0            ; a
                1        BuildTuple            n=1
                2        MakeFunction          code=0, flags=1   ; <code f.<locals>.<lambda>>
                3        ReturnValue

            code <lambda> (qualname f.<locals>.<lambda>, line 3): args=1 posonly=0 kwonly=0 flags=OPTIMIZED|NESTED stack=1
              locals: q
                0     3  LoadFast              slot=0            ; q
                1        ReturnValue
        "#]],
    );
}

#[test]
fn dis_future_annotations_are_source_strings() {
    check(
        "from __future__ import annotations\ndef f(x: Foo) -> List[int]: pass\n",
        expect![[r#"
            code <module> (qualname <module>, line 1): args=0 posonly=0 kwonly=0 flags=- stack=4
                0     1  LoadSmallInt          i=0
                1        LoadConst             k=0               ; ("annotations",)
                2        ImportName            name=0            ; __future__
                3        ImportFrom            name=1            ; annotations
                4        StoreName             name=1            ; annotations
                5        Pop
                6     2  LoadConst             k=1               ; "x"
                7        LoadConst             k=2               ; "Foo"
                8        LoadConst             k=3               ; "return"
                9        LoadConst             k=4               ; "List[int]"
               10        BuildMap              n=2
               11        MakeFunction          code=5, flags=4   ; <code f>
               12        StoreName             name=2            ; f
               13        LoadConst             k=6               ; None
               14        ReturnValue

            code f (qualname f, line 2): args=1 posonly=0 kwonly=0 flags=OPTIMIZED stack=1
              locals: x
                0     2  Nop
                1        LoadConst             k=0               ; None
                2        ReturnValue
        "#]],
    );
}

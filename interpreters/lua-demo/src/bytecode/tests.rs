//! Tests of the bytecode helpers: instruction size, jump helpers and debug naming.

use super::*;
use crate::compiler::compile;

fn main_proto(source: &str) -> Rc<Proto> {
    compile(source.as_bytes(), "x.lua").unwrap_or_else(|e| panic!("compile error: {e}"))
}

/// The pc of the last instruction matching `pred` in `proto`.
fn last_pc(proto: &Proto, pred: impl Fn(&Insn) -> bool) -> usize {
    proto
        .code
        .iter()
        .rposition(pred)
        .expect("instruction not found")
}

fn call_name(source: &str) -> Option<(NameKind, String)> {
    let proto = main_proto(source);
    let pc = last_pc(&proto, |insn| {
        matches!(insn, Insn::Call { .. } | Insn::TForCall { .. })
    });
    proto.describe_call(pc)
}

fn named(kind: NameKind, name: &str) -> Option<(NameKind, String)> {
    Some((kind, name.to_string()))
}

#[test]
fn insn_fits_in_eight_bytes() {
    assert!(size_of::<Insn>() <= 8);
}

#[test]
fn describe_call_names_functions_as_lua_does() {
    assert_eq!(call_name("f()"), named(NameKind::Global, "f"));
    assert_eq!(call_name("local f; f()"), named(NameKind::Local, "f"));
    assert_eq!(call_name("local t = {} t.x()"), named(NameKind::Field, "x"));
    assert_eq!(
        call_name("local t = {} t:m()"),
        named(NameKind::Method, "m")
    );
    assert_eq!(
        call_name("local t = {} t['y']()"),
        named(NameKind::Field, "y")
    );
    assert_eq!(
        call_name("local t = {} t[1]()"),
        named(NameKind::Field, "integer index")
    );
    assert_eq!(
        call_name("local t, k = {}, 'x' t[k]()"),
        named(NameKind::Field, "?")
    );
    assert_eq!(call_name("('abc')()"), named(NameKind::Constant, "abc"));
    assert_eq!(call_name("a.b.c()"), named(NameKind::Field, "c"));
    assert_eq!(
        call_name("for k in next, {} do end"),
        named(NameKind::ForIterator, "for iterator")
    );
    // A local named _ENV makes field accesses on it "global", as in Lua.
    assert_eq!(
        call_name("local _ENV = {} f()"),
        named(NameKind::Global, "f")
    );
}

#[test]
fn describe_call_in_nested_function_names_upvalues() {
    let main = main_proto("local u; return function() u() end");
    let inner = &main.protos[0];
    let pc = last_pc(inner, |insn| matches!(insn, Insn::Call { .. }));
    assert_eq!(inner.describe_call(pc), named(NameKind::Upvalue, "u"));
}

#[test]
fn describe_reg_ignores_writes_a_jump_may_skip() {
    // The called value comes from either branch of `and`/`or`: Lua gives no name.
    assert_eq!(call_name("local c; (c and f or g)()"), None);
}

#[test]
fn describe_reg_follows_moves_to_the_named_source() {
    let proto = main_proto("local t = {}\nlocal s = 'a' .. t");
    let pc = last_pc(&proto, |insn| matches!(insn, Insn::Concat { .. }));
    let Insn::Concat { a, .. } = proto.code[pc] else {
        unreachable!()
    };
    // The second operand register was filled by a MOVE from local `t`.
    assert_eq!(proto.describe_reg(pc, a + 1), named(NameKind::Local, "t"));
    // The first one was loaded from a string constant.
    assert_eq!(proto.describe_reg(pc, a), named(NameKind::Constant, "a"));
}

#[test]
fn describe_reg_names_indexed_tables() {
    let proto = main_proto("x.y.z = 1");
    let pc = last_pc(&proto, |insn| matches!(insn, Insn::SetFieldK { .. }));
    let Insn::SetFieldK { t, .. } = proto.code[pc] else {
        unreachable!()
    };
    assert_eq!(proto.describe_reg(pc, t), named(NameKind::Field, "y"));
    let get_y = last_pc(&proto, |insn| matches!(insn, Insn::GetField { .. }));
    let Insn::GetField { t, .. } = proto.code[get_y] else {
        unreachable!()
    };
    assert_eq!(proto.describe_reg(get_y, t), named(NameKind::Global, "x"));
}

#[test]
fn describe_call_names_metamethods_of_other_instructions() {
    let proto = main_proto(
        "local a, b = ...\nlocal c = a + b\nlocal d = a.x\nlocal e = #a\nlocal f = a < b",
    );
    let add = last_pc(&proto, |insn| matches!(insn, Insn::Arith { .. }));
    assert_eq!(proto.describe_call(add), named(NameKind::Metamethod, "add"));
    let index = last_pc(&proto, |insn| matches!(insn, Insn::GetField { .. }));
    assert_eq!(
        proto.describe_call(index),
        named(NameKind::Metamethod, "index")
    );
    let len = last_pc(&proto, |insn| matches!(insn, Insn::Len { .. }));
    assert_eq!(proto.describe_call(len), named(NameKind::Metamethod, "len"));
    let lt = last_pc(&proto, |insn| matches!(insn, Insn::Lt { .. }));
    assert_eq!(proto.describe_call(lt), named(NameKind::Metamethod, "lt"));
}

#[test]
fn backedges_are_loop_closing_jumps() {
    let proto = main_proto(
        "for i = 1, 2 do end\nfor k in next, {} do end\nwhile x do end\nrepeat until y\n::l:: if z then goto l end",
    );
    let backedges: Vec<&str> = proto
        .code
        .iter()
        .enumerate()
        .filter(|(pc, insn)| insn.is_backedge(*pc as u32))
        .map(|(_, insn)| insn.opname())
        .collect();
    assert_eq!(backedges, ["FORLOOP", "TFORLOOP", "JMP", "TEST", "JMP"]);
}

#[test]
fn successors_follow_jumps_and_skips() {
    let jmp = Insn::Jmp { target: 7 };
    assert_eq!(jmp.successors(3).collect::<Vec<_>>(), [7]);
    let test = Insn::Test {
        a: 0,
        jump_if: true,
        target: 9,
    };
    assert_eq!(test.successors(3).collect::<Vec<_>>(), [4, 9]);
    assert_eq!(
        Insn::LoadFalseSkip { a: 0 }
            .successors(3)
            .collect::<Vec<_>>(),
        [5]
    );
    assert_eq!(Insn::Return0.successors(3).count(), 0);
    assert_eq!(
        Insn::ForLoop { a: 0, body: 1 }
            .successors(3)
            .collect::<Vec<_>>(),
        [4, 1]
    );
    assert_eq!(
        Insn::Move { a: 0, b: 1 }.successors(3).collect::<Vec<_>>(),
        [4]
    );
}

#[test]
fn local_name_is_scoped_by_pc_range() {
    let proto = main_proto("local a = 1\ndo local b = 2; f(b) end\nlocal c = 3; f(c)");
    let names: Vec<(String, u8)> = proto
        .locvars
        .iter()
        .map(|var| (var.name.to_string(), var.reg))
        .collect();
    assert_eq!(
        names,
        [
            ("a".to_string(), 0),
            ("b".to_string(), 1),
            ("c".to_string(), 1)
        ]
    );
    let b = &proto.locvars[1];
    assert_eq!(
        proto
            .local_name(1, b.start_pc as usize)
            .map(|n| n.to_string()),
        Some("b".into())
    );
    let c = &proto.locvars[2];
    assert_eq!(
        proto
            .local_name(1, c.start_pc as usize)
            .map(|n| n.to_string()),
        Some("c".into())
    );
}

fn live_at(proto: &Proto, pc: usize) -> Vec<String> {
    let live = proto.live_registers();
    live[pc]
        .iter()
        .map(|reg| {
            proto
                .local_name(reg, pc)
                .map_or(format!("R{reg}"), |name| name.to_string())
        })
        .collect()
}

#[test]
fn liveness_ends_at_the_last_read() {
    let proto = main_proto("local a, b = f()\nlocal c = a + b\ng(c)\nreturn 1");
    let add = last_pc(&proto, |insn| matches!(insn, Insn::Arith { .. }));
    assert_eq!(live_at(&proto, add), ["a", "b"]);
    let call_g = last_pc(&proto, |insn| matches!(insn, Insn::Call { .. }));
    // `c` was copied into the argument register; `a`, `b` and `c` are dead.
    assert_eq!(live_at(&proto, call_g), ["R3", "R4"]);
}

#[test]
fn liveness_keeps_captured_locals_live_through_their_scope() {
    let proto = main_proto("local x = 1\nlocal f = function() return x end\ng()\nreturn 2");
    let call_g = last_pc(&proto, |insn| matches!(insn, Insn::Call { .. }));
    // `x` is never read by this function again, but `f` may read it through its upvalue.
    assert_eq!(live_at(&proto, call_g), ["x", "R2"]);
    // It is live from its initialisation on, before its debug scope starts.
    let load = proto
        .code
        .iter()
        .position(|insn| matches!(insn, Insn::LoadI { .. }))
        .unwrap();
    assert_eq!(live_at(&proto, load + 1), ["x"]);
}

#[test]
fn liveness_keeps_loop_state_live_around_the_loop() {
    let proto = main_proto("local s = 0\nfor i = 1, 3 do s = s + i end\nreturn s");
    let body = last_pc(&proto, |insn| matches!(insn, Insn::Arith { .. }));
    assert_eq!(
        live_at(&proto, body),
        ["s", "(for state)", "(for state)", "(for state)", "i"]
    );
    let ret = last_pc(&proto, |insn| matches!(insn, Insn::Return { n: 1, .. }));
    assert_eq!(live_at(&proto, ret), ["s"]);
}

#[test]
fn liveness_keeps_to_be_closed_variables_live() {
    let proto = main_proto("local x <close> = f()\ng()\nreturn 1");
    let call_g = last_pc(&proto, |insn| matches!(insn, Insn::Call { .. }));
    assert_eq!(live_at(&proto, call_g), ["x", "R1"]);
}

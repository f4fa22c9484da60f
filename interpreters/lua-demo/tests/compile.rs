//! Compiler integration tests: Lua programs compiled by `lua_demo::compiler` and run on a small
//! reference VM (`compile/vm.rs`) must print exactly what `lua5.4` printed for them.
//!
//! The programs are `compile/programs/*.lua`; next to each, `*.out` is `lua5.4`'s output,
//! recorded with `cd tests/compile && for f in programs/*.lua; do lua5.4 $f > ${f%.lua}.out; done`
//! (Lua 5.4.4). These tests check the compiler's code (operand order, registers, jumps,
//! upvalues, scoping, debug names in error messages), not a runtime: the reference VM exists only
//! to execute instructions exactly as `lua_demo::bytecode` documents them.

#[path = "compile/vm.rs"]
mod vm;

use std::fs;
use std::path::Path;
use std::rc::Rc;

use lua_demo::bytecode::{Insn, Proto};
use lua_demo::compiler::compile;

/// Compiles and runs `source`; returns what it printed (bytes: Lua strings need not be UTF-8).
fn run_bytes(source: &[u8], chunkname: &str) -> Vec<u8> {
    run_with(source, chunkname, false)
}

fn run_with(source: &[u8], chunkname: &str, poison_dead: bool) -> Vec<u8> {
    let proto = match compile(source, chunkname) {
        Ok(proto) => proto,
        Err(e) => return format!("compile error: {e}\n").into_bytes(),
    };
    let mut vm = vm::Vm::new();
    vm.poison_dead = poison_dead;
    let result = vm.run_main(proto);
    let mut out = std::mem::take(&mut vm.out);
    if let Err(e) = result {
        out.extend_from_slice(b"lua5.4: ");
        match e {
            vm::Value::Str(s) => out.extend_from_slice(&s),
            _ => out.extend_from_slice(b"(error object)"),
        }
        out.push(b'\n');
    }
    out
}

fn run(source: &[u8], chunkname: &str) -> String {
    String::from_utf8_lossy(&run_bytes(source, chunkname)).into_owned()
}

#[test]
fn programs_print_what_lua_prints() {
    check_programs(false);
}

/// `Proto::live_registers` is checked by destroying every register it calls dead before each
/// instruction: the programs must still print the same.
#[test]
fn programs_do_not_read_registers_called_dead() {
    check_programs(true);
}

fn check_programs(poison_dead: bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compile/programs");
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "lua"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 6, "programs missing in {}", dir.display());
    let mut failures = Vec::new();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = fs::read(&path).unwrap();
        let expected_bytes = fs::read(path.with_extension("out")).unwrap();
        let got_bytes = run_with(&source, &format!("programs/{name}"), poison_dead);
        if got_bytes != expected_bytes {
            let got = String::from_utf8_lossy(&got_bytes);
            let expected = String::from_utf8_lossy(&expected_bytes);
            let first_diff = got
                .lines()
                .zip(expected.lines())
                .position(|(g, e)| g != e)
                .unwrap_or(got.lines().count().min(expected.lines().count()));
            failures.push(format!(
                "{name}: first difference at output line {}\n  expected: {:?}\n       got: {:?}",
                first_diff + 1,
                expected.lines().nth(first_diff),
                got.lines().nth(first_diff)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Generated functions with many constants: the compiler must fall back from constant operands
/// to registers when an index does not fit an instruction's field (8 bits for `EqK`, 16 for
/// `SetFieldK`/`ArithK`), and stay correct.
#[test]
fn many_constants_fall_back_to_registers() {
    let mut source = String::from("local t = {");
    for i in 0..70_000 {
        source.push_str(&format!("'s{i}', "));
    }
    source.push_str("}\n");
    // These use constants numbered above 65535.
    source.push_str(
        "local x = t[70000]\n\
         local ok = x == 's69999' and x ~= 's1'\n\
         local r = {}\n\
         r.far_key_70001 = 'far value 70002'\n\
         r[x] = 1.25\n\
         local n = #t - 69997 + 0.125 + 70003.5\n\
         print(ok, r.far_key_70001, r.s69999, n, #t, 2.75 * n)\n",
    );
    assert_eq!(
        run(source.as_bytes(), "big.lua"),
        "true\tfar value 70002\t1.25\t70006.625\t70000\t192518.21875\n"
    );
}

fn all_protos(proto: &Rc<Proto>, out: &mut Vec<Rc<Proto>>) {
    out.push(proto.clone());
    for child in &proto.protos {
        all_protos(child, out);
    }
}

/// Structural invariants of every compiled function of the test programs.
#[test]
fn compiled_code_is_well_formed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/compile/programs");
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "lua") {
            continue;
        }
        let main = compile(&fs::read(&path).unwrap(), "x.lua").unwrap();
        let mut protos = Vec::new();
        all_protos(&main, &mut protos);
        for proto in protos {
            assert_eq!(proto.code.len(), proto.lines.len());
            let len = proto.code.len() as u32;
            for (pc, insn) in proto.code.iter().enumerate() {
                for target in insn.successors(pc as u32) {
                    assert!(
                        target <= len,
                        "{}: jump out of code at pc {pc}: {insn:?}",
                        path.display()
                    );
                }
                if let Insn::TestSet { a, .. } = insn {
                    assert_ne!(*a, u8::MAX, "unpatched TESTSET");
                }
            }
            // Execution never runs off the end: the last instruction is a return.
            assert!(matches!(
                proto.code.last(),
                Some(Insn::Return { .. } | Insn::Return0)
            ));
            for var in &proto.locvars {
                assert!(
                    var.start_pc <= var.end_pc && var.end_pc <= len,
                    "bad local range {var:?}"
                );
                assert!(var.reg < proto.max_stack);
            }
        }
    }
}

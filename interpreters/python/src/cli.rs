//! The `pyvgc` command line: run a script, `-c` code, `-m` module, or an interactive prompt.
//!
//! Options: `--no-jit`, `--jit-threshold N`, `--stats` (JIT and VGC statistics to stderr at
//! exit), `--dis` (print the bytecode instead of running), `-V`/`--version`, `-h`/`--help`.
//! Uncaught exceptions print a CPython 3.11 style traceback (File/line/name lines with the source
//! line; the `^^^^` markers CPython adds in some cases are not printed) and exit with status 1;
//! `SystemExit` exits with its code. The interpreter runs on a thread with a large native stack,
//! because native code that calls back into Python (`sorted(key=...)`, `__eq__`, `__init__`)
//! nests Rust frames; Python-to-Python calls do not.

use std::io::Write;
use std::rc::Rc;

use metatrace::JitConfig;

use crate::runtime::ops;
use crate::runtime::{PyErr, Value, Vm};

const USAGE: &str = "usage: pyvgc [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options:
  -c cmd             program passed in as string
  -m mod             run library module as a script
  -h, --help         print this help message and exit
  -V, --version      print the Python version number and exit
  --no-jit           run without the JIT compiler
  --jit-threshold N  record a loop after N iterations (default 1000)
  --stats            print JIT and GC statistics to stderr at exit
  --dis              print the compiled bytecode instead of running
";

enum Target {
    Script(String),
    Command(String),
    Module(String),
    Repl,
}

/// Runs the command line `args` (without the program name); returns the exit status.
pub fn main(args: Vec<String>) -> i32 {
    let mut config = JitConfig::default();
    let mut stats = false;
    let mut dis = false;
    let mut target = None;
    let mut rest: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "--no-jit" => config.enabled = false,
            "--jit-threshold" => {
                i += 1;
                match args.get(i).and_then(|n| n.parse::<u32>().ok()) {
                    Some(n) => config = config.with_threshold(n),
                    None => {
                        eprintln!("pyvgc: '--jit-threshold' needs a number\n{USAGE}");
                        return 2;
                    }
                }
            }
            "--stats" => stats = true,
            "--dis" => dis = true,
            "-V" | "--version" => {
                println!(
                    "pyvgc {} (Python 3.11 compatible)",
                    env!("CARGO_PKG_VERSION")
                );
                return 0;
            }
            "-h" | "--help" => {
                print!("{USAGE}");
                return 0;
            }
            "-c" | "-m" => {
                i += 1;
                let Some(v) = args.get(i) else {
                    eprintln!("Argument expected for the {a} option\n{USAGE}");
                    return 2;
                };
                target = Some(if a == "-c" {
                    Target::Command(v.clone())
                } else {
                    Target::Module(v.clone())
                });
                rest = args[i + 1..].to_vec();
                break;
            }
            "-" => {
                target = Some(Target::Script("-".into()));
                rest = args[i + 1..].to_vec();
                break;
            }
            s if s.starts_with('-') => {
                eprintln!("Unknown option: {s}\n{USAGE}");
                return 2;
            }
            _ => {
                target = Some(Target::Script(a.to_string()));
                rest = args[i + 1..].to_vec();
                break;
            }
        }
        i += 1;
    }
    let target = target.unwrap_or(Target::Repl);
    let child = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(move || run(config, stats, dis, target, rest));
    match child.and_then(|h| {
        h.join()
            .map_err(|_| std::io::Error::other("interpreter thread panicked"))
    }) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pyvgc: internal error: {e}");
            70
        }
    }
}

fn run(config: JitConfig, stats: bool, dis: bool, target: Target, rest: Vec<String>) -> i32 {
    let out: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(
        1 << 16,
        std::io::stdout(),
    ));
    let mut vm = Vm::new(config, out);
    if let Ok(p) = std::env::var("PYTHONPATH") {
        vm.sys_path
            .extend(p.split(':').filter(|s| !s.is_empty()).map(String::from));
    }
    let code = match target {
        Target::Script(path) => {
            let source = if path == "-" {
                let mut s = String::new();
                let _ = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s);
                s
            } else {
                match std::fs::read(&path) {
                    Ok(b) => String::from_utf8_lossy(&b).into_owned(),
                    Err(e) => {
                        eprintln!(
                            "pyvgc: can't open file '{path}': [Errno {}] {}",
                            e.raw_os_error().unwrap_or(2),
                            if e.kind() == std::io::ErrorKind::NotFound {
                                "No such file or directory".to_string()
                            } else {
                                e.to_string()
                            }
                        );
                        return 2;
                    }
                }
            };
            let dir = std::path::Path::new(&path)
                .parent()
                .map(|p| p.to_string_lossy().to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| ".".into());
            let dir = std::fs::canonicalize(&dir)
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or(dir);
            vm.script_dir = if path == "-" { ".".into() } else { dir };
            vm.argv = std::iter::once(path.clone()).chain(rest).collect();
            // CPython 3.11 reports the main script by its absolute path.
            let name = if path == "-" {
                "<stdin>".to_string()
            } else {
                std::fs::canonicalize(&path)
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or(path.clone())
            };
            run_source(&mut vm, &source, &name, dis)
        }
        Target::Command(cmd) => {
            vm.argv = std::iter::once("-c".to_string()).chain(rest).collect();
            run_source(&mut vm, &cmd, "<string>", dis)
        }
        Target::Module(m) => {
            vm.argv = std::iter::once(m.clone()).chain(rest).collect();
            let rel = m.replace('.', "/");
            let candidates = [format!("{rel}.py"), format!("{rel}/__main__.py")];
            let mut found = None;
            let mut dirs = vec![".".to_string()];
            dirs.extend(vm.sys_path.clone());
            'outer: for d in &dirs {
                for c in &candidates {
                    let p = std::path::Path::new(d).join(c);
                    if p.is_file() {
                        found = Some(p);
                        break 'outer;
                    }
                }
            }
            match found {
                Some(p) => {
                    let source = std::fs::read_to_string(&p).unwrap_or_default();
                    let name = p.to_string_lossy().to_string();
                    vm.argv[0] = name.clone();
                    run_source(&mut vm, &source, &name, dis)
                }
                None => {
                    eprintln!("pyvgc: No module named {m}");
                    1
                }
            }
        }
        Target::Repl => repl(&mut vm),
    };
    let _ = vm.out.borrow_mut().flush();
    if stats {
        eprint!("{}", vm.jit.stats);
        eprintln!("GC (VGC) per zone:");
        eprintln!("{}", vm.heap.stats());
    }
    code
}

/// The `__main__` module's namespace.
fn main_module(vm: &mut Vm, filename: &str) -> vgc::Gc<crate::runtime::object::Obj> {
    let m = vm.new_module("__main__");
    let d = Vm::module_dict(m).expect("module dict");
    if filename != "<string>" && filename != "<stdin>" {
        let f = vm.new_str(filename);
        ops::dict_set_str(vm, d, "__file__", f);
    }
    let b = Value::obj(vm.builtins);
    ops::dict_set_str(vm, d, "__builtins__", b);
    let k = vm.intern("__main__");
    let mods = vm.modules;
    let _ = ops::dict_set(vm, mods, k, m);
    d
}

fn run_source(vm: &mut Vm, source: &str, filename: &str, dis: bool) -> i32 {
    let code = match crate::compiler::compile_module(source, filename) {
        Ok(c) => c,
        Err(e) => {
            let _ = vm.out.borrow_mut().flush();
            eprint!("{}", e.render());
            return 1;
        }
    };
    if dis {
        let text = crate::compiler::disassemble(&code);
        let _ = vm.out.borrow_mut().write_all(text.as_bytes());
        return 0;
    }
    let d = main_module(vm, filename);
    let code = vm.load_code(Rc::new(code));
    let r = crate::runtime::interp::run_code(vm, code, d, Value::obj(d), Value::NONE);
    match r {
        Ok(_) => 0,
        Err(e) => handle_uncaught(vm, e),
    }
}

/// Prints an uncaught exception (or handles SystemExit); returns the exit status.
pub fn handle_uncaught(vm: &mut Vm, e: PyErr) -> i32 {
    let _ = vm.out.borrow_mut().flush();
    if vm.exc_matches(e.0, "SystemExit") {
        let code = match Vm::obj_ref(e.0) {
            Some(o) => ops::get_instance_attr(o, "code").unwrap_or(Value::NONE),
            None => Value::NONE,
        };
        if code.is_none() {
            return 0;
        }
        if let Some(i) = ops::as_i64(code) {
            return i as i32;
        }
        let s = ops::to_str(vm, code).unwrap_or_default();
        eprintln!("{s}");
        return 1;
    }
    let text = crate::runtime::lib::pyvgc_traceback::format_exception(vm, e.0);
    eprint!("{text}");
    1
}

fn repl(vm: &mut Vm) -> i32 {
    vm.argv = vec![String::new()];
    let d = main_module(vm, "<stdin>");
    println!(
        "pyvgc {} (Python 3.11 compatible)",
        env!("CARGO_PKG_VERSION")
    );
    let mut rl = match rustyline::DefaultEditor::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("pyvgc: cannot start the prompt: {e}");
            return 1;
        }
    };
    loop {
        let mut src = match rl.readline(">>> ") {
            Ok(l) => l,
            Err(rustyline::error::ReadlineError::Interrupted) => {
                eprintln!("KeyboardInterrupt");
                continue;
            }
            Err(_) => return 0,
        };
        if src.trim().is_empty() {
            continue;
        }
        // A compound statement continues until an empty line.
        if src.trim_end().ends_with(':') || src.trim_end().ends_with('\\') {
            loop {
                match rl.readline("... ") {
                    Ok(l) if l.trim().is_empty() => break,
                    Ok(l) => {
                        src.push('\n');
                        src.push_str(&l);
                    }
                    Err(_) => break,
                }
            }
        }
        let _ = rl.add_history_entry(src.as_str());
        src.push('\n');
        let code = match crate::compiler::compile_interactive(&src, "<stdin>") {
            Ok(c) => c,
            Err(e) => {
                eprint!("{}", e.render());
                continue;
            }
        };
        let code = vm.load_code(Rc::new(code));
        let r = crate::runtime::interp::run_code(vm, code, d, Value::obj(d), Value::NONE);
        let _ = vm.out.borrow_mut().flush();
        if let Err(e) = r {
            if vm.exc_matches(e.0, "SystemExit") {
                return handle_uncaught(vm, e);
            }
            handle_uncaught(vm, e);
        }
    }
}

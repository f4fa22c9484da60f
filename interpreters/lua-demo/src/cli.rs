//! The `lua-demo` command line: `lua-demo [options] [script [args]]`, like `lua5.4`'s.
//!
//! Options: `--no-jit`, `--jit-threshold N`, `--stats`, `-e chunk`, `-v`/`--version`, `-h`/`--help`;
//! with no script, a REPL. Errors print as lua5.4 prints them, with `lua-demo:` as the program name,
//! and exit with status 1.

use std::io::{IsTerminal, Read, Write};

use metatrace::JitConfig;

use crate::state::{LuaError, State};
use crate::value::Value;

const USAGE: &str = "usage: lua-demo [options] [script [args]]
Available options are:
  -e stat            execute string 'stat'
  -v, --version      show version information
  --no-jit           run without the JIT compiler
  --jit-threshold N  record a loop after N iterations (default 1000)
  --stats            print JIT statistics to stderr at exit
  --                 stop handling options
  -                  execute stdin and stop handling options
";

/// Runs the command line with `args` (without argv\[0\]) and returns the process exit code.
pub fn main(args: Vec<String>) -> i32 {
    let mut config = JitConfig::default();
    let mut stats = false;
    let mut chunks: Vec<String> = Vec::new();
    let mut script: Option<String> = None;
    let mut script_args: Vec<String> = Vec::new();
    let mut version = false;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        match a.as_str() {
            "--no-jit" => config.enabled = false,
            "--jit-threshold" => {
                i += 1;
                match args.get(i).and_then(|n| n.parse::<u32>().ok()) {
                    Some(n) => config = config.with_threshold(n),
                    None => {
                        eprintln!("lua-demo: '--jit-threshold' needs a number\n{USAGE}");
                        return 1;
                    }
                }
            }
            "--stats" => stats = true,
            "-v" | "--version" => {
                println!(
                    "lua-demo {} (Lua 5.4 on metatrace)",
                    env!("CARGO_PKG_VERSION")
                );
                version = true;
            }
            "-h" | "--help" => {
                print!("{USAGE}");
                return 0;
            }
            "-e" => {
                i += 1;
                match args.get(i) {
                    Some(c) => chunks.push(c.clone()),
                    None => {
                        eprintln!("lua-demo: '-e' needs argument\n{USAGE}");
                        return 1;
                    }
                }
            }
            "--" => {
                i += 1;
                if i < args.len() {
                    script = Some(args[i].clone());
                    script_args = args[i + 1..].to_vec();
                }
                break;
            }
            s if s.starts_with('-') && s != "-" => {
                eprintln!("lua-demo: unrecognized option '{s}'\n{USAGE}");
                return 1;
            }
            _ => {
                script = Some(a.clone());
                script_args = args[i + 1..].to_vec();
                break;
            }
        }
        i += 1;
    }
    if version && script.is_none() && chunks.is_empty() {
        return 0;
    }
    // Deep Lua recursion does not use the native stack, but nested native calls (metamethods,
    // pcall, sort comparators) do: give the interpreter a large stack of its own.
    let child = std::thread::Builder::new()
        .stack_size(512 << 20)
        .spawn(move || run(config, stats, chunks, script, script_args));
    match child.and_then(|h| {
        h.join()
            .map_err(|_| std::io::Error::other("interpreter thread panicked"))
    }) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lua-demo: internal error: {e}");
            70
        }
    }
}

fn run(
    config: JitConfig,
    stats: bool,
    chunks: Vec<String>,
    script: Option<String>,
    script_args: Vec<String>,
) -> i32 {
    let mut st = State::new(config);
    // This thread's 512 MiB stack (see above) leaves room for deep compiled recursion: compiled
    // code calling compiled code may use 64 MiB of it (a level takes under 200 bytes) before
    // calls go through the portal. `State::new` keeps the JIT's default, as library users and
    // tests run on ordinary threads.
    st.jit.config.max_call_stack = 64 << 20;
    let code = run_all(&mut st, &chunks, script, script_args);
    st.flush_output();
    if stats {
        eprint!("{}", st.jit.stats);
        eprintln!("GC (VGC) per zone:");
        eprintln!("{}", st.heap.gc.stats());
    }
    code
}

fn run_all(
    st: &mut State,
    chunks: &[String],
    script: Option<String>,
    script_args: Vec<String>,
) -> i32 {
    // The `arg` table: script at 0, arguments from 1.
    let argt = st.new_table();
    if let Some(s) = &script {
        let v = st.intern(s.as_bytes());
        st.set_index(argt, Value::int(0), v).ok();
    }
    for (k, a) in script_args.iter().enumerate() {
        let v = st.intern(a.as_bytes());
        st.set_index(argt, Value::int(k as i64 + 1), v).ok();
    }
    st.set_global("arg", argt);
    for c in chunks {
        if let Err(code) = run_chunk(st, c.as_bytes(), "=(command line)", &[]) {
            return code;
        }
    }
    match script {
        Some(path) => {
            let source = if path == "-" {
                let mut buf = Vec::new();
                let _ = std::io::stdin().read_to_end(&mut buf);
                Ok(buf)
            } else {
                std::fs::read(&path)
            };
            let source = match source {
                Ok(s) => s,
                Err(_) => {
                    eprintln!("lua-demo: cannot open {path}");
                    return 1;
                }
            };
            st.script_name = path.clone();
            let name = if path == "-" {
                "=stdin".to_string()
            } else {
                path.clone()
            };
            let args: Vec<Value> = script_args
                .iter()
                .map(|a| st.intern(a.as_bytes()))
                .collect();
            match run_chunk(st, &source, &name, &args) {
                Ok(()) => 0,
                Err(code) => code,
            }
        }
        None if chunks.is_empty() => repl(st),
        None => 0,
    }
}

/// Compiles and runs one chunk; on error prints it as lua5.4 does and returns the exit code.
fn run_chunk(st: &mut State, source: &[u8], chunkname: &str, args: &[Value]) -> Result<(), i32> {
    let display = chunkname
        .strip_prefix('=')
        .or_else(|| chunkname.strip_prefix('@'))
        .unwrap_or(chunkname);
    let f = match crate::interp::load(st, source, display) {
        Ok(f) => f,
        Err(msg) => {
            st.flush_output();
            eprintln!("lua-demo: {msg}");
            return Err(1);
        }
    };
    match st.call_root(f, args) {
        Ok(_) => Ok(()),
        Err(e) => {
            report(st, &e);
            Err(1)
        }
    }
}

fn report(st: &mut State, e: &LuaError) {
    st.flush_output();
    let msg = error_message(st, e);
    eprintln!("lua-demo: {msg}");
    if let Some(tb) = &e.traceback {
        eprintln!("{tb}");
    }
}

/// The text lua5.4 prints for an uncaught error (after the program name).
pub fn error_message(st: &mut State, e: &LuaError) -> String {
    match e.value.as_str() {
        Some(s) => s.to_str_lossy(),
        None if e.value.is_number() => String::from_utf8_lossy(&e.value.to_display()).into_owned(),
        None => {
            // Lua prints the __tostring of error objects when it has one.
            if !st.metamethod(e.value, crate::state::TM::ToString).is_nil() {
                match st.tostring(e.value) {
                    Ok(s) => s.as_str().map(|s| s.to_str_lossy()).unwrap_or_default(),
                    Err(_) => "(error object is not a string)".into(),
                }
            } else if e.value.is_nil() {
                "nil".into()
            } else {
                format!("(error object is a {} value)", e.value.type_name())
            }
        }
    }
}

fn repl(st: &mut State) -> i32 {
    let interactive = std::io::stdin().is_terminal();
    if interactive {
        println!(
            "lua-demo {} (Lua 5.4 on metatrace)",
            env!("CARGO_PKG_VERSION")
        );
    }
    let mut editor = if interactive {
        rustyline::DefaultEditor::new().ok()
    } else {
        None
    };
    let stdin = std::io::stdin();
    loop {
        let line = match editor.as_mut() {
            Some(ed) => match ed.readline("> ") {
                Ok(l) => {
                    let _ = ed.add_history_entry(l.as_str());
                    l
                }
                Err(_) => return 0,
            },
            None => {
                let mut l = String::new();
                match stdin.read_line(&mut l) {
                    Ok(0) | Err(_) => return 0,
                    Ok(_) => l,
                }
            }
        };
        // Like lua5.4, try the line as an expression first.
        let as_expr = format!("return {line}");
        let f = crate::interp::load(st, as_expr.as_bytes(), "stdin")
            .or_else(|_| crate::interp::load(st, line.as_bytes(), "stdin"));
        match f {
            Err(msg) => eprintln!("lua-demo: {msg}"),
            Ok(f) => match st.call_root(f, &[]) {
                Ok(vals) if !vals.is_empty() => {
                    let key = st.intern(b"print");
                    let print = st
                        .index(Value::table(st.globals), key)
                        .unwrap_or(Value::NIL);
                    if let Err(e) = st.call_value(print, &vals) {
                        report(st, &e);
                    }
                }
                Ok(_) => {}
                Err(e) => report(st, &e),
            },
        }
        st.flush_output();
        let _ = std::io::stdout().flush();
    }
}

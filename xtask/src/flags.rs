//! The `cargo xtask` command line: every subcommand and its flags, declared in one place.
//!
//! Plain std parsing into a [`Command`], so `main` only dispatches (rust-analyzer keeps its
//! `xflags` declaration in one `flags.rs` the same way). It deliberately knows nothing about how
//! a command runs; unknown flags are errors rather than ignored, except for `bench`, whose
//! arguments belong to the benchmark runner and are passed through untouched.

/// The help text printed by `cargo xtask help` and on a usage error.
pub const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  bless                     run the workspace tests with UPDATE_EXPECT=1 (rewrites expect! snapshots)
  bless-conformance [--lua-only|--python-only] [--expected-failures] [FILTER...]
                            regenerate the conformance goldens: tests/lua with lua5.4, tests/python
                            with python3 (conformance runner --bless); --expected-failures instead
                            rewrites each suite's expected-failures.txt from the current results
  bench [args]              build our interpreters in release and run the benchmark runner
                            (args go to the runner: --quick, --filter NAME, --runs N, --smoke, ...)
  fuzz <target> [--smoke] [--seconds N]
                            run a cargo-fuzz target (installs cargo-fuzz 0.13.2 if missing);
                            --smoke runs 10 s, --seconds N runs N s, neither runs until stopped
  book                      build the mdBook in book/ (installs mdbook 0.5.4 if missing)
  tidy                      run the tidy checks (//! headers, dbg!, tabs, SAFETY comments)
  help                      print this text
";

/// How long `fuzz --smoke` runs, in seconds.
pub const FUZZ_SMOKE_SECONDS: u64 = 10;

/// A parsed `cargo xtask` invocation.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Bless,
    BlessConformance {
        /// `Some("lua")`/`Some("python")`: one suite; `None`: both.
        suite: Option<&'static str>,
        /// Rewrite expected-failures.txt from a run instead of regenerating goldens.
        expected_failures: bool,
        /// Only programs whose path contains one of these.
        filters: Vec<String>,
    },
    Bench(Vec<String>),
    Fuzz {
        target: String,
        /// `None`: run until a crash or until interrupted.
        seconds: Option<u64>,
    },
    Book,
    Tidy,
    Help,
}

/// Parses the arguments after `cargo xtask`.
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((name, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    let no_args = |cmd: Command| {
        if let Some(extra) = rest.first() {
            Err(format!("`{name}` takes no arguments, got `{extra}`"))
        } else {
            Ok(cmd)
        }
    };
    match name.as_str() {
        "bless" => no_args(Command::Bless),
        "bless-conformance" => parse_bless_conformance(rest),
        "bench" => Ok(Command::Bench(rest.to_vec())),
        "fuzz" => parse_fuzz(rest),
        "book" => no_args(Command::Book),
        "tidy" => no_args(Command::Tidy),
        "help" | "-h" | "--help" => Ok(Command::Help),
        other => Err(format!("unknown command `{other}`")),
    }
}

fn parse_bless_conformance(args: &[String]) -> Result<Command, String> {
    let mut suite = None;
    let mut expected_failures = false;
    let mut filters = Vec::new();
    for arg in args {
        let only = match arg.as_str() {
            "--lua-only" => Some("lua"),
            "--python-only" => Some("python"),
            "--expected-failures" => {
                expected_failures = true;
                continue;
            }
            flag if flag.starts_with('-') => {
                return Err(format!("unknown bless-conformance flag `{flag}`"));
            }
            filter => {
                filters.push(filter.to_string());
                continue;
            }
        };
        if suite.is_some_and(|s| Some(s) != only) {
            return Err("`--lua-only` and `--python-only` exclude each other".to_string());
        }
        suite = only;
    }
    Ok(Command::BlessConformance {
        suite,
        expected_failures,
        filters,
    })
}

fn parse_fuzz(args: &[String]) -> Result<Command, String> {
    let mut target = None;
    let mut seconds = None;
    let mut smoke = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--smoke" => smoke = true,
            "--seconds" => {
                let value = it.next().ok_or("`--seconds` needs a number")?;
                let n = value
                    .parse::<u64>()
                    .map_err(|_| format!("`--seconds` needs a number, got `{value}`"))?;
                seconds = Some(n);
            }
            flag if flag.starts_with('-') => return Err(format!("unknown fuzz flag `{flag}`")),
            name if target.is_none() => target = Some(name.to_string()),
            extra => return Err(format!("`fuzz` takes one target, got a second: `{extra}`")),
        }
    }
    let target = target.ok_or("`fuzz` needs a target name (see fuzz/fuzz_targets/)")?;
    if smoke && seconds.is_none() {
        seconds = Some(FUZZ_SMOKE_SECONDS);
    }
    Ok(Command::Fuzz { target, seconds })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn no_arguments_means_help() {
        assert_eq!(parse(&[]), Ok(Command::Help));
    }

    #[test]
    fn bench_passes_every_argument_through() {
        assert_eq!(
            parse(&args("bench --quick --filter fib --runs 3")),
            Ok(Command::Bench(args("--quick --filter fib --runs 3")))
        );
    }

    #[test]
    fn fuzz_smoke_sets_a_short_time_limit() {
        assert_eq!(
            parse(&args("fuzz lua_parse --smoke")),
            Ok(Command::Fuzz {
                target: "lua_parse".into(),
                seconds: Some(FUZZ_SMOKE_SECONDS)
            })
        );
    }

    #[test]
    fn fuzz_explicit_seconds_win_over_smoke() {
        assert_eq!(
            parse(&args("fuzz --smoke jit_vs_interp --seconds 90")),
            Ok(Command::Fuzz {
                target: "jit_vs_interp".into(),
                seconds: Some(90)
            })
        );
    }

    #[test]
    fn fuzz_without_limit_runs_until_stopped() {
        assert_eq!(
            parse(&args("fuzz lua_parse")),
            Ok(Command::Fuzz {
                target: "lua_parse".into(),
                seconds: None
            })
        );
    }

    #[test]
    fn fuzz_rejects_missing_target_bad_numbers_and_unknown_flags() {
        assert!(parse(&args("fuzz")).is_err());
        assert!(parse(&args("fuzz t --seconds")).is_err());
        assert!(parse(&args("fuzz t --seconds ten")).is_err());
        assert!(parse(&args("fuzz t --fast")).is_err());
        assert!(parse(&args("fuzz t u")).is_err());
    }

    #[test]
    fn commands_without_arguments_reject_extras() {
        assert!(parse(&args("tidy --fix")).is_err());
        assert!(parse(&args("bless now")).is_err());
        assert_eq!(parse(&args("book")), Ok(Command::Book));
    }

    #[test]
    fn bless_conformance_selects_suite_mode_and_filters() {
        assert_eq!(
            parse(&args("bless-conformance")),
            Ok(Command::BlessConformance {
                suite: None,
                expected_failures: false,
                filters: vec![]
            })
        );
        assert_eq!(
            parse(&args(
                "bless-conformance --python-only --expected-failures classes/"
            )),
            Ok(Command::BlessConformance {
                suite: Some("python"),
                expected_failures: true,
                filters: args("classes/")
            })
        );
        assert!(parse(&args("bless-conformance --lua-only --python-only")).is_err());
        assert!(parse(&args("bless-conformance --fast")).is_err());
    }

    #[test]
    fn unknown_command_is_an_error() {
        assert!(parse(&args("deploy")).is_err());
    }
}

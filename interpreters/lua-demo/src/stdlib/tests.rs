//! Tests of the standard library: Lua programs run in-process, compared with lua5.4's output.
//!
//! Each program in `test_data/` exercises one rule; its `.out` file is what `lua5.4` (5.4.4)
//! printed for it, run as `lua5.4 <name>.lua` from that folder, so positions in messages name the
//! file the same way. The programs run with the JIT off: these tests are about the library, the
//! conformance suite covers the JIT modes. Regenerate an expectation with
//! `cd src/stdlib/test_data && lua5.4 <name>.lua > <name>.out`.

use metatrace::JitConfig;

use crate::run_source;

fn run(name: &str, source: &str) -> String {
    let config = JitConfig {
        enabled: false,
        ..JitConfig::default()
    };
    let out = run_source(source.as_bytes(), &format!("{name}.lua"), config);
    assert_eq!(out.error, None, "{name}.lua raised an uncaught error");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

macro_rules! golden {
    ($($name:ident)*) => {
        $(
            #[test]
            fn $name() {
                let source = include_str!(concat!("test_data/", stringify!($name), ".lua"));
                let expected = include_str!(concat!("test_data/", stringify!($name), ".out"));
                let actual = run(stringify!($name), source);
                assert_eq!(actual, expected, "output of {}.lua differs from lua5.4's", stringify!($name));
            }
        )*
    };
}

golden! {
    bad_argument_names_follow_the_call_site
    coroutine_close_and_dead_errors
    coroutine_resume_yield_status
    coroutine_wrap_errors_get_the_callers_position
    coroutine_yields_across_pcall
    error_levels_prefix_positions
    io_files_read_formats
    io_write_formats_numbers
    load_compiles_strings_and_readers
    loadfile_and_dofile_read_files
    many_suspended_coroutines_do_not_hang
    math_integer_float_rules
    math_random_matches_lua_xoshiro
    os_date_and_time_use_the_c_library
    patterns_find_match_gmatch_gsub
    pcall_closes_upvalues_of_abandoned_frames
    print_uses_tostring_and_tabs
    select_counts_and_negative_indexes
    setmetatable_protection
    string_functions_follow_lua
    table_functions_follow_lua
    table_sort_orders_and_detects_invalid_order_function
    tonumber_follows_lua_conversions
    xpcall_handler_result_and_error_in_handler
}

/// Our extension: a coroutine runs on its own native stack, so it may yield from inside a
/// `table.sort` comparator (lua5.4 raises "attempt to yield across a C-call boundary").
#[test]
fn yield_inside_sort_comparator_is_allowed() {
    let source = r#"
        local steps = 0
        local sorter = coroutine.wrap(function()
          local t = {3, 1, 2}
          table.sort(t, function(a, b) coroutine.yield("cmp"); return a < b end)
          return table.concat(t, ",")
        end)
        local r
        repeat r = sorter(); steps = steps + 1 until r ~= "cmp"
        print(r, steps > 1)
    "#;
    assert_eq!(run("yield_in_sort", source), "1,2,3\ttrue\n");
}

/// A coroutine suspended forever must not keep the interpreter from finishing: dropping the
/// state parks its thread instead of joining it.
#[test]
fn abandoned_suspended_coroutines_let_the_state_drop() {
    let source = r#"
        for i = 1, 20 do
          local co = coroutine.create(function() coroutine.yield(i) end)
          coroutine.resume(co)
        end
        print("done")
    "#;
    assert_eq!(run("abandoned", source), "done\n");
}

#[test]
fn chunk_ids_follow_luao_chunkid() {
    use super::base::chunk_id;
    assert_eq!(chunk_id(b"=stdin"), "stdin");
    assert_eq!(chunk_id(b"@x.lua"), "x.lua");
    assert_eq!(chunk_id(b"return 1"), "[string \"return 1\"]");
    assert_eq!(chunk_id(b"a\nb"), "[string \"a...\"]");
    let long = "y".repeat(80);
    assert_eq!(
        chunk_id(format!("@{long}").as_bytes()),
        format!("...{}", &long[..56])
    );
    assert_eq!(
        chunk_id(format!("={long}").as_bytes()),
        long[..59].to_string()
    );
}

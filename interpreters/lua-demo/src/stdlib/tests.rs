//! Tests of the standard library: Lua snippets run in-process, compared with lua5.4's output.

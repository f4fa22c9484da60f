//! The built-in types' data structures that are more than a Rust field: dict and set tables and
//! iterator states. Their Python-visible methods are in `builtins`.

pub mod dict;
pub mod iter;
pub mod set;

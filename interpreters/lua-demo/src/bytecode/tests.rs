//! Tests of the bytecode helpers: instruction size, jump helpers and debug naming.

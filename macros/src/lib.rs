//! Procedural macros for metatrace: `#[interpreter]`, `#[derive(Trace)]` and the hint attributes.
//!
//! Each macro is a three-line function: parse, expand, return tokens. The work lives in the modules.

mod trace_derive;

use proc_macro::TokenStream;

/// Derives `vgc::Trace` for a struct or enum: every field is traced unless marked `#[trace(skip)]`.
#[proc_macro_derive(Trace, attributes(trace))]
pub fn derive_trace(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    trace_derive::expand(input).unwrap_or_else(syn::Error::into_compile_error).into()
}

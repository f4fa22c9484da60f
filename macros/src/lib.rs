//! Procedural macros for metatrace: `#[interpreter]`, `#[residual]`, `#[elidable]` and
//! `#[derive(Trace)]`.
//!
//! Each macro is a three-line function: parse, expand, return tokens (one error with a span per
//! problem, never a panic). The work lives in the modules.

mod interpreter;
mod residual;
mod trace_derive;

use proc_macro::TokenStream;

/// Derives `vgc::Trace` for a struct or enum: every field is traced unless marked `#[trace(skip)]`.
#[proc_macro_derive(Trace, attributes(trace))]
pub fn derive_trace(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    trace_derive::expand(input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Generates an interpreter's opcode table and dispatch from its handlers: on an inherent `impl`
/// block of a type that implements `metatrace::Interpreter`, with `insn = Type` naming the
/// instruction enum. Methods marked `#[opcode(Variant)]` (or `#[opcode(Variant { .. })]`) are
/// handlers, `fn name<M: Mode>(&mut self, frame: &mut Frame<M>, operands..) -> Flow`; flags
/// `#[backedge]` (may jump backward: counts toward compiling a loop) and `#[not_traceable]`
/// (recording aborts before it). Generates `impl metatrace::interpreter::Dispatch` and
/// `fn run(&mut self)`. See the `interpreter` module's documentation for the design.
#[proc_macro_attribute]
pub fn interpreter(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = syn::parse_macro_input!(item as syn::ItemImpl);
    interpreter::expand(interpreter::parse_args(attr.into()), item).into()
}

/// Marks an `extern "C" fn(ctx: *mut Ctx, args...)` that traces call instead of tracing into
/// (RPython's `dont_look_inside`). `#[residual]` may do anything; `#[residual(readonly)]` only
/// reads the heap. Adds a module of the same name with `DESCR` and `call::<M>(ctx, args...)`.
#[proc_macro_attribute]
pub fn residual(attr: TokenStream, item: TokenStream) -> TokenStream {
    let func = syn::parse_macro_input!(item as syn::ItemFn);
    residual::parse_effect(attr.into())
        .and_then(|effect| residual::expand(effect, func))
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Marks a residual function whose result depends only on its arguments and which has no effects
/// (RPython's `elidable`): the optimiser may fold, share and hoist its calls.
#[proc_macro_attribute]
pub fn elidable(attr: TokenStream, item: TokenStream) -> TokenStream {
    let func = syn::parse_macro_input!(item as syn::ItemFn);
    if !attr.is_empty() {
        let e = syn::Error::new(
            proc_macro2::TokenStream::from(attr)
                .into_iter()
                .next()
                .map_or(proc_macro2::Span::call_site(), |t| t.span()),
            "#[elidable] takes no arguments",
        );
        return e.into_compile_error().into();
    }
    residual::expand(residual::Effect::Pure, func)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

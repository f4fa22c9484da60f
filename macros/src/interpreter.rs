//! `#[interpreter]`: the opcode table and the dispatch `match` of an interpreter, from its handlers.
//!
//! # Design
//!
//! ```text
//! #[metatrace::interpreter(insn = Insn)]
//! impl Machine {
//!     #[opcode(AddI)]
//!     fn add_i<M: Mode>(&mut self, f: &mut Frame<M>, d: usize, a: usize, b: usize) -> Flow { .. }
//!     #[opcode(Jump)]
//!     #[backedge]
//!     fn jump<M: Mode>(&mut self, _f: &mut Frame<M>, target: usize) -> Flow { Flow::Goto(target) }
//!     #[opcode(Move { .. })]              // a variant with named fields: bound by parameter name
//!     fn mov<M: Mode>(&mut self, f: &mut Frame<M>, a: u8, b: u8) -> Result<Flow, Error> { .. }
//!     #[opcode(Print)]
//!     #[not_traceable]                    // recording aborts here; the handler runs concretely
//!     fn print<M: Mode>(&mut self, f: &mut Frame<M>, a: usize) -> Flow { .. }
//! }
//! ```
//!
//! A handler is an ordinary method, generic over the mode, that receives the frame and the
//! operands of one instruction variant and says where to go next ([`Flow`]: next, go to a pc,
//! halt), or raises the language's error. The macro does not lower or interpret the handler's
//! code: rustc type-checks it once and monomorphises it twice, for `Concrete` (the interpreter)
//! and `Recording` (the recorder). The one change the macro makes inside a handler is to its
//! `if` and `while` conditions: each leaf condition (through `!`, `&&`, `||` and parentheses, but
//! not `let`) becomes `Cond::test(cond)`, so a handler may branch on an abstract `Bool<M>` directly
//! and records a guard on the direction taken; a plain `bool` passes through unchanged.
//!
//! The greens and reds are not attribute arguments: the type implements the `unsafe` trait
//! `metatrace::Interpreter` by hand (the code object and pc are the greens, `frame` returns the
//! reds), so rustc checks them too. The macro generates `impl Dispatch` (the opcode table
//! `OPCODES` with each opcode's name, handler, operand names and types and flags, the
//! disassembler `describe`, and `step`, one `match` over the instruction) and an inherent
//! `fn run(&mut self) -> Result<(), Self::Error>`, which calls `metatrace::interpreter::run`: the
//! two dispatch loops and the JIT driver protocol live there, as ordinary generic code.
//!
//! Misuse is a compile error with a span, collected so that one expansion reports every problem:
//! unknown or missing attribute arguments, an opcode handled twice, a handler whose signature is
//! not `fn name<M: Mode>(&mut self, frame: &mut Frame<M>, operands..) -> Flow` (or
//! `-> Result<Flow, E>`), `#[backedge]` or `#[not_traceable]` on a method that is not a handler,
//! and an interpreter with no `#[backedge]` at all (its loops could never be compiled). What the
//! macro cannot see it leaves to rustc: a variant without a handler is a non-exhaustive `match`,
//! an operand of the wrong type a type error at the handler's parameter.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit_mut::{self, VisitMut};
use syn::{
    Attribute, BinOp, Expr, FnArg, Ident, ImplItem, ImplItemFn, ItemImpl, Pat, ReturnType, Token,
    Type, UnOp,
};

/// The attribute's arguments.
pub(crate) struct Args {
    insn: syn::Path,
}

struct RawArgs(Punctuated<syn::MetaNameValue, Token![,]>);

impl Parse for RawArgs {
    fn parse(input: ParseStream) -> syn::Result<RawArgs> {
        Ok(RawArgs(Punctuated::parse_terminated(input)?))
    }
}

pub(crate) fn parse_args(attr: TokenStream) -> syn::Result<Args> {
    let raw: RawArgs =
        syn::parse2(attr).map_err(|e| syn::Error::new(e.span(), "expected `insn = Type`"))?;
    let mut insn = None;
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    for arg in raw.0 {
        let name = arg.path.get_ident().map(|i| i.to_string());
        match name.as_deref() {
            Some("insn") => match arg.value {
                Expr::Path(p) if p.qself.is_none() => {
                    if insn.is_some() {
                        push(syn::Error::new(arg.path.span(), "`insn` is given twice"));
                    }
                    insn = Some(p.path);
                }
                other => push(syn::Error::new(
                    other.span(),
                    "`insn` names the instruction enum: `insn = Insn`",
                )),
            },
            _ => push(syn::Error::new(
                arg.path.span(),
                "unknown argument: `#[interpreter]` takes `insn = Type` (greens and reds come from \
                 the type's `metatrace::Interpreter` impl)",
            )),
        }
    }
    if let Some(e) = errors {
        return Err(e);
    }
    insn.ok_or_else(|| {
        syn::Error::new(
            Span::call_site(),
            "missing `insn = Type`: the enum whose variants the handlers handle",
        )
    })
    .map(|insn| Args { insn })
}

/// How a handler's operands are bound from its variant.
enum Shape {
    /// `Variant(a, b)` or `Variant` when there are no operands.
    Tuple,
    /// `Variant { a, b }`: fields named like the handler's parameters.
    Named,
}

struct Handler {
    variant: Ident,
    shape: Shape,
    method: Ident,
    operands: Vec<(Ident, Type)>,
    backedge: bool,
    traceable: bool,
}

/// Parses `#[opcode(Name)]` or `#[opcode(Name { .. })]`.
fn parse_opcode(attr: &Attribute) -> syn::Result<(Ident, Shape)> {
    attr.parse_args_with(|input: ParseStream| {
        let name: Ident = input.parse()?;
        let shape = if input.peek(syn::token::Brace) {
            let content;
            syn::braced!(content in input);
            if !content.is_empty() {
                content.parse::<Token![..]>()?;
            }
            if !content.is_empty() {
                return Err(
                    content.error("write `Variant { .. }`: fields are bound by parameter name")
                );
            }
            Shape::Named
        } else {
            Shape::Tuple
        };
        if !input.is_empty() {
            return Err(input.error("expected `Variant` or `Variant { .. }`"));
        }
        Ok((name, shape))
    })
    .map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("{e}: `#[opcode(Variant)]` names the instruction variant this method handles"),
        )
    })
}

fn is_flag(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name)
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

const SIGNATURE: &str =
    "a handler is `fn name<M: Mode>(&mut self, frame: &mut Frame<M>, operands..) -> Flow`";

/// Checks a handler's signature and returns its operands.
fn check_signature(f: &ImplItemFn, push: &mut impl FnMut(syn::Error)) -> Vec<(Ident, Type)> {
    let sig = &f.sig;
    if let Some(c) = &sig.constness {
        push(syn::Error::new(c.span, "a handler cannot be `const`"));
    }
    if let Some(a) = &sig.asyncness {
        push(syn::Error::new(a.span, "a handler cannot be `async`"));
    }
    if let Some(u) = &sig.unsafety {
        push(syn::Error::new(
            u.span,
            "a handler cannot be `unsafe`: the dispatch loop calls it without checks; use `unsafe` \
             blocks inside",
        ));
    }
    let type_params = sig.generics.type_params().count();
    let const_params = sig.generics.const_params().count();
    if type_params != 1 || const_params != 0 {
        let span = if sig.generics.params.is_empty() {
            sig.ident.span()
        } else {
            sig.generics.span()
        };
        push(syn::Error::new(
            span,
            format!("{SIGNATURE}: generic over the mode only, one type parameter"),
        ));
    }
    let mut inputs = sig.inputs.iter();
    match inputs.next() {
        Some(FnArg::Receiver(r)) if r.reference.is_some() && r.mutability.is_some() => {}
        Some(other) => push(syn::Error::new(
            other.span(),
            format!("{SIGNATURE}: the first parameter is `&mut self`"),
        )),
        None => push(syn::Error::new(
            sig.paren_token.span.join(),
            format!("{SIGNATURE}: the first parameter is `&mut self`"),
        )),
    }
    let frame_ok = |ty: &Type| match ty {
        Type::Reference(r) if r.mutability.is_some() => {
            last_segment(&r.elem).is_some_and(|s| s.ident == "Frame")
        }
        _ => false,
    };
    match inputs.next() {
        Some(FnArg::Typed(pt)) if frame_ok(&pt.ty) => {}
        Some(other) => push(syn::Error::new(
            other.span(),
            format!("{SIGNATURE}: after `&mut self` comes the frame, `frame: &mut Frame<M>`"),
        )),
        None => push(syn::Error::new(
            sig.paren_token.span.join(),
            format!("{SIGNATURE}: after `&mut self` comes the frame, `frame: &mut Frame<M>`"),
        )),
    }
    let mut operands = Vec::new();
    for input in inputs {
        match input {
            FnArg::Typed(pt) => match &*pt.pat {
                Pat::Ident(id) if id.by_ref.is_none() && id.subpat.is_none() => {
                    operands.push((id.ident.clone(), (*pt.ty).clone()))
                }
                other => push(syn::Error::new(
                    other.span(),
                    "an operand parameter is a plain name (it names the variant's field)",
                )),
            },
            FnArg::Receiver(r) => push(syn::Error::new(r.span(), SIGNATURE)),
        }
    }
    let ret_ok = match &sig.output {
        ReturnType::Type(_, ty) => {
            last_segment(ty).is_some_and(|s| s.ident == "Flow" || s.ident == "Result")
        }
        ReturnType::Default => false,
    };
    if !ret_ok {
        let span = match &sig.output {
            ReturnType::Type(_, ty) => ty.span(),
            ReturnType::Default => sig.paren_token.span.join(),
        };
        push(syn::Error::new(
            span,
            "a handler returns `Flow` (where to go next) or `Result<Flow, E>` with the \
             interpreter's error type",
        ));
    }
    operands
}

/// Rewrites `if`/`while` conditions to `Cond::test(..)` so abstract booleans record guards.
struct Conditions;

fn rewrite_cond(expr: &mut Expr) {
    match expr {
        Expr::Let(_) | Expr::Lit(_) => {}
        Expr::Paren(p) => rewrite_cond(&mut p.expr),
        Expr::Group(g) => rewrite_cond(&mut g.expr),
        Expr::Unary(u) if matches!(u.op, UnOp::Not(_)) => rewrite_cond(&mut u.expr),
        Expr::Binary(b) if matches!(b.op, BinOp::And(_) | BinOp::Or(_)) => {
            rewrite_cond(&mut b.left);
            rewrite_cond(&mut b.right);
        }
        other => {
            let inner = other.clone();
            let span = inner.span();
            *other = syn::parse_quote_spanned!(span=> ::metatrace::Cond::test(#inner));
        }
    }
}

impl VisitMut for Conditions {
    fn visit_expr_if_mut(&mut self, e: &mut syn::ExprIf) {
        visit_mut::visit_expr_if_mut(self, e);
        rewrite_cond(&mut e.cond);
    }
    fn visit_expr_while_mut(&mut self, e: &mut syn::ExprWhile) {
        visit_mut::visit_expr_while_mut(self, e);
        rewrite_cond(&mut e.cond);
    }
    // Nested items and const blocks are not handler code (and `Cond::test` is not `const`).
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
    fn visit_expr_const_mut(&mut self, _: &mut syn::ExprConst) {}
}

pub(crate) fn expand(args: syn::Result<Args>, mut item: ItemImpl) -> TokenStream {
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    let args = match args {
        Ok(a) => Some(a),
        Err(e) => {
            push(e);
            None
        }
    };
    if let Some(t) = &item.trait_ {
        push(syn::Error::new(
            t.1.span(),
            "`#[interpreter]` goes on an inherent `impl` block of the interpreter's type",
        ));
    }
    let mut handlers: Vec<Handler> = Vec::new();
    let mut seen: HashMap<String, Span> = HashMap::new();
    for it in &mut item.items {
        let ImplItem::Fn(f) = it else { continue };
        let mut opcode = None;
        let mut backedge = None;
        let mut not_traceable = None;
        let mut kept = Vec::new();
        for attr in std::mem::take(&mut f.attrs) {
            if is_flag(&attr, "opcode") {
                if opcode.is_some() {
                    push(syn::Error::new(
                        attr.path().span(),
                        "one `#[opcode]` per handler: write a second handler that calls this one",
                    ));
                    continue;
                }
                match parse_opcode(&attr) {
                    Ok(o) => opcode = Some(o),
                    Err(e) => {
                        push(e);
                        // Still a handler: check its signature too.
                        opcode = Some((format_ident!("__invalid"), Shape::Tuple));
                    }
                }
            } else if is_flag(&attr, "backedge") || is_flag(&attr, "not_traceable") {
                match &attr.meta {
                    syn::Meta::Path(_) => {}
                    syn::Meta::List(l) => push(syn::Error::new(
                        l.delimiter.span().join(),
                        "this flag takes no arguments",
                    )),
                    syn::Meta::NameValue(nv) => push(syn::Error::new(
                        nv.eq_token.span,
                        "this flag takes no arguments",
                    )),
                }
                let span = attr.path().span();
                if is_flag(&attr, "backedge") {
                    backedge = Some(span);
                } else {
                    not_traceable = Some(span);
                }
            } else {
                kept.push(attr);
            }
        }
        f.attrs = kept;
        let Some((variant, shape)) = opcode else {
            for span in backedge.into_iter().chain(not_traceable) {
                push(syn::Error::new(
                    span,
                    "only an opcode handler (`#[opcode(Variant)]`) takes this flag",
                ));
            }
            continue;
        };
        let operands = check_signature(f, &mut push);
        Conditions.visit_block_mut(&mut f.block);
        if variant != "__invalid" {
            let name = variant.to_string();
            if let Some(first) = seen.get(&name) {
                let mut e =
                    syn::Error::new(variant.span(), format!("opcode `{name}` is handled twice"));
                e.combine(syn::Error::new(*first, "first handled here"));
                push(e);
            } else {
                seen.insert(name, variant.span());
            }
        }
        handlers.push(Handler {
            variant,
            shape,
            method: f.sig.ident.clone(),
            operands,
            backedge: backedge.is_some(),
            traceable: not_traceable.is_none(),
        });
    }
    if handlers.is_empty() {
        push(syn::Error::new(
            Span::call_site(),
            "no opcode handlers: mark each handler `#[opcode(Variant)]`",
        ));
    } else if !handlers.iter().any(|h| h.backedge) {
        push(syn::Error::new(
            Span::call_site(),
            "no handler is marked `#[backedge]`: the JIT counts loops at back-edges, so none \
             would ever be compiled; mark the handlers that can jump backward",
        ));
    }
    match (errors, args) {
        (None, Some(args)) => {
            let generated = generate(&args, &item, &handlers);
            quote!(#item #generated)
        }
        // The impl is still emitted (without the macro's attributes) so that one mistake does not
        // also make every call of its methods an error.
        (errors, _) => {
            let e = errors.map(syn::Error::into_compile_error);
            quote!(#item #e)
        }
    }
}

fn generate(args: &Args, item: &ItemImpl, handlers: &[Handler]) -> TokenStream {
    let insn = &args.insn;
    let (impl_generics, _, where_clause) = item.generics.split_for_impl();
    let self_ty = &item.self_ty;
    let rt = quote!(::metatrace::interpreter);
    let mut rows = Vec::new();
    let mut index_arms = Vec::new();
    let mut describe_arms = Vec::new();
    let mut step_arms = Vec::new();
    for (i, h) in handlers.iter().enumerate() {
        let variant = &h.variant;
        let name = variant.to_string();
        let method = &h.method;
        let method_name = method.to_string();
        let operand_rows = h.operands.iter().map(|(n, ty)| {
            let n = n.to_string();
            let ty = quote!(#ty).to_string();
            quote!(#rt::Operand { name: #n, ty: #ty })
        });
        let backedge = h.backedge;
        let traceable = h.traceable;
        rows.push(quote! {
            #rt::OpcodeInfo {
                name: #name,
                handler: #method_name,
                operands: &[#(#operand_rows),*],
                backedge: #backedge,
                traceable: #traceable,
            }
        });
        let binds: Vec<Ident> = (0..h.operands.len())
            .map(|k| format_ident!("__op{}", k))
            .collect();
        let fields: Vec<&Ident> = h.operands.iter().map(|(n, _)| n).collect();
        let (pattern, wildcard) = match h.shape {
            Shape::Tuple if h.operands.is_empty() => {
                (quote!(#insn::#variant), quote!(#insn::#variant))
            }
            Shape::Tuple => (
                quote!(#insn::#variant(#(#binds),*)),
                quote!(#insn::#variant(..)),
            ),
            Shape::Named => (
                quote!(#insn::#variant { #(#fields: #binds),* }),
                quote!(#insn::#variant { .. }),
            ),
        };
        index_arms.push(quote!(#wildcard => #i));
        let text = match h.shape {
            Shape::Named => {
                let parts: Vec<String> = fields.iter().map(|f| format!("{f}={{:?}}")).collect();
                format!("{name} {}", parts.join(", "))
            }
            Shape::Tuple => {
                let parts: Vec<&str> = fields.iter().map(|_| "{:?}").collect();
                format!("{name} {}", parts.join(", "))
            }
        };
        let text = text.trim_end().to_string();
        describe_arms.push(quote!(#pattern => format!(#text #(, #binds)*)));
        let guard = if h.traceable {
            quote!()
        } else {
            quote!(if <__MtMode as ::metatrace::Mode>::RECORDING {
                return ::core::result::Result::Ok(#rt::Step::NotTraceable);
            })
        };
        let span = method.span();
        let call = quote_spanned!(span=> self.#method(frame #(, #binds)*));
        step_arms.push(quote! {
            #pattern => {
                #guard
                let flow = #rt::IntoFlow::<<Self as #rt::Interpreter>::Error>::into_flow(#call)?;
                ::core::result::Result::Ok(#rt::Step::from_flow(flow, pc, #backedge))
            }
        });
    }
    quote! {
        impl #impl_generics #rt::Dispatch for #self_ty #where_clause {
            const OPCODES: &'static [#rt::OpcodeInfo] = &[#(#rows),*];

            fn opcode(insn: &<Self as #rt::Interpreter>::Insn) -> usize {
                match *insn {
                    #(#index_arms,)*
                }
            }

            fn describe(insn: &<Self as #rt::Interpreter>::Insn) -> ::std::string::String {
                match *insn {
                    #(#describe_arms,)*
                }
            }

            #[inline(always)]
            fn step<__MtMode: ::metatrace::Mode>(
                &mut self,
                frame: &mut ::metatrace::Frame<__MtMode>,
                insn: <Self as #rt::Interpreter>::Insn,
                pc: usize,
            ) -> ::core::result::Result<#rt::Step, <Self as #rt::Interpreter>::Error> {
                match insn {
                    #(#step_arms)*
                }
            }
        }

        impl #impl_generics #self_ty #where_clause {
            /// Runs from the current pc until a handler halts or fails, with the JIT: the two
            /// dispatch loops of `metatrace::interpreter::run` over this type's handlers.
            #[allow(dead_code)]
            pub fn run(&mut self) -> ::core::result::Result<(), <Self as #rt::Interpreter>::Error> {
                #rt::run(self)
            }
        }
    }
}

//! `#[residual]` and `#[elidable]`: functions that traces call instead of tracing into them.
//!
//! The function stays as written (it must be `extern "C"`, take the language's context pointer
//! first and only word-sized arguments), and a module of the same name is added beside it with
//! `DESCR`, the call descriptor the recorder and backends use, and `call::<M>(ctx, args...)`, which
//! calls the function concretely and records the call while recording. Functions and modules live in
//! different namespaces, so `f(..)` and `f::call(..)` coexist. Parse, validate (one error with a
//! span per problem), expand.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, Pat, ReturnType, Type};

/// What the function may do; the optimiser trusts it.
#[derive(Clone, Copy)]
pub(crate) enum Effect {
    Pure,
    ReadOnly,
    Any,
}

#[derive(Clone, Copy)]
enum Kind {
    Int,
    Float,
    Ptr,
}

pub(crate) fn parse_effect(attr: TokenStream) -> syn::Result<Effect> {
    if attr.is_empty() {
        return Ok(Effect::Any);
    }
    let ident: syn::Ident = syn::parse2(attr.clone())
        .map_err(|_| syn::Error::new(attr.span(), "expected `pure`, `readonly` or `any`"))?;
    match ident.to_string().as_str() {
        "pure" => Ok(Effect::Pure),
        "readonly" => Ok(Effect::ReadOnly),
        "any" => Ok(Effect::Any),
        _ => Err(syn::Error::new(
            ident.span(),
            "unknown effect: expected `pure`, `readonly` or `any`",
        )),
    }
}

fn kind_of(ty: &Type) -> Option<Kind> {
    match ty {
        Type::Ptr(_) => Some(Kind::Ptr),
        Type::Path(p) if p.qself.is_none() => {
            let name = p.path.get_ident()?.to_string();
            match name.as_str() {
                "i64" | "u64" | "isize" | "usize" | "i32" | "u32" | "bool" => Some(Kind::Int),
                "f64" => Some(Kind::Float),
                _ => None,
            }
        }
        _ => None,
    }
}

pub(crate) fn expand(effect: Effect, func: ItemFn) -> syn::Result<TokenStream> {
    let sig = &func.sig;
    let mut errors: Option<syn::Error> = None;
    let mut push = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    let is_c = sig
        .abi
        .as_ref()
        .and_then(|a| a.name.as_ref())
        .is_some_and(|n| n.value() == "C");
    if !is_c {
        push(syn::Error::new(
            sig.fn_token.span,
            "compiled code calls this function directly: declare it `extern \"C\"`",
        ));
    }
    if !sig.generics.params.is_empty() {
        push(syn::Error::new(
            sig.generics.span(),
            "a residual function cannot be generic",
        ));
    }
    if let Some(u) = &sig.unsafety {
        push(syn::Error::new(
            u.span,
            "a residual function cannot be `unsafe`: compiled code calls it without checks",
        ));
    }
    let mut params = sig.inputs.iter();
    let ctx_ty = match params.next() {
        Some(FnArg::Typed(pt)) if matches!(*pt.ty, Type::Ptr(_)) => Some((*pt.ty).clone()),
        Some(other) => {
            push(syn::Error::new(
                other.span(),
                "the first parameter is the context pointer (`*mut Ctx`)",
            ));
            None
        }
        None => {
            push(syn::Error::new(
                sig.paren_token.span.join(),
                "the first parameter is the context pointer (`*mut Ctx`)",
            ));
            None
        }
    };
    let mut args = Vec::new();
    for p in params {
        match p {
            FnArg::Typed(pt) => {
                let name = match &*pt.pat {
                    Pat::Ident(id) => id.ident.clone(),
                    other => {
                        push(syn::Error::new(
                            other.span(),
                            "use a plain name for residual parameters",
                        ));
                        continue;
                    }
                };
                match kind_of(&pt.ty) {
                    Some(k) => args.push((name, (*pt.ty).clone(), k)),
                    None => push(syn::Error::new(
                        pt.ty.span(),
                        "unsupported parameter type for a residual call: use i64, u64, usize, bool, f64 or a raw pointer",
                    )),
                }
            }
            FnArg::Receiver(r) => push(syn::Error::new(
                r.span(),
                "a residual function cannot take `self`",
            )),
        }
    }
    let ret = match &sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, ty) => match kind_of(ty) {
            Some(k) => Some(((**ty).clone(), k)),
            None => {
                push(syn::Error::new(
                    ty.span(),
                    "unsupported return type for a residual call: use i64, u64, usize, f64 or a raw pointer",
                ));
                None
            }
        },
    };
    if let Some(e) = errors {
        return Err(e);
    }
    let ctx_ty = ctx_ty.expect("checked");
    let name = &sig.ident;
    let vis = match &func.vis {
        syn::Visibility::Inherited => quote!(pub(super)),
        v => quote!(#v),
    };
    let mod_vis = &func.vis;
    let ir_type = |k: Kind| match k {
        Kind::Int => quote!(::metatrace::Type::Int),
        Kind::Float => quote!(::metatrace::Type::Float),
        Kind::Ptr => quote!(::metatrace::Type::Ref),
    };
    let arg_types: Vec<_> = args.iter().map(|(_, _, k)| ir_type(*k)).collect();
    let ret_type = ret
        .as_ref()
        .map_or(quote!(::metatrace::Type::Void), |(_, k)| ir_type(*k));
    let effect_tokens = match effect {
        Effect::Pure => quote!(::metatrace::Effect::Pure),
        Effect::ReadOnly => quote!(::metatrace::Effect::ReadOnly),
        Effect::Any => quote!(::metatrace::Effect::Any),
    };
    let abstract_ty = |k: Kind| match k {
        Kind::Int => quote!(::metatrace::Int<M>),
        Kind::Float => quote!(::metatrace::Float<M>),
        Kind::Ptr => quote!(::metatrace::Ref<M>),
    };
    let params: Vec<_> = args
        .iter()
        .map(|(n, _, k)| {
            let t = abstract_ty(*k);
            quote!(#n: #t)
        })
        .collect();
    let tags: Vec<_> = args.iter().map(|(n, _, _)| quote!(#n.tag())).collect();
    let concrete: Vec<_> = args
        .iter()
        .map(|(n, ty, k)| match k {
            Kind::Float => quote!(#n.peek()),
            _ => quote!(#n.peek() as #ty),
        })
        .collect();
    let name_str = name.to_string();
    let (call_ret, body) = match ret {
        None => (
            quote!(()),
            quote! {
                let _ = ::metatrace::residual_call::<M>(&DESCR, &[#(#tags),*], || { super::#name(ctx #(, #concrete)*); 0 });
            },
        ),
        Some((_, Kind::Float)) => (
            quote!(::metatrace::Float<M>),
            quote!(::metatrace::residual_call_f::<M>(&DESCR, &[#(#tags),*], || super::#name(ctx #(, #concrete)*))),
        ),
        Some((_, Kind::Int)) => (
            quote!(::metatrace::Int<M>),
            quote!(::metatrace::residual_call::<M>(&DESCR, &[#(#tags),*], || super::#name(ctx #(, #concrete)*) as i64)),
        ),
        Some((_, Kind::Ptr)) => (
            quote!(::metatrace::Ref<M>),
            quote!(::metatrace::residual_call::<M>(&DESCR, &[#(#tags),*], || super::#name(ctx #(, #concrete)*) as usize as i64).to_ref()),
        ),
    };
    let doc =
        format!("Call descriptor and mode-generic caller of [`{name_str}`](fn@super::{name_str}).");
    Ok(quote! {
        #func

        #[doc = #doc]
        #[allow(non_snake_case, dead_code)]
        #mod_vis mod #name {
            #[allow(unused_imports)]
            use super::*;

            /// The descriptor traces record calls with.
            #vis static DESCR: ::std::sync::LazyLock<::metatrace::CallDescr> = ::std::sync::LazyLock::new(|| ::metatrace::CallDescr {
                name: ::std::borrow::Cow::Borrowed(#name_str),
                addr: super::#name as *const () as usize,
                args: ::std::borrow::Cow::Owned(vec![#(#arg_types),*]),
                ret: #ret_type,
                effect: #effect_tokens,
            });

            /// Calls the function; while recording, also records the call.
            #[inline(always)]
            #vis fn call<M: ::metatrace::Mode>(ctx: #ctx_ty #(, #params)*) -> #call_ret {
                #body
            }
        }
    })
}

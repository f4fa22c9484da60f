//! `#[derive(Trace)]`: implements `vgc::Trace` by tracing every field.
//!
//! Parse, validate, expand, in the serde_derive manner. Every field of a struct or of each enum
//! variant is traced in declaration order unless it carries `#[trace(skip)]` (for fields that hold
//! no `Gc`, such as foreign types without a `Trace` impl). `NEEDS_TRACE` is the OR of the traced
//! fields' `NEEDS_TRACE`, so a type with no traced field costs the marker nothing. Every type
//! parameter gets a `vgc::Trace` bound. Unions are rejected.
//!
//! Drop safety: at sweep time the `Gc` fields of a dead object may point at objects that are dead
//! too, so a `Drop` impl that dereferences them is a use-after-free. Unless the type is marked
//! `#[trace(unsafe_drop)]` (meaning "my Drop impl does not touch Gc fields"), the expansion adds an
//! impl that conflicts with any `Drop` impl of the type, making it a compile error (gc-arena's
//! technique). The generated code names only `::vgc::...` paths and core items.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident};

/// Options on the type: `#[trace(unsafe_drop)]`.
struct TypeOptions {
    unsafe_drop: bool,
}

fn type_options(input: &DeriveInput) -> syn::Result<TypeOptions> {
    let mut options = TypeOptions { unsafe_drop: false };
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("trace")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("unsafe_drop") {
                options.unsafe_drop = true;
                Ok(())
            } else if meta.path.is_ident("skip") {
                Err(meta.error("`#[trace(skip)]` goes on fields, not on the type"))
            } else {
                Err(meta.error("unknown trace option on a type; expected `unsafe_drop`"))
            }
        })?;
    }
    Ok(options)
}

/// Whether a field is marked `#[trace(skip)]`.
fn is_skipped(field: &syn::Field) -> syn::Result<bool> {
    let mut skip = false;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("trace")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("skip") {
                skip = true;
                Ok(())
            } else {
                Err(meta.error("unknown trace option on a field; expected `skip`"))
            }
        })?;
    }
    Ok(skip)
}

/// The traced fields of `fields` as `(binding, type)`, and the pattern that binds them.
fn bind_fields(fields: &Fields) -> syn::Result<(Vec<(Ident, syn::Type)>, TokenStream)> {
    let mut traced = Vec::new();
    let pattern = match fields {
        Fields::Named(named) => {
            let mut binds = Vec::new();
            for field in &named.named {
                let name = field.ident.clone().expect("named field");
                if is_skipped(field)? {
                    continue;
                }
                let binding = format_ident!("__field_{}", name);
                binds.push(quote!(#name: #binding));
                traced.push((binding, field.ty.clone()));
            }
            quote!({ #(#binds,)* .. })
        }
        Fields::Unnamed(unnamed) => {
            let mut binds = Vec::new();
            for (i, field) in unnamed.unnamed.iter().enumerate() {
                if is_skipped(field)? {
                    binds.push(quote!(_));
                    continue;
                }
                let binding = format_ident!("__field_{}", i);
                binds.push(quote!(#binding));
                traced.push((binding, field.ty.clone()));
            }
            quote!(( #(#binds,)* ))
        }
        Fields::Unit => quote!(),
    };
    Ok((traced, pattern))
}

pub(crate) fn expand(input: syn::DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let options = type_options(&input)?;
    let name = &input.ident;
    let mut arms = Vec::new();
    let mut field_types = Vec::new();
    match &input.data {
        Data::Struct(data) => {
            let (traced, pattern) = bind_fields(&data.fields)?;
            let calls = traced
                .iter()
                .map(|(b, _)| quote!(::vgc::Trace::trace(#b, tracer);));
            arms.push(quote!(#name #pattern => { #(#calls)* }));
            field_types.extend(traced.into_iter().map(|(_, ty)| ty));
        }
        Data::Enum(data) => {
            for variant in &data.variants {
                if let Some(attr) = variant.attrs.iter().find(|a| a.path().is_ident("trace")) {
                    return Err(syn::Error::new_spanned(
                        attr,
                        "trace options go on fields or on the type, not on variants",
                    ));
                }
                let ident = &variant.ident;
                let (traced, pattern) = bind_fields(&variant.fields)?;
                let calls = traced
                    .iter()
                    .map(|(b, _)| quote!(::vgc::Trace::trace(#b, tracer);));
                arms.push(quote!(#name::#ident #pattern => { #(#calls)* }));
                field_types.extend(traced.into_iter().map(|(_, ty)| ty));
            }
        }
        Data::Union(data) => {
            return Err(syn::Error::new(
                data.union_token.span(),
                "#[derive(Trace)] does not support unions: the collector cannot know which field is live",
            ));
        }
    }

    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param.bounds.push(syn::parse_quote!(::vgc::Trace));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    // An enum without variants has no value to match on; `match *self {}` is still exhaustive.
    let body = if arms.is_empty() {
        quote!(match *self {})
    } else {
        quote!(
            #[allow(unused_variables)]
            match self { #(#arms)* }
        )
    };

    let drop_check = if options.unsafe_drop {
        quote!()
    } else {
        quote! {
            const _: () = {
                #[allow(non_camel_case_types, dead_code)]
                trait __vgc_Trace_types_must_not_impl_Drop__use_trace_unsafe_drop {}
                #[allow(drop_bounds)]
                impl<__T: ::core::ops::Drop> __vgc_Trace_types_must_not_impl_Drop__use_trace_unsafe_drop for __T {}
                impl #impl_generics __vgc_Trace_types_must_not_impl_Drop__use_trace_unsafe_drop
                    for #name #ty_generics #where_clause {}
            };
        }
    };

    // A recursive type (`next: Option<Box<Self>>`) would make NEEDS_TRACE depend on itself, which
    // is a const-evaluation cycle; such types conservatively say they need tracing.
    let recursive = field_types.iter().any(|ty| mentions(quote!(#ty), name));
    let needs_trace = if recursive {
        quote!(true)
    } else {
        quote!(false #(|| <#field_types as ::vgc::Trace>::NEEDS_TRACE)*)
    };

    Ok(quote! {
        // SAFETY: generated by #[derive(Trace)]: traces every field not marked #[trace(skip)].
        unsafe impl #impl_generics ::vgc::Trace for #name #ty_generics #where_clause {
            const NEEDS_TRACE: bool = #needs_trace;
            #[inline]
            fn trace(&self, tracer: &mut ::vgc::Tracer) {
                #body
            }
        }
        #drop_check
    })
}

/// Whether `tokens` contain the identifier `name` (or `Self`) anywhere, groups included.
fn mentions(tokens: TokenStream, name: &Ident) -> bool {
    tokens.into_iter().any(|token| match token {
        proc_macro2::TokenTree::Ident(ident) => ident == *name || ident == "Self",
        proc_macro2::TokenTree::Group(group) => mentions(group.stream(), name),
        _ => false,
    })
}

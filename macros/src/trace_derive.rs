//! `#[derive(Trace)]`: being written for issue 3 (VGC); until then it reports an error at the use site.

pub(crate) fn expand(input: syn::DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    Err(syn::Error::new_spanned(input.ident, "#[derive(Trace)] is not implemented yet (issue 3)"))
}

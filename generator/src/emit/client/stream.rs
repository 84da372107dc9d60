//! `<op>_stream`: a paginated operation's items across all pages.

use crate::emit::docs;
use crate::ident::ident;
use crate::ir::*;
use crate::surface::{OperationSurface, Stream};
use proc_macro2::TokenStream;
use quote::quote;

/// `<op>_stream`: every item of a paginated list operation, fetching pages lazily.
pub fn stream_method(
    op: &Operation,
    os: &OperationSurface,
    p: &Pagination,
    s: &Stream,
) -> TokenStream {
    let (cursor_name, cursor_ty) = (ident(&s.cursor.0), &s.cursor.1);
    let item_ty = &s.item;
    let items_name = ident(&s.items.0);
    let items = if s.items.1 {
        quote!(page.#items_name.unwrap_or_default())
    } else {
        quote!(page.#items_name)
    };
    // `Some(&page)` followed by one step per path segment, ending in `Option<&cursor>`.
    let mut next = quote!(Some(&page));
    for (field, optional) in &s.next {
        let n = ident(field);
        next = if *optional {
            quote!(#next.and_then(|v| v.#n.as_ref()))
        } else {
            quote!(#next.map(|v| &v.#n))
        };
    }
    let next = match p.style {
        PageStyle::Token => quote!(#next.filter(|t| !t.is_empty()).cloned()),
        PageStyle::Page if &s.next_type == cursor_ty => quote!(#next.copied()),
        PageStyle::Page => quote!(#next.and_then(|n| <#cursor_ty>::try_from(*n).ok())),
    };
    let method = ident(&os.method);
    let name = ident(&s.method);
    let path_args: Vec<_> = op.params.iter().map(|p| ident(&p.rust)).collect();
    let path_sig = path_args.iter().map(|n| quote!(#n: impl Into<String>));
    let owned = path_args
        .iter()
        .map(|n| quote!(let #n: String = #n.into();));
    let cloned = path_args.iter().map(|n| quote!(let #n = #n.clone();));
    let query_ty = ident(op.query.as_deref().unwrap_or_default());
    let how = match p.style {
        PageStyle::Token => format!(
            "token paging: `{}` is sent with each response's `{}` until it is empty",
            p.request,
            p.response.join(".")
        ),
        PageStyle::Page => format!(
            "page-number paging: `{}` is sent with each response's `{}` until it is null",
            p.request,
            p.response.join(".")
        ),
    };
    let doc = docs::attrs(&[
        format!("Every item of [`Client::{}`], across all pages, fetched lazily as the stream is read ({how}).", crate::ident::bare(&os.method)),
        String::new(),
        "Starts from the page `params` selects (the first page unless you set the cursor). An error".to_owned(),
        "is yielded as the stream's last item. Pages are requested one at a time, each with the".to_owned(),
        "client's retries and timeouts. Read it with `futures::StreamExt::next`; `StreamExt::boxed`".to_owned(),
        "turns it into a [`rt::BoxStream`] to store it in a named type.".to_owned(),
    ]);
    quote! {
        #doc
        pub fn #name(&self, #(#path_sig,)* params: #query_ty) -> impl rt::Stream<Item = Result<#item_ty>> + Unpin + Send + 'static {
            let client = self.clone();
            #(#owned)*
            rt::paginate(move |cursor: Option<#cursor_ty>| {
                let client = client.clone();
                let mut params = params.clone();
                #(#cloned)*
                async move {
                    if let Some(cursor) = cursor {
                        params.#cursor_name = Some(cursor);
                    }
                    let page = client.#method(#(&#path_args,)* &params).await?;
                    let next = #next;
                    Ok((#items, next))
                }
            })
        }
    }
}

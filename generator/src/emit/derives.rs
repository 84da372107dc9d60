//! The derives of a generated type. serde's derives are the largest part of a big module's
//! compile time, so each type gets what its use needs, not every derive everywhere.

use super::Ctx;
use crate::ir::TypeDef;
use proc_macro2::TokenStream;
use quote::quote;

/// How a type decodes, when it does.
pub enum Decode {
    /// `#[derive(serde::Deserialize)]`.
    Derive,
    /// Another impl provides `Deserialize` (the runtime's `open_struct!`).
    Elsewhere,
}

/// Whether `t` is an operation's query parameters struct: the method reads its fields into the
/// query string, so it is never serialized or decoded as a whole and derives no serde traits
/// (its fields carry no `#[serde]` attributes either).
pub fn is_query_struct(ctx: &Ctx<'_>, t: &TypeDef) -> bool {
    ctx.query_structs.contains(t.name.as_str())
}

/// `#[derive(Debug, Clone, PartialEq ..)]` for `t`, with `serde::Serialize`, and
/// `serde::Deserialize` unless `decode` says another impl provides it; neither for a query
/// parameters struct.
pub fn derives(ctx: &Ctx<'_>, t: &TypeDef, decode: Decode) -> TokenStream {
    if is_query_struct(ctx, t) {
        return quote!(#[derive(Debug, Clone, PartialEq)]);
    }
    match decode {
        Decode::Elsewhere => quote!(#[derive(Debug, Clone, PartialEq, serde::Serialize)]),
        Decode::Derive => {
            quote!(#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)])
        }
    }
}

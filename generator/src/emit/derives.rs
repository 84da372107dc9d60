//! The derives of a generated type. serde's derives are the largest part of a big module's
//! compile time, so each type gets what its use needs, not every derive everywhere (as
//! async-stripe gates its serde impls behind features):
//! - a type only ever sent derives `Deserialize` only with the including crate's cargo feature
//!   [`DESERIALIZE_REQUESTS`] (and in its tests, where the spec's request examples decode);
//! - a type only ever received derives `Serialize` only with [`SERIALIZE_RESPONSES`] (and in
//!   its tests).

use super::Ctx;
use crate::ir::{TypeDef, TypeKind};
use crate::surface::StructSurface;
use proc_macro2::TokenStream;
use quote::quote;

/// The cargo feature, of the crate that includes the module, under which types only ever sent
/// derive `Deserialize` too (to read requests from files, or in a server).
pub const DESERIALIZE_REQUESTS: &str = "deserialize-requests";

/// The cargo feature, of the crate that includes the module, under which types only ever
/// received derive `Serialize` too (to store or forward responses as JSON).
pub const SERIALIZE_RESPONSES: &str = "serialize-responses";

/// Where a type's serde impls (`Serialize` and `Deserialize`) come from.
pub enum SerdeImpls {
    /// `#[derive(..)]` on the type, each gated by its cargo feature as [`derives`] says.
    Derived,
    /// The runtime's `open_struct!`, which writes both (gating `Serialize` as [`derives`]
    /// would).
    OpenStruct,
}

/// Where a struct's serde impls come from: `open_struct!` when it keeps a map of other
/// properties.
pub fn struct_serde(ss: &StructSurface) -> SerdeImpls {
    if ss.extra.is_some() {
        SerdeImpls::OpenStruct
    } else {
        SerdeImpls::Derived
    }
}

/// Whether `t` derives `Deserialize` only under [`DESERIALIZE_REQUESTS`]: a type only ever
/// sent, deriving it itself.
fn gated(ctx: &Ctx<'_>, t: &TypeDef, serde: &SerdeImpls) -> bool {
    matches!(serde, SerdeImpls::Derived) && !t.in_response && !is_query_struct(ctx, t)
}

/// Whether `t` derives `Serialize` only under [`SERIALIZE_RESPONSES`]: a type only ever
/// received (a response or webhook payload, or a type no operation uses).
pub fn serialize_gated(ctx: &Ctx<'_>, t: &TypeDef) -> bool {
    t.in_response && !t.in_request && !is_query_struct(ctx, t)
}

/// Whether some type of the module derives `Serialize` only under [`SERIALIZE_RESPONSES`]
/// (simple enums implement it by hand, always).
pub fn any_received_only(ctx: &Ctx<'_>) -> bool {
    ctx.api
        .types
        .iter()
        .any(|t| !matches!(t.kind, TypeKind::Enum(_)) && serialize_gated(ctx, t))
}

/// Whether some type of the module derives `Deserialize` only under [`DESERIALIZE_REQUESTS`].
pub fn any_sent_only(ctx: &Ctx<'_>) -> bool {
    ctx.api.types.iter().enumerate().any(|(i, t)| {
        let serde = match (&t.kind, ctx.surface.structure(i)) {
            (TypeKind::Enum(_), _) => return false,
            (_, Some(ss)) => struct_serde(ss),
            _ => SerdeImpls::Derived,
        };
        gated(ctx, t, &serde)
    })
}

/// Whether `t` is an operation's query parameters struct: the method reads its fields into the
/// query string, so it is never serialized or decoded as a whole and derives no serde traits
/// (its fields carry no `#[serde]` attributes either).
pub fn is_query_struct(ctx: &Ctx<'_>, t: &TypeDef) -> bool {
    ctx.query_structs.contains(t.name.as_str())
}

/// `#[derive(Debug, Clone, PartialEq ..)]` for `t`, with `serde::Serialize` (for a type only
/// ever received, under [`SERIALIZE_RESPONSES`]) and `serde::Deserialize` (for a type only ever
/// sent, under [`DESERIALIZE_REQUESTS`]) unless `serde` says `open_struct!` provides both;
/// neither for a query parameters struct.
pub fn derives(ctx: &Ctx<'_>, t: &TypeDef, serde: SerdeImpls) -> TokenStream {
    if is_query_struct(ctx, t) {
        return quote!(#[derive(Debug, Clone, PartialEq)]);
    }
    let de_gated = gated(ctx, t, &serde);
    let derives_de = matches!(serde, SerdeImpls::Derived);
    let ser_gated = derives_de && serialize_gated(ctx, t);
    let mut always = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
    if derives_de && !ser_gated {
        always.push(quote!(serde::Serialize));
    }
    if derives_de && !de_gated {
        always.push(quote!(serde::Deserialize));
    }
    let ser = ser_gated.then(
        || quote!(#[cfg_attr(any(test, feature = #SERIALIZE_RESPONSES), derive(serde::Serialize))]),
    );
    let de = de_gated.then(|| {
        quote!(#[cfg_attr(any(test, feature = #DESERIALIZE_REQUESTS), derive(serde::Deserialize))])
    });
    quote! {
        #[derive(#(#always),*)]
        #ser
        #de
    }
}

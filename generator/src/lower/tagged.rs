//! A `oneOf`/`anyOf` with a `discriminator` becomes a serde internally tagged enum when every
//! member, and every mapping value, leads to a named object schema: directly, or through a
//! `$ref` chain or a one-member `allOf` wrapper (`Ping: {allOf: [$ref: SourceEvent]}`). A tag
//! can live only in an object: a member that is an array, a scalar, an inline schema, an empty
//! schema or another document's schema makes the union untagged (decoded by shape), with a
//! warning naming the member.

use super::view::{single_all_of, SchemaRef, View};
use super::Lowerer;
use crate::diag::join;
use crate::ident::enum_variant_names;
use crate::ir::*;
use openapiv3::Discriminator;

impl<'a> Lowerer<'a> {
    /// The tagged enum for `members` (under `key`, `oneOf` or `anyOf`) with discriminator `d`
    /// (of the union at `pointer`), or `None` (after a warning) when some member cannot carry
    /// the tag.
    pub(super) fn tagged(
        &mut self,
        d: &'a Discriminator,
        members: &[SchemaRef<'a>],
        key: &str,
        pointer: &str,
    ) -> Option<Tagged> {
        let mapping_ptr = format!("{}/mapping", join(pointer, "discriminator"));
        let mut mapping: Vec<(String, &str, String)> = (d.mapping.iter())
            .map(|(k, r)| (k.clone(), r.as_str(), join(&mapping_ptr, k)))
            .collect();
        for (i, m) in members.iter().enumerate() {
            match m {
                SchemaRef::Ref(r) => {
                    if !mapping.iter().any(|(_, t, _)| t == r) {
                        let implicit = r.rsplit('/').next().unwrap_or(r).to_owned();
                        mapping.push((implicit, r, format!("{pointer}/{key}/{i}")));
                    }
                }
                SchemaRef::Item(_) => {
                    self.untagged_because(
                        &format!("{pointer}/{key}/{i}"),
                        "an inline member has no discriminator value".to_owned(),
                    );
                    return None;
                }
            }
        }
        let mut targets = Vec::with_capacity(mapping.len());
        for (value, reference, ptr) in &mapping {
            match self.tag_target(reference) {
                Some(ty) => targets.push(ty),
                None => {
                    self.untagged_because(
                        ptr,
                        format!("discriminator value `{value}` maps to `{reference}`, which is not a named object schema"),
                    );
                    return None;
                }
            }
        }
        let values: Vec<String> = mapping.into_iter().map(|(v, ..)| v).collect();
        let rust_names = enum_variant_names(&values);
        let variants = (values.into_iter().zip(rust_names).zip(targets))
            .map(|((value, rust), ty)| {
                self.tag_strip.push((ty.clone(), d.property_name.clone()));
                TaggedVariant { rust, value, ty }
            })
            .collect();
        Some(Tagged {
            tag: d.property_name.clone(),
            variants,
        })
    }

    /// The named struct a discriminator's `$ref` leads to: the schema's own type when it is
    /// an object (or an `allOf` of them), else the type its `$ref` chain or one-member `allOf`
    /// wrapper leads to. `None` for an array, a scalar, an empty schema, another document.
    fn tag_target(&self, reference: &str) -> Option<String> {
        let mut reference = reference;
        for _ in 0..crate::diag::MAX_REF_LINKS {
            let schema = self.schema_of(SchemaRef::Ref(reference))?;
            let v = View::of(schema);
            let named =
                (self.by_ref.get(reference)).filter(|_| v.is_object_like() || v.all_of.len() > 1);
            if let Some(ty) = named {
                return Some(ty.clone());
            }
            match single_all_of(schema) {
                Some(SchemaRef::Ref(next)) => reference = next,
                _ => return None,
            }
        }
        None
    }

    fn untagged_because(&mut self, pointer: &str, why: String) {
        self.sink.warning(
            pointer,
            format!("{why}; the discriminator is ignored and the union is decoded by shape"),
            Some("map every discriminator value to a `#/components/schemas/<Name>` object schema, and make every member such a `$ref`".to_owned()),
        );
    }
}

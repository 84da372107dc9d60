//! Objects that are also unions: `properties` beside `oneOf`/`anyOf`, or a union inside an
//! `allOf` member (`allOf: [$ref: Base, {oneOf: [A, B]}]`). A value is the object's properties
//! plus one member's, so the type is a union of structs, each the object merged with one member
//! (`BaseA`, `BaseB`): tagged by the discriminator when there is one, else decoded by shape.

use super::schema::{Parts, Union};
use super::view::{SchemaRef, View};
use super::Lowerer;
use crate::ident::{enum_variant_names, type_name, Namespace};
use crate::ir::*;
use openapiv3::Schema;

impl<'a> Lowerer<'a> {
    /// Records the `oneOf`/`anyOf` of `v` (at `pointer`) met while collecting an object's parts.
    /// One union per object: a second one is an error (its combinations would multiply).
    pub(super) fn add_union(&mut self, v: &View<'a>, pointer: &str, parts: &mut Parts<'a>) {
        let Some(union) = Union::of(v, pointer) else {
            return;
        };
        match &parts.union {
            None => parts.union = Some(union),
            Some(first) => self.sink.error(
                &format!("{pointer}/{}", union.key),
                format!(
                    "a second `{}` in one object (the first is at `{}/{}`) is not supported",
                    union.key, first.pointer, first.key
                ),
                Some(
                    "merge the unions into one `oneOf` whose members list the combinations"
                        .to_owned(),
                ),
            ),
        }
    }

    /// The type `name` of `schema`, whose object `parts` sit beside `union`: one struct per
    /// member, the parts merged with the member's, and the union of them.
    pub(super) fn define_composed(
        &mut self,
        name: &str,
        schema: &'a Schema,
        parts: Parts<'a>,
        union: Union<'a>,
    ) -> TypeKind {
        let mut ns = Namespace::new();
        let mut members = Vec::with_capacity(union.members.len());
        for (i, m) in union.members.iter().enumerate() {
            let ptr = format!("{}/{}/{i}", union.pointer, union.key);
            let base = match m {
                SchemaRef::Ref(r) => type_name(r.rsplit('/').next().unwrap_or(r)),
                SchemaRef::Item(s) => match &s.schema_data.title {
                    Some(t) => type_name(t),
                    None => format!("Variant{}", i + 1),
                },
            };
            let variant = ns.claim(base);
            let rust = self.names.claim(format!("{name}{variant}"));
            let mut merged = parts.clone();
            match *m {
                SchemaRef::Item(s) => self.collect_parts(s, &rust, &ptr, &mut merged, 1),
                SchemaRef::Ref(r) => self.collect_ref_parts(r, &ptr, &mut merged, 1),
            }
            if let Some(inner) = merged.union.take() {
                self.sink.error(
                    &format!("{}/{}", inner.pointer, inner.key),
                    format!(
                        "a `{}` inside a member of the `{}` at `{}` is not supported",
                        inner.key, union.key, union.pointer
                    ),
                    Some("list the combinations in the outer union's members".to_owned()),
                );
            }
            let fields = self.struct_of_parts(&rust, merged, schema, &ptr);
            let doc = self.doc_of(*m);
            self.types.insert(
                rust.clone(),
                TypeDef {
                    name: rust.clone(),
                    pointer: ptr,
                    doc: doc.clone(),
                    kind: TypeKind::Struct(fields),
                    in_request: false,
                    in_response: false,
                    in_update: false,
                },
            );
            members.push((*m, variant, rust, doc));
        }
        if let Some(tagged) = self.composed_tagged(&union, &members) {
            return TypeKind::Tagged(tagged);
        }
        TypeKind::Untagged(Untagged {
            variants: members
                .into_iter()
                .map(|(_, rust, ty, doc)| UntaggedVariant {
                    rust,
                    doc,
                    shape: Shape {
                        ty: Ty::Named(ty),
                        nullable: false,
                        rules: Rules::default(),
                    },
                })
                .collect(),
        })
    }

    /// The composed union tagged by its discriminator: when it has one and every member is a
    /// `$ref` (whose mapping value, or name, is the tag value). The merged structs leave the tag
    /// property to the enum.
    fn composed_tagged(
        &mut self,
        union: &Union<'a>,
        members: &[(SchemaRef<'a>, String, String, Doc)],
    ) -> Option<Tagged> {
        let d = union.discriminator?;
        let mut values = Vec::with_capacity(members.len());
        for (m, ..) in members {
            let SchemaRef::Ref(r) = m else {
                return None;
            };
            let mapped = d.mapping.iter().find(|(_, target)| target == r);
            values.push(match mapped {
                Some((value, _)) => value.clone(),
                None => r.rsplit('/').next().unwrap_or(r).to_owned(),
            });
        }
        let rust_names = enum_variant_names(&values);
        let variants = (values.into_iter().zip(rust_names).zip(members))
            .map(|((value, rust), (_, _, ty, _))| {
                self.tag_strip.push((ty.clone(), d.property_name.clone()));
                TaggedVariant {
                    rust,
                    value,
                    ty: ty.clone(),
                }
            })
            .collect();
        Some(Tagged {
            tag: d.property_name.clone(),
            variants,
        })
    }
}

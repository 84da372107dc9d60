//! Lowering schemas: named component schemas become `TypeDef`s; property, item and parameter
//! schemas become `Shape`s, with inline enums, objects and unions named from where they stand.

use super::ctx::Ctx;
use super::view::{single_all_of, SchemaRef, View};
use super::Lowerer;
use crate::diag::{join, unescape};
use crate::ident::{enum_variant_names, type_name, value_name, Namespace};
use crate::ir::*;
use foldhash::{HashMap, HashSet};
use openapiv3::{AdditionalProperties, Schema};
use serde_json::Value;
use std::borrow::Cow;

/// Object parts gathered from a schema and its `allOf` members.
#[derive(Default, Clone)]
pub(super) struct Parts<'a> {
    /// (wire name, schema, pointer, the schema that declares it as an index into `owners`).
    props: Vec<Prop<'a>>,
    /// The names of the schemas that declare properties, each once.
    owners: Vec<String>,
    /// Wire name → its place in `props`, made when a second schema adds properties.
    index: HashMap<&'a str, usize>,
    required: Vec<&'a str>,
    extra: Option<(SchemaRef<'a>, String)>,
    extra_any: bool,
    /// The schemas (this one and its `allOf` members, inline or referenced) that state
    /// `dependentRequired`, each with its JSON pointer: the struct checks them all.
    dependent: Vec<(&'a Schema, String)>,
    /// The one `oneOf`/`anyOf` (beyond constraints on the object's own properties) met on the
    /// way: the object is then a union of itself merged with each member (`lower/composed.rs`).
    pub union: Option<Union<'a>>,
}

/// A `oneOf`/`anyOf` as [`Parts`] keeps it.
#[derive(Clone)]
pub(super) struct Union<'a> {
    pub members: Vec<SchemaRef<'a>>,
    /// `oneOf` or `anyOf`.
    pub key: &'static str,
    /// The JSON pointer of the schema that holds it.
    pub pointer: String,
    pub discriminator: Option<&'a openapiv3::Discriminator>,
}

impl<'a> Union<'a> {
    /// The `oneOf` (or else `anyOf`) of `v`, at `pointer`, if it has one.
    pub fn of(v: &View<'a>, pointer: &str) -> Option<Self> {
        let (members, key) = if !v.one_of.is_empty() {
            (&v.one_of, "oneOf")
        } else if !v.any_of.is_empty() {
            (&v.any_of, "anyOf")
        } else {
            return None;
        };
        Some(Union {
            members: members.clone(),
            key,
            pointer: pointer.to_owned(),
            discriminator: v.data.discriminator.as_ref(),
        })
    }

    /// Whether the object parts beside it are empty (then it is a plain union).
    pub fn alone(parts: &Parts<'a>) -> bool {
        parts.props.is_empty() && parts.extra.is_none() && !parts.extra_any
    }
}

/// A property as [`Parts`] keeps it.
type Prop<'a> = (&'a str, SchemaRef<'a>, String, usize);

impl<'a> Parts<'a> {
    /// Adds one schema's properties: a property an earlier `allOf` member declared too is
    /// replaced, in its place. One schema's properties are distinct (they are map keys), so
    /// the first schema's need no lookup.
    fn add(&mut self, props: impl Iterator<Item = Prop<'a>>) {
        if self.props.is_empty() {
            self.props.extend(props);
            return;
        }
        if self.index.is_empty() {
            self.index = (self.props.iter().enumerate())
                .map(|(i, p)| (p.0, i))
                .collect();
        }
        for prop in props {
            match self.index.get(prop.0) {
                Some(&i) => self.props[i] = prop,
                None => {
                    self.index.insert(prop.0, self.props.len());
                    self.props.push(prop);
                }
            }
        }
    }

    /// The index of `owner` in `owners`, added if new (the last one added is the usual match).
    fn owner(&mut self, owner: &str) -> usize {
        match self.owners.iter().rposition(|o| o == owner) {
            Some(i) => i,
            None => {
                self.owners.push(owner.to_owned());
                self.owners.len() - 1
            }
        }
    }
}

impl<'a> Lowerer<'a> {
    /// Whether a schema becomes a named Rust type (rather than being inlined where it is used).
    pub(super) fn is_type_worthy(&self, v: &View<'a>) -> bool {
        Self::is_enum(v)
            || !v.properties.is_empty()
            || !v.one_of.is_empty()
            || !v.any_of.is_empty()
            || (v.all_of.len() > 1 && self.scalar_all_of(v).is_none())
    }

    /// Whether a schema becomes a Rust enum: a string or integer schema with at least one
    /// `enum` value of its type (`type: integer, enum: ["1", "2"]` is a plain integer, warned
    /// about where it is lowered).
    fn is_enum(v: &View<'a>) -> bool {
        v.typ
            .is_some_and(|t| matches!(t, "string" | "integer") && v.enum_values.has_value_of(t))
    }

    /// For an `allOf` none of whose members is an object (`[$ref: SomeString, {description}]`,
    /// `[{enum: [...]}, {nullable: true}]`): the member that says what the value is, and
    /// whether any member makes it nullable. Such an `allOf` is that one value, not a struct.
    pub(super) fn scalar_all_of(&self, v: &View<'a>) -> Option<(usize, SchemaRef<'a>, bool)> {
        self.scalar_all_of_within(v, &mut Vec::new())
    }

    /// [`Self::scalar_all_of`], with the schemas already being looked through: an `allOf` that
    /// reaches itself again (`A: {allOf: [$ref: A]}`) is not a scalar (`check` reports the cycle).
    fn scalar_all_of_within(
        &self,
        v: &View<'a>,
        within: &mut Vec<*const Schema>,
    ) -> Option<(usize, SchemaRef<'a>, bool)> {
        if v.all_of.is_empty() {
            return None;
        }
        let mut chosen = None;
        let mut nullable = false;
        for (i, m) in v.all_of.iter().enumerate() {
            let schema = self.schema_of(*m)?;
            let key: *const Schema = schema;
            if within.contains(&key) {
                return None;
            }
            let mv = View::of(schema);
            let nested_object = !mv.all_of.is_empty() && {
                within.push(key);
                let nested = self.scalar_all_of_within(&mv, within);
                within.pop();
                nested.is_none()
            };
            if mv.is_object_like() || mv.additional.is_some() || nested_object {
                return None;
            }
            nullable |= mv.data.nullable;
            let substantive = matches!(m, SchemaRef::Ref(_))
                || mv.typ.is_some()
                || !mv.enum_values.is_empty()
                || !mv.one_of.is_empty()
                || !mv.any_of.is_empty()
                || !mv.all_of.is_empty();
            if substantive && chosen.is_none() {
                chosen = Some((i, *m));
            }
        }
        let (i, m) = chosen.unwrap_or((0, v.all_of[0]));
        Some((i, m, nullable))
    }

    /// The documentation of a schema, looking through `$ref` and single-member `allOf` wrappers.
    pub(super) fn doc_of(&self, s: SchemaRef<'a>) -> Doc {
        let Some(schema) = self.schema_of(s) else {
            return Doc::default();
        };
        let d = &schema.schema_data;
        let mut doc = Doc {
            title: d.title.clone(),
            description: d.description.clone(),
            example: d.example.clone(),
            default: d.default.clone(),
            deprecated: d.deprecated,
        };
        if let Some(only) = single_all_of(schema) {
            let inner = self.doc_of(only);
            doc.title = doc.title.or(inner.title);
            doc.description = doc.description.or(inner.description);
            doc.example = doc.example.or(inner.example);
            doc.default = doc.default.or(inner.default);
        }
        doc
    }

    /// The schema a reference points at (following chains of refs).
    pub(super) fn schema_of(&self, s: SchemaRef<'a>) -> Option<&'a Schema> {
        match s {
            SchemaRef::Item(schema) => Some(schema),
            SchemaRef::Ref(r) => self.lookup(r).map(|(_, schema, _)| schema),
        }
    }

    /// The schema a reference points at, its JSON pointer and its name: `Name` for
    /// `#/components/schemas/Name`, the last token for any other place (`y` for
    /// `#/components/schemas/X/properties/y`). Follows ref chains.
    pub(super) fn resolve_schema(&self, reference: &str) -> Option<(&'a Schema, String, &'a str)> {
        let (name, schema, elsewhere) = self.lookup(reference)?;
        let pointer = match elsewhere {
            Some(pointer) => pointer.to_owned(),
            None => join("/components/schemas", name),
        };
        Some((schema, pointer, name))
    }

    /// A schema reference → the schema's name, the schema, and its JSON pointer when it is not
    /// a `#/components/schemas/Name` entry. Follows ref chains (up to
    /// [`MAX_REF_LINKS`](crate::diag::MAX_REF_LINKS) links); the common case, a component, builds
    /// no string.
    fn lookup(&self, reference: &str) -> Option<(&'a str, &'a Schema, Option<&'a str>)> {
        let schemas = &self.doc.components.as_ref()?.schemas;
        let mut reference = std::borrow::Cow::Borrowed(reference);
        for _ in 0..crate::diag::MAX_REF_LINKS {
            let component = reference
                .strip_prefix("#/components/schemas/")
                .filter(|token| !token.contains('/') && !token.contains('%'));
            let next = match component {
                Some(token) => {
                    let (name, target) = schemas.get_key_value(unescape(token).as_ref())?;
                    match target {
                        openapiv3::ReferenceOr::Item(schema) => return Some((name, schema, None)),
                        openapiv3::ReferenceOr::Reference { reference: next } => next.clone(),
                    }
                }
                None => match self.schema_elsewhere(&reference)? {
                    Ok((name, schema, pointer)) => return Some((name, schema, Some(pointer))),
                    Err(next) => next,
                },
            };
            reference = std::borrow::Cow::Owned(next);
        }
        None
    }

    /// Lowers a schema used as a value (property, item, parameter, body) to a `Shape`.
    pub(super) fn shape(&mut self, s: SchemaRef<'a>, ctx: &Ctx<'_>, pointer: &str) -> Shape {
        match s {
            SchemaRef::Ref(r) => {
                if let Some(name) = self.by_ref.get(r) {
                    return Shape {
                        ty: Ty::Named(name.clone()),
                        nullable: false,
                        rules: Rules::default(),
                    };
                }
                let Some((schema, target_ptr, target_name)) = self.resolve_schema(r) else {
                    self.sink.error(
                        pointer,
                        format!("cannot resolve `$ref: {r}`"),
                        Some("point the reference at an existing `#/components/schemas/<Name>` entry".to_owned()),
                    );
                    return Shape::any();
                };
                if self.inlining.contains(&r) {
                    self.sink.error(
                        pointer,
                        format!("`$ref: {r}` refers back to itself through schemas that have no Rust type of their own"),
                        Some("give the cycle an object schema with `properties`, so it becomes a named type".to_owned()),
                    );
                    return Shape::any();
                }
                self.inlining.push(r);
                let shape = self.shape_of(schema, &Ctx::named(target_name), &target_ptr);
                self.inlining.pop();
                shape
            }
            SchemaRef::Item(schema) => self.shape_of(schema, ctx, pointer),
        }
    }

    fn shape_of(&mut self, schema: &'a Schema, ctx: &Ctx<'_>, pointer: &str) -> Shape {
        let v = View::of(schema);
        let nullable = v.data.nullable || v.enum_has_null();
        if v.has_not {
            // `not` only narrows the values the rest of the schema allows (`not: {minimum:
            // 800, maximum: 899}`); Rust has no type for "all but these".
            self.sink.warning(
                &join(pointer, "not"),
                "`not` is not checked: the value has the type the rest of the schema gives it, and the values `not` excludes are not refused",
                Some("describe the excluded values in `description`, or check them before sending".to_owned()),
            );
        }
        if self.is_type_worthy(&v) {
            if let Some(name) = self.inline_types.get(pointer) {
                return Shape {
                    ty: Ty::Named(name.clone()),
                    nullable,
                    rules: Rules::default(),
                };
            }
            let (hash, same) = self.shared.find(schema);
            if let Some(name) = same.map(str::to_owned) {
                self.shared.also(&name, type_name(&ctx.build()));
                self.inline_types.insert(pointer.to_owned(), name.clone());
                return Shape {
                    ty: Ty::Named(name),
                    nullable,
                    rules: Rules::default(),
                };
            }
            let here = type_name(&ctx.build());
            let name = self.names.claim(here.clone());
            self.shared.made(hash, schema, &name, here);
            self.inline_types.insert(pointer.to_owned(), name.clone());
            self.define(name.clone(), schema, pointer.to_owned());
            return Shape {
                ty: Ty::Named(name),
                nullable,
                rules: Rules::default(),
            };
        }
        let single = (v.all_of.len() == 1).then(|| (0, v.all_of[0], false));
        if let Some((i, member, member_nullable)) = self.scalar_all_of(&v).or(single) {
            let mut s = self.shape(member, ctx, &format!("{pointer}/allOf/{i}"));
            s.nullable |= nullable || member_nullable;
            self.combine_scalar_all_of(&v, i, &mut s, pointer);
            return s;
        }
        if v.enum_values.has_value() && matches!(v.typ, Some("string" | "integer")) {
            self.sink.warning(
                &join(pointer, "enum"),
                format!("no `enum` value is of the schema's type `{}`; the enum is ignored and any such value is accepted", v.typ.unwrap_or_default()),
                Some("list the values in the schema's type (`1`, not `\"1\"`)".to_owned()),
            );
        }
        let rules = self.rules(&v, pointer);
        let ty = match v.typ {
            Some("string") => match v.format {
                Some("date-time") => Ty::DateTime,
                Some("date") => Ty::Date,
                _ => Ty::String,
            },
            Some("integer") => Ty::Integer {
                bits32: v.format == Some("int32"),
            },
            Some("number") => Ty::Number,
            Some("boolean") => Ty::Boolean,
            Some("array") => {
                let item = match v.items {
                    Some(items) => {
                        self.shape(items, &ctx.then_raw("Item"), &join(pointer, "items"))
                    }
                    None => Shape::any(),
                };
                Ty::Array(Box::new(item))
            }
            Some("object") => match v.additional {
                Some(AdditionalProperties::Schema(s)) => {
                    let value = self.shape(
                        (&**s).into(),
                        &ctx.then_raw("Value"),
                        &join(pointer, "additionalProperties"),
                    );
                    Ty::Map(Box::new(value))
                }
                _ => Ty::Object,
            },
            None => Ty::Any,
            Some(other) => {
                self.sink.error(
                    &join(pointer, "type"),
                    format!("unknown type `{other}`"),
                    Some("use one of string, integer, number, boolean, array, object".to_owned()),
                );
                Ty::Any
            }
        };
        Shape {
            ty,
            nullable,
            rules,
        }
    }

    /// Why the regex engine cannot compile `pattern`, or `None` if it can. Each distinct pattern
    /// is compiled once (GitHub's spec repeats the same few hundreds of times).
    fn pattern_problem(&mut self, pattern: &'a str) -> Option<String> {
        self.patterns
            .entry(pattern)
            .or_insert_with(|| {
                regex::Regex::new(pattern).err().map(|e| {
                    let text = e.to_string();
                    let last = text.lines().last().unwrap_or_default();
                    last.trim().trim_start_matches("error: ").to_owned()
                })
            })
            .clone()
    }

    pub(super) fn rules(&mut self, v: &View<'a>, pointer: &str) -> Rules {
        // A pattern the regex engine cannot compile would refuse every value: leave it out of
        // validation, and say so.
        let pattern = v.pattern.filter(|p| match self.pattern_problem(p) {
            None => true,
            Some(why) => {
                self.sink.warning(
                    &join(pointer, "pattern"),
                    format!("pattern `{p}` is not supported by the regex engine ({why}); values are not checked against it"),
                    Some("rewrite it without look-around or backreferences (Rust's `regex` syntax)".to_owned()),
                );
                false
            }
        });
        let format = match v.format {
            Some("uri") | Some("url") => Some(Format::Uri),
            Some("uuid") => Some(Format::Uuid),
            Some("email") => Some(Format::Email),
            Some("byte") => Some(Format::Byte),
            _ => None,
        };
        if let (Some(min), Some(max)) = (v.minimum, v.maximum) {
            if min > max {
                self.sink.error(
                    pointer,
                    format!("minimum {min} is greater than maximum {max}"),
                    Some("swap or correct the bounds".to_owned()),
                );
            }
        }
        if let (Some(min), Some(max)) = (v.min_length, v.max_length) {
            if min > max {
                self.sink.error(
                    pointer,
                    format!("minLength {min} is greater than maxLength {max}"),
                    Some("swap or correct the bounds".to_owned()),
                );
            }
        }
        Rules {
            min_length: v.min_length.map(|n| n as u64),
            max_length: v.max_length.map(|n| n as u64),
            pattern: pattern.map(str::to_owned),
            format,
            minimum: v.minimum,
            exclusive_minimum: v.exclusive_minimum,
            maximum: v.maximum,
            exclusive_maximum: v.exclusive_maximum,
            min_items: v.min_items.map(|n| n as u64),
            max_items: v.max_items.map(|n| n as u64),
            unique_items: v.unique_items,
        }
    }

    /// An object's `oneOf`/`anyOf` whose members add nothing but constraints on the object's own
    /// properties (`anyOf: [{required: [a]}, {required: [b]}]`, as GitHub's spec writes "at
    /// least one of"): every member is inline, has no type but `object`, no composition, and
    /// names only properties the object declares.
    fn constraint_only_union(v: &View<'a>) -> bool {
        let members = if v.one_of.is_empty() {
            &v.any_of
        } else {
            &v.one_of
        };
        !members.is_empty()
            && members.iter().all(|m| {
                let SchemaRef::Item(s) = m else {
                    return false;
                };
                let mv = View::of(s);
                matches!(mv.typ, None | Some("object"))
                    && mv.one_of.is_empty()
                    && mv.any_of.is_empty()
                    && mv.all_of.is_empty()
                    && mv.enum_values.is_empty()
                    && mv
                        .properties
                        .iter()
                        .all(|(p, _)| v.properties.iter().any(|(q, _)| q == p))
            })
    }

    /// Defines the named type `name` from `schema` (a component or an inline schema).
    pub(super) fn define(&mut self, name: String, schema: &'a Schema, pointer: String) {
        // A named type breaks a chain of inlined references: a `$ref` back to a schema being
        // inlined (`order-item: {type: array, items: {properties: {items: $ref: order-item}}}`)
        // now reaches this type by its pointer, not the cycle.
        let inlining = std::mem::take(&mut self.inlining);
        self.define_named(name, schema, pointer);
        self.inlining = inlining;
    }

    fn define_named(&mut self, name: String, schema: &'a Schema, pointer: String) {
        let v = View::of(schema);
        let doc = self.doc_of(SchemaRef::Item(schema));
        let kind = if Self::is_enum(&v) {
            self.define_enum(&v, &pointer)
        } else if !v.properties.is_empty() && Self::constraint_only_union(&v) {
            let key = if v.one_of.is_empty() {
                "anyOf"
            } else {
                "oneOf"
            };
            self.sink.warning(
                &join(&pointer, key),
                format!("`{key}` only restates which properties are required together; it is not checked"),
                Some("describe the combination in `description`, or check it before sending".to_owned()),
            );
            let mut parts = Parts::default();
            self.collect_parts(schema, &name, &pointer, &mut parts, 0);
            TypeKind::Struct(self.struct_of_parts(&name, parts, schema, &pointer))
        } else if (!v.one_of.is_empty() || !v.any_of.is_empty())
            && v.properties.is_empty()
            && v.all_of.is_empty()
        {
            self.define_union(&name, &v, &pointer)
        } else {
            let mut parts = Parts::default();
            self.collect_parts(schema, &name, &pointer, &mut parts, 0);
            match parts.union.take() {
                None => TypeKind::Struct(self.struct_of_parts(&name, parts, schema, &pointer)),
                Some(union) if Union::alone(&parts) => self.define_union_of(&name, union),
                Some(union) => self.define_composed(&name, schema, parts, union),
            }
        };
        self.types.insert(
            name.clone(),
            TypeDef {
                name,
                pointer,
                doc,
                kind,
                in_request: false,
                in_response: false,
                in_update: false,
            },
        );
    }

    fn define_enum(&mut self, v: &View<'_>, pointer: &str) -> TypeKind {
        let integer = v.typ == Some("integer");
        let mut values = Vec::new();
        for (i, e) in v.enum_values.values().iter().enumerate() {
            match &**e {
                Value::Null => {}
                Value::String(s) if !integer => values.push(EnumValue::Str(s.clone())),
                Value::Number(n) if integer && n.as_i64().is_some() => {
                    values.push(EnumValue::Int(n.as_i64().unwrap_or_default()))
                }
                other => self.sink.warning(
                    &format!("{pointer}/enum/{i}"),
                    format!(
                        "enum value {other} does not match the schema's type `{}`; it is left out",
                        v.typ.unwrap_or("?")
                    ),
                    Some("make every enum value the schema's type".to_owned()),
                ),
            }
        }
        let custom: Option<Vec<String>> = v
            .data
            .extensions
            .get("x-enum-varnames")
            .and_then(|n| n.as_array())
            .map(|a| a.iter().filter_map(|s| s.as_str().map(type_name)).collect());
        let names = match custom {
            Some(names) if names.len() == values.len() => Namespace::unique(names),
            custom => {
                if let Some(names) = custom {
                    self.sink.warning(
                        &join(pointer, "x-enum-varnames"),
                        format!(
                            "`x-enum-varnames` has {} names for {} enum values; it is ignored and the variants are named from the values",
                            names.len(),
                            values.len()
                        ),
                        Some(format!("give exactly {} names, one per enum value, in order", values.len())),
                    );
                }
                let raw: Vec<Cow<str>> = values
                    .iter()
                    .map(|e| match e {
                        EnumValue::Str(s) => Cow::Borrowed(s.as_str()),
                        EnumValue::Int(n) => Cow::Owned(format!("V{n}").replace('-', "Minus")),
                    })
                    .collect();
                enum_variant_names(&raw)
            }
        };
        // `Unknown` is the catch-all variant of open enums: a listed value that would take the
        // name is renamed (deterministically, claiming against the other names).
        let names = if names.iter().any(|n| n == "Unknown") {
            rename_unknown(names)
        } else {
            names
        };
        TypeKind::Enum(Enum {
            integer,
            variants: names
                .into_iter()
                .zip(values)
                .map(|(rust, value)| EnumVariant { rust, value })
                .collect(),
        })
    }

    fn define_union(&mut self, name: &str, v: &View<'a>, pointer: &str) -> TypeKind {
        match Union::of(v, pointer) {
            Some(union) => self.define_union_of(name, union),
            None => TypeKind::Untagged(Untagged {
                variants: Vec::new(),
            }),
        }
    }

    /// A `oneOf`/`anyOf`: tagged by its discriminator when every member maps to a named object
    /// schema (`lower/tagged.rs`), else untagged, decoded by shape.
    pub(super) fn define_union_of(&mut self, name: &str, union: Union<'a>) -> TypeKind {
        let Union {
            members,
            key,
            pointer,
            discriminator,
        } = union;
        let pointer = pointer.as_str();
        if let Some(tagged) = discriminator.and_then(|d| self.tagged(d, &members, key, pointer)) {
            return TypeKind::Tagged(tagged);
        }
        let mut ns = Namespace::new();
        let mut variants = Vec::new();
        for (i, m) in members.into_iter().enumerate() {
            let ptr = format!("{pointer}/{key}/{i}");
            let doc = self.doc_of(m);
            let base = match m {
                SchemaRef::Ref(r) => {
                    strip_affix(&type_name(r.rsplit('/').next().unwrap_or(r)), name)
                }
                SchemaRef::Item(s) => match &s.schema_data.title {
                    Some(t) => type_name(t),
                    None => type_name(View::of(s).typ.unwrap_or("value")),
                },
            };
            let rust = ns.claim(base);
            let shape = self.shape(m, &Ctx::raw(name).then_raw(&rust), &ptr);
            variants.push(UntaggedVariant { rust, doc, shape });
        }
        TypeKind::Untagged(Untagged { variants })
    }

    /// The parts of the schema `$ref: r` (at `ptr`) names, owned by the type its target is named
    /// for; an unresolvable reference is an error at `ptr`.
    pub(super) fn collect_ref_parts(
        &mut self,
        r: &str,
        ptr: &str,
        parts: &mut Parts<'a>,
        depth: usize,
    ) {
        match self.resolve_schema(r) {
            Some((s, target_ptr, target)) => {
                let owner = self
                    .by_ref
                    .get(r)
                    .cloned()
                    .unwrap_or_else(|| type_name(target));
                self.collect_parts(s, &owner, &target_ptr, parts, depth)
            }
            None => self.sink.error(
                ptr,
                format!("cannot resolve `$ref: {r}`"),
                Some(
                    "point the reference at an existing `#/components/schemas/<Name>` entry"
                        .to_owned(),
                ),
            ),
        }
    }

    pub(super) fn collect_parts(
        &mut self,
        schema: &'a Schema,
        owner: &str,
        pointer: &str,
        parts: &mut Parts<'a>,
        depth: usize,
    ) {
        if depth > 32 {
            self.sink.error(
                pointer,
                "`allOf` nests more than 32 levels deep (a cycle?)",
                Some(
                    "a schema cannot be part of itself: remove the `$ref` back to it from its `allOf`, or point it at a property instead"
                        .to_owned(),
                ),
            );
            return;
        }
        let v = View::of(schema);
        for (i, part) in v.all_of.iter().enumerate() {
            let ptr = format!("{pointer}/allOf/{i}");
            match *part {
                SchemaRef::Item(s) => self.collect_parts(s, owner, &ptr, parts, depth + 1),
                SchemaRef::Ref(r) => match self.resolve_schema(r) {
                    Some((s, _, _)) if View::of(s).typ.is_some_and(|t| t != "object") => {
                        self.not_an_object(View::of(s).typ.unwrap_or_default(), &ptr, Some(r));
                    }
                    _ => self.collect_ref_parts(r, &ptr, parts, depth + 1),
                },
            }
        }
        let union = !v.one_of.is_empty() || !v.any_of.is_empty();
        // A top-level member with properties whose union only adds constraints is fine.
        let constraints_only =
            depth == 0 && !v.properties.is_empty() && Self::constraint_only_union(&v);
        if union && !constraints_only {
            self.add_union(&v, pointer, parts);
        }
        if let Some(t) = v.typ.filter(|t| *t != "object") {
            if depth == 0 {
                self.ignore_type(t, pointer);
            } else {
                self.not_an_object(t, pointer, None);
                return;
            }
        }
        if !v.properties.is_empty() {
            let properties = join(pointer, "properties");
            let owner = parts.owner(owner);
            parts.add(
                v.properties
                    .iter()
                    .map(|(wire, s)| (*wire, *s, join(&properties, wire), owner)),
            );
        }
        parts.required.extend(v.required.iter().copied());
        if super::dependent::states_dependencies(schema) {
            parts.dependent.push((schema, pointer.to_owned()));
        }
        match v.additional {
            Some(AdditionalProperties::Any(true)) => parts.extra_any = true,
            Some(AdditionalProperties::Schema(s)) => {
                parts.extra = Some(((&**s).into(), join(pointer, "additionalProperties")))
            }
            _ => {}
        }
    }

    /// The struct `name` made of `parts` (collected from `schema`, at `pointer`).
    pub(super) fn struct_of_parts(
        &mut self,
        name: &str,
        mut parts: Parts<'a>,
        schema: &'a Schema,
        pointer: &str,
    ) -> Struct {
        let rust_names = parts.props.iter().map(|p| value_name(p.0)).collect();
        let rust_names = Namespace::unique(rust_names);
        let mut fields = Vec::with_capacity(parts.props.len());
        let required: HashSet<&str> = parts.required.iter().copied().collect();
        let props = std::mem::take(&mut parts.props);
        for ((wire, s, ptr, owner), rust) in props.into_iter().zip(rust_names) {
            let owner = &parts.owners[owner];
            // Inline types are named after the schema that declares them, so a property merged
            // into several structs through `allOf` yields one type, not one per struct.
            let shape = self.shape(s, &Ctx::raw(owner).then_named(wire), &ptr);
            let doc = self.doc_of(s);
            let null_clears = self.null_means(s, &ptr);
            fields.push(Field {
                rust,
                wire: wire.to_owned(),
                pointer: ptr,
                doc,
                shape,
                required: required.contains(wire),
                null_clears,
            });
        }
        // Every required property is declared (the usual case) when as many fields are required
        // as there are distinct required names; only otherwise are they looked for one by one.
        let declared = fields.iter().filter(|f| f.required).count();
        for r in parts.required.iter().filter(|_| declared < required.len()) {
            if !fields.iter().any(|f| f.wire == *r) {
                self.sink.warning(
                    &join(pointer, "required"),
                    format!("`{r}` is listed in `required` but is not among the properties; it is ignored"),
                    Some(format!(
                        "declare `{r}` under `properties`, or remove it from `required`"
                    )),
                );
            }
        }
        let extra = match parts.extra {
            Some((s, ptr)) => Some(self.shape(s, &Ctx::raw(name).then_raw("Extra"), &ptr)),
            None if parts.extra_any => Some(Shape::any()),
            None => None,
        };
        let null_means_unchanged = self.null_means(SchemaRef::Item(schema), pointer) == Some(false);
        let dependent_required = self.dependent_required(&parts.dependent, &mut fields);
        Struct {
            fields,
            extra,
            null_means_unchanged,
            dependent_required,
        }
    }

    /// `x-null-means: clear | unchanged` on a schema (at `pointer`): what `null` does in an
    /// update body.
    fn null_means(&mut self, s: SchemaRef<'a>, pointer: &str) -> Option<bool> {
        let SchemaRef::Item(schema) = s else {
            return None;
        };
        match schema.schema_data.extensions.get("x-null-means")?.as_str() {
            Some("clear") => Some(true),
            Some("unchanged") => Some(false),
            _ => {
                self.sink.error(
                    &join(pointer, "x-null-means"),
                    "`x-null-means` must be `clear` or `unchanged`",
                    None,
                );
                None
            }
        }
    }
}

/// Renames the enum variant `Unknown` (the catch-all variant of open enums takes the name):
/// `UnknownValue`, or the first of `UnknownValue2`, ... the other variants leave free.
fn rename_unknown(names: Vec<String>) -> Vec<String> {
    let mut ns = Namespace::with_capacity(names.len() + 1);
    names.iter().for_each(|n| ns.reserve(n));
    ns.reserve("Unknown");
    names
        .into_iter()
        .map(|n| {
            if n == "Unknown" {
                ns.claim("UnknownValue".to_owned())
            } else {
                n
            }
        })
        .collect()
}

/// `BuiltInBackgroundSound` in union `BackgroundSound` → `BuiltIn`.
fn strip_affix(variant: &str, union: &str) -> String {
    if variant != union {
        if let Some(rest) = variant.strip_suffix(union) {
            if !rest.is_empty() {
                return rest.to_owned();
            }
        }
        if let Some(rest) = variant.strip_prefix(union) {
            if rest.starts_with(|c: char| c.is_ascii_uppercase()) {
                return rest.to_owned();
            }
        }
    }
    variant.to_owned()
}

impl Shape {
    pub fn any() -> Shape {
        Shape {
            ty: Ty::Any,
            nullable: false,
            rules: Rules::default(),
        }
    }
}

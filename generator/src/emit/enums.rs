//! Enums: string and integer enums (with `as_str`/`value`, `Display`, `FromStr`), and unions:
//! `oneOf` + discriminator as an internally tagged enum, `oneOf`/`anyOf` without one as an
//! untagged enum tried in order.
//!
//! Emitted as formatted text, laid out by [`super::layout`] and [`super::text`] as prettyplease
//! lays out the same tokens.

use super::docs;
use super::layout::{self, call, impl_header, signature, text, type_node, Node};
use super::text::{serde_attr, str_lit, Code};
use super::validate::validate_impl;
use super::{Chunk, Ctx};
use crate::ident::{ident, value_name, Namespace};
use crate::ir::*;
use std::collections::BTreeMap;

pub fn emit_enum(ctx: &Ctx<'_>, t: &TypeDef, e: &Enum) -> Vec<Chunk> {
    let name = ident(&t.name).to_string();
    // Enums the server sends are open: a value the spec does not list decodes into `Unknown`.
    let open = t.in_response;
    let mut lines = docs::type_doc(ctx.api, t);
    if open {
        lines.insert(
            lines.len() - 1,
            "Open: a value this spec does not list decodes into `Unknown`, kept verbatim."
                .to_owned(),
        );
        lines.insert(lines.len() - 1, String::new());
    }
    let vnames: Vec<String> = e
        .variants
        .iter()
        .map(|v| ident(&v.rust).to_string())
        .collect();
    let mut code = Code::new();
    docs::write(&mut code, &lines);
    if e.integer {
        integer_enum(&mut code, t, e, &name, &vnames, open);
    } else {
        string_enum(&mut code, t, e, &name, &vnames, open);
    }
    vec![Chunk::Text(code.finish())]
}

const UNKNOWN_DOC: &str =
    "A value this version of the spec does not list, exactly as the server sent it.";

fn integer_enum(code: &mut Code, t: &TypeDef, e: &Enum, name: &str, vnames: &[String], open: bool) {
    let values: Vec<i64> = e
        .variants
        .iter()
        .map(|v| match v.value {
            EnumValue::Int(i) => i,
            EnumValue::Str(_) => 0,
        })
        .collect();
    code.line(if open {
        "#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]"
    } else {
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]"
    });
    let variants: Vec<(String, &str)> = values
        .iter()
        .zip(vnames)
        .map(|(v, n)| (v.to_string(), n.as_str()))
        .collect();
    enum_body(
        code,
        name,
        &variants,
        open.then_some("Unknown(rt::Unknown<i64>),"),
        false,
    );

    code.open(&format!("impl {name} {{"));
    code.docs(&["Every value the spec lists, in spec order.".to_owned()]);
    all_const(code, vnames);
    code.blank();
    code.docs(&["The wire value.".to_owned()]);
    code.open(if open {
        "pub fn value(&self) -> i64 {"
    } else {
        "pub const fn value(&self) -> i64 {"
    });
    let lits: Vec<String> = values.iter().map(|v| format!("{v}i64")).collect();
    let arms = vnames.iter().zip(&lits).map(|(n, l)| (unit(n), text(l)));
    let unknown = open.then(|| (text("Self::Unknown(u)"), text("*u.get()")));
    match_expr(code, "self", arms.chain(unknown).collect());
    code.close("}");
    code.blank();
    code.docs(&["The variant for a value the spec lists.".to_owned()]);
    code.open("pub const fn from_value(v: i64) -> Option<Self> {");
    let arms = lits
        .iter()
        .zip(vnames)
        .map(|(l, n)| (text(l), wrapped("Some", n)));
    let none = (text("_"), text("None"));
    match_expr(code, "v", arms.chain([none]).collect());
    code.close("}");
    code.close("}");
    code.blank();

    impl_header(code, "", "std::fmt::Display", name);
    code.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    code.line("write!(f, \"{}\", self.value())");
    code.close("}");
    code.close("}");
    code.blank();

    impl_header(code, "", "std::str::FromStr", name);
    code.line("type Err = rt::UnknownValue;");
    code.blank();
    code.docs(&["Parses a value the spec lists; anything else is an error.".to_owned()]);
    code.open("fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {");
    // The struct literal is wider than prettyplease's limit for one line: always broken, and
    // with it the whole method chain.
    code.line("s.trim()");
    code.line("    .parse::<i64>()");
    code.line("    .ok()");
    code.line("    .and_then(Self::from_value)");
    code.line("    .ok_or_else(|| rt::UnknownValue {");
    code.line(&format!("        type_name: {},", str_lit(&t.name)));
    code.line("        value: s.to_owned(),");
    code.line("    })");
    code.close("}");
    code.close("}");
    code.blank();

    serialize_impl(code, name, "s.serialize_i64(self.value())");
    code.blank();
    if open {
        impl_header(code, "", "rt::OpenEnum<i64>", name);
        code.open("fn known(v: &i64) -> Option<Self> {");
        code.line("Self::from_value(*v)");
        code.close("}");
        code.blank();
        code.open("fn unknown(v: rt::Unknown<i64>) -> Self {");
        code.line("Self::Unknown(v)");
        code.close("}");
        code.close("}");
        code.blank();
        deserialize_open(code, name, "rt::deserialize_open::<D, i64, Self>(d)");
        code.close("}");
        code.close("}");
    } else {
        let expected = values
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let msg = str_lit(&format!(
            "{{v}} is not a valid {} (expected one of {expected})",
            t.name
        ));
        deserialize_open(
            code,
            name,
            "let v = <i64 as serde::Deserialize>::deserialize(d)?;",
        );
        code.line("Self::from_value(v)");
        code.line("    .ok_or_else(|| <D::Error as serde::de::Error>::custom(");
        let call = format!("        format!({msg})");
        // Then the comma of the broken argument list, which does not count.
        if code.fits(call.len()) {
            code.line(&format!("{call},"));
        } else {
            code.line("        format!(");
            code.line(&format!("            {msg}"));
            code.line("        ),");
        }
        code.line("    ))");
        code.close("}");
        code.close("}");
    }
}

fn string_enum(code: &mut Code, t: &TypeDef, e: &Enum, name: &str, vnames: &[String], open: bool) {
    let values: Vec<&str> = e
        .variants
        .iter()
        .map(|v| match &v.value {
            EnumValue::Str(s) => s.as_str(),
            EnumValue::Int(_) => "",
        })
        .collect();
    let lits: Vec<String> = values.iter().map(|v| str_lit(v)).collect();
    let variants: Vec<(String, &str)> = values
        .iter()
        .zip(vnames)
        .map(|(v, n)| ((*v).to_owned(), n.as_str()))
        .collect();
    if open {
        code.line("#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]");
        enum_body(
            code,
            name,
            &variants,
            Some("Unknown(rt::Unknown<String>),"),
            false,
        );
        code.open(&format!("impl {name} {{"));
        code.docs(&["Every value the spec lists, in spec order.".to_owned()]);
        all_const(code, vnames);
        code.blank();
        code.docs(&["The wire value.".to_owned()]);
        code.open("pub fn as_str(&self) -> &str {");
        let arms = vnames.iter().zip(&lits).map(|(n, l)| (unit(n), text(l)));
        let unknown = (text("Self::Unknown(u)"), text("u.as_str()"));
        match_expr(code, "self", arms.chain([unknown]).collect());
        code.close("}");
        code.blank();
        code.docs(&["Whether this is a value the spec does not list.".to_owned()]);
        code.open("pub fn is_unknown(&self) -> bool {");
        code.line("matches!(self, Self::Unknown(_))");
        code.close("}");
        code.close("}");
        code.blank();

        impl_header(code, "", "rt::OpenEnum<String>", name);
        code.open("fn known(v: &String) -> Option<Self> {");
        let arms = lits
            .iter()
            .zip(vnames)
            .map(|(l, n)| (text(l), wrapped("Some", n)));
        let none = (text("_"), text("None"));
        match_expr(code, "v.as_str()", arms.chain([none]).collect());
        code.close("}");
        code.blank();
        code.open("fn unknown(v: rt::Unknown<String>) -> Self {");
        code.line("Self::Unknown(v)");
        code.close("}");
        code.close("}");
        code.blank();

        serialize_impl(code, name, "s.serialize_str(self.as_str())");
        code.blank();
        deserialize_open(code, name, "rt::deserialize_open::<D, String, Self>(d)");
        code.close("}");
        code.close("}");
    } else {
        for l in [
            "#[derive(",
            "    Debug,",
            "    Clone,",
            "    Copy,",
            "    PartialEq,",
            "    Eq,",
            "    Hash,",
            "    PartialOrd,",
            "    Ord,",
            "    serde::Serialize,",
            "    serde::Deserialize",
            ")]",
        ] {
            code.line(l);
        }
        enum_body(code, name, &variants, None, true);
        code.open(&format!("impl {name} {{"));
        code.docs(&["Every value the spec lists, in spec order.".to_owned()]);
        all_const(code, vnames);
        code.blank();
        code.docs(&["The wire value.".to_owned()]);
        code.open("pub const fn as_str(self) -> &'static str {");
        let arms = vnames.iter().zip(&lits).map(|(n, l)| (unit(n), text(l)));
        match_expr(code, "self", arms.collect());
        code.close("}");
        code.close("}");
    }
    code.blank();

    impl_header(code, "", "std::fmt::Display", name);
    code.open("fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {");
    code.line("f.write_str(self.as_str())");
    code.close("}");
    code.close("}");
    code.blank();

    impl_header(code, "", "std::str::FromStr", name);
    code.line("type Err = rt::UnknownValue;");
    code.blank();
    code.docs(&["Parses a value the spec lists; anything else is an error.".to_owned()]);
    code.open("fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {");
    let arms = lits
        .iter()
        .zip(vnames)
        .map(|(l, n)| (text(l), wrapped("Ok", n)));
    let unknown = Node::Struct {
        path: "rt::UnknownValue".to_owned(),
        fields: vec![
            ("type_name".to_owned(), text(&str_lit(&t.name))),
            ("value".to_owned(), text("s.to_owned()")),
        ],
    };
    let err = (text("_"), Node::Seq(vec![text("Err("), unknown, text(")")]));
    match_expr(code, "s", arms.chain([err]).collect());
    code.close("}");
    code.close("}");
    code.blank();

    impl_header(code, "", "AsRef<str>", name);
    code.open("fn as_ref(&self) -> &str {");
    code.line("self.as_str()");
    code.close("}");
    code.close("}");
}

/// `pub enum Name { ... }` with unit variants (wire value, name) documented by their wire value
/// (and renamed to it with `rename`), then a blank line unless the enum is empty (the render
/// stage does not space `{}` from the next item).
fn enum_body(
    code: &mut Code,
    name: &str,
    variants: &[(String, &str)],
    unknown: Option<&str>,
    rename: bool,
) {
    if variants.is_empty() && unknown.is_none() {
        code.line(&format!("pub enum {name} {{}}"));
        return;
    }
    code.open(&format!("pub enum {name} {{"));
    for (value, v) in variants {
        docs::write(code, &[format!("`{value}`")]);
        if rename {
            serde_attr(code, "rename", value);
        }
        code.line(&format!("{v},"));
    }
    if let Some(u) = unknown {
        code.docs(&[UNKNOWN_DOC.to_owned()]);
        code.line(u);
    }
    code.close("}");
    code.blank();
}

fn serialize_impl(code: &mut Code, name: &str, body: &str) {
    impl_header(code, "", "serde::Serialize", name);
    code.open("fn serialize<S: serde::Serializer>(");
    code.line("&self,");
    code.line("s: S,");
    code.reopen(") -> std::result::Result<S::Ok, S::Error> {");
    code.line(body);
    code.close("}");
    code.close("}");
}

/// `impl<'de> serde::Deserialize<'de>` and its function down to `first`, its first line; the
/// caller writes the rest and closes both.
fn deserialize_open(code: &mut Code, name: &str, first: &str) {
    impl_header(code, "<'de>", "serde::Deserialize<'de>", name);
    code.open("fn deserialize<D: serde::Deserializer<'de>>(");
    code.line("d: D,");
    code.reopen(") -> std::result::Result<Self, D::Error> {");
    code.line(first);
}

pub fn emit_tagged(ctx: &Ctx<'_>, t: &TypeDef, u: &Tagged) -> Vec<Chunk> {
    let name = ident(&t.name).to_string();
    let tag = &u.tag;
    let mut code = Code::new();
    docs::write(&mut code, &docs::type_doc(ctx.api, t));
    code.line("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]");
    serde_attr(&mut code, "tag", tag);
    let vnames: Vec<String> = u
        .variants
        .iter()
        .map(|v| ident(&v.rust).to_string())
        .collect();
    if u.variants.is_empty() {
        code.line(&format!("pub enum {name} {{}}"));
    } else {
        code.open(&format!("pub enum {name} {{"));
        for (v, vn) in u.variants.iter().zip(&vnames) {
            let value = &v.value;
            docs::write(
                &mut code,
                &[format!(
                    "`{tag}: {value}`; the other fields are in [`{}`].",
                    v.ty
                )],
            );
            serde_attr(&mut code, "rename", value);
            tuple_variant(&mut code, vn, &payload(ctx, t, v));
        }
        code.close("}");
        code.blank();
    }

    let accessor = ident(&value_name(tag)).to_string();
    code.open(&format!("impl {name} {{"));
    docs::write(
        &mut code,
        &[format!(
            "The discriminator `{tag}` of this value, as sent on the wire."
        )],
    );
    signature(
        &mut code,
        &format!("pub const fn {accessor}"),
        &[("&self".to_owned(), String::new())],
        " -> &'static str",
    );
    let arms = u.variants.iter().zip(&vnames).map(|(v, vn)| {
        let pattern = call(&format!("Self::{vn}"), vec![text("_")]);
        (pattern, text(&str_lit(&v.value)))
    });
    match_expr(&mut code, "self", arms.collect());
    code.close("}");
    code.close("}");

    // `From` only where a struct is the payload of exactly one variant.
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    u.variants
        .iter()
        .for_each(|v| *count.entry(&v.ty).or_default() += 1);
    for (v, vn) in u.variants.iter().zip(&vnames) {
        if count[v.ty.as_str()] != 1 {
            continue;
        }
        let ty = ident(&v.ty).to_string();
        let wrap = if ctx.is_boxed(&t.name, &v.rust) {
            "Box::new(v)"
        } else {
            "v"
        };
        code.blank();
        from_impl(&mut code, &name, &ty, vn, wrap);
    }
    vec![Chunk::Text(code.finish()), validate_impl(ctx, t)]
}

/// The payload type of a tagged variant: its struct, boxed where recursion needs it.
fn payload(ctx: &Ctx<'_>, t: &TypeDef, v: &TaggedVariant) -> String {
    let ty = ident(&v.ty).to_string();
    if ctx.is_boxed(&t.name, &v.rust) {
        format!("Box<{ty}>")
    } else {
        ty
    }
}

pub fn emit_untagged(ctx: &Ctx<'_>, t: &TypeDef, u: &Untagged) -> Vec<Chunk> {
    let name = ident(&t.name).to_string();
    let mut lines = docs::type_doc(ctx.api, t);
    lines.insert(
        lines.len() - 1,
        "Decoded by trying each variant in order.".to_owned(),
    );
    lines.insert(lines.len() - 1, String::new());
    let mut code = Code::new();
    docs::write(&mut code, &lines);
    code.line("#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]");
    code.line("#[serde(untagged)]");
    // A response value matching no variant is kept, not a decoding failure.
    let fallback = t.in_response.then(|| {
        let mut ns = Namespace::new();
        u.variants.iter().for_each(|v| ns.reserve(&v.rust));
        ident(&ns.claim("Other".to_owned())).to_string()
    });
    let vnames: Vec<String> = u
        .variants
        .iter()
        .map(|v| ident(&v.rust).to_string())
        .collect();
    if vnames.is_empty() && fallback.is_none() {
        code.line(&format!("pub enum {name} {{}}"));
    } else {
        code.open(&format!("pub enum {name} {{"));
        for (v, vn) in u.variants.iter().zip(&vnames) {
            let inner = ctx.member_type_text(&t.name, &v.rust, &v.shape);
            let ty = if v.shape.nullable && !matches!(v.shape.ty, Ty::Any) {
                format!("Option<{inner}>")
            } else {
                inner
            };
            docs::write(&mut code, &docs::field_doc(&v.doc, &v.shape, true));
            tuple_variant(&mut code, vn, &ty);
        }
        if let Some(other) = &fallback {
            code.docs(&[
                "A value matching none of the variants the spec lists, kept as received."
                    .to_owned(),
            ]);
            code.line(&format!("{other}(rt::Value),"));
        }
        code.close("}");
    }
    let types: Vec<String> = u
        .variants
        .iter()
        .map(|v| ctx.type_text_nullable(&v.shape))
        .collect();
    let has_named = u
        .variants
        .iter()
        .any(|v| matches!(v.shape.ty, Ty::Named(_)));
    for ((v, vn), ty) in u.variants.iter().zip(&vnames).zip(&types) {
        if types.iter().filter(|t| *t == ty).count() != 1 || v.shape.nullable {
            continue;
        }
        let wrap = if ctx.is_boxed(&t.name, &v.rust) {
            "Box::new(v)"
        } else {
            "v"
        };
        match &v.shape.ty {
            Ty::Named(_)
            | Ty::Object
            | Ty::Array(_)
            | Ty::Map(_)
            | Ty::Number
            | Ty::Boolean
            | Ty::Integer { .. } => {
                code.blank();
                from_impl(&mut code, &name, ty, vn, wrap);
            }
            // A plain string converts only when no variant is a string enum, or "office" could
            // silently become the free-form variant.
            Ty::String if !has_named => {
                code.blank();
                from_impl(&mut code, &name, "String", vn, "v");
                code.blank();
                from_impl(&mut code, &name, "&str", vn, "v.to_owned()");
            }
            _ => {}
        }
    }
    vec![Chunk::Text(code.finish()), validate_impl(ctx, t)]
}

/// `impl From<ty> for Name { fn from(v: ty) -> Self { Self::Variant(wrap) } }`.
fn from_impl(code: &mut Code, name: &str, ty: &str, variant: &str, wrap: &str) {
    impl_header(code, "", &format!("From<{ty}>"), name);
    let param = [("v: ".to_owned(), ty.to_owned())];
    signature(code, "fn from", &param, " -> Self");
    let value = call(&format!("Self::{variant}"), vec![text(wrap)]);
    layout::line(code, "", &value, "");
    code.close("}");
    code.close("}");
}

/// `Name(ty),` in an enum body: the type alone on the next line when it does not fit.
fn tuple_variant(code: &mut Code, name: &str, ty: &str) {
    let flat = format!("{name}({ty}),");
    if code.fits(flat.len()) {
        code.line(&flat);
    } else {
        layout::line(code, "", &call(name, vec![type_node(ty)]), ",");
    }
}

/// `pub const ALL: [Self; n] = [...];`, one element a line when it does not fit.
fn all_const(code: &mut Code, vnames: &[String]) {
    let all = Node::List {
        open: "[".to_owned(),
        items: vnames.iter().map(|v| unit(v)).collect(),
        close: "]".to_owned(),
    };
    let start = format!("pub const ALL: [Self; {}] = ", vnames.len());
    layout::line(code, &start, &all, ";");
}

/// `Self::variant`, a unit variant.
fn unit(variant: &str) -> Node {
    text(&format!("Self::{variant}"))
}

/// `f(Self::variant)`.
fn wrapped(f: &str, variant: &str) -> Node {
    call(f, vec![unit(variant)])
}

/// `match scrutinee { arms }`, a function's value.
fn match_expr(code: &mut Code, scrutinee: &str, arms: Vec<(Node, Node)>) {
    let head = format!("match {scrutinee}");
    layout::line(code, "", &Node::Match { head, arms }, "");
}

#[cfg(test)]
mod tests {
    //! Every layout above at and around the widths where prettyplease starts breaking lines:
    //! names, values and types of every length from short to far too long, each text chunk
    //! checked against the render stage's formatting of its own tokens.

    use super::super::{Chunk, Ctx};
    use super::{emit_enum, emit_tagged, emit_untagged};
    use crate::ir::*;

    /// An `UpperCamelCase` name `n` characters long.
    fn name(first: char, n: usize) -> String {
        format!("{first}{}", "x".repeat(n.saturating_sub(1)))
    }

    fn def(name: String, kind: TypeKind, in_response: bool, title: Option<&str>) -> TypeDef {
        TypeDef {
            pointer: format!("/components/schemas/{name}"),
            name,
            doc: Doc {
                title: title.map(str::to_owned),
                ..Doc::default()
            },
            kind,
            in_request: true,
            in_response,
            in_update: false,
        }
    }

    fn shape(ty: Ty, nullable: bool) -> Shape {
        Shape {
            ty,
            nullable,
            rules: Rules::default(),
        }
    }

    fn object(name: String, fields: Vec<Field>) -> TypeDef {
        let s = Struct {
            fields,
            extra: None,
            null_means_unchanged: false,
        };
        def(name, TypeKind::Struct(s), false, None)
    }

    fn string_enum(name: String, values: &[String], open: bool) -> TypeDef {
        let variants = values
            .iter()
            .enumerate()
            .map(|(i, v)| EnumVariant {
                rust: format!("{}{i}", self::name('V', v.len())),
                value: EnumValue::Str(v.clone()),
            })
            .collect();
        let e = Enum {
            integer: false,
            variants,
        };
        def(name, TypeKind::Enum(e), open, None)
    }

    fn integer_enum(name: String, values: &[i64], open: bool) -> TypeDef {
        let variants = values
            .iter()
            .enumerate()
            .map(|(i, v)| EnumVariant {
                rust: format!("V{i}"),
                value: EnumValue::Int(*v),
            })
            .collect();
        let e = Enum {
            integer: true,
            variants,
        };
        def(name, TypeKind::Enum(e), open, None)
    }

    /// Fails with every text chunk of `types` that is not formatted as render formats tokens.
    fn check(types: Vec<TypeDef>) {
        let api = Api {
            module: "m".to_owned(),
            source: "spec/m.yaml".to_owned(),
            title: "M".to_owned(),
            version: "1".to_owned(),
            description: None,
            base_url: "https://example.com".to_owned(),
            env_prefix: "M".to_owned(),
            auth: Auth::None,
            error_type: None,
            types,
            operations: Vec::new(),
        };
        let ctx = Ctx::new(&api);
        let mut failures = Vec::new();
        let mut checked = 0;
        for t in &api.types {
            let chunks = match &t.kind {
                TypeKind::Enum(e) => emit_enum(&ctx, t, e),
                TypeKind::Tagged(u) => emit_tagged(&ctx, t, u),
                TypeKind::Untagged(u) => emit_untagged(&ctx, t, u),
                TypeKind::Struct(_) => continue,
            };
            for c in chunks {
                if let Chunk::Text(text) = c {
                    checked += 1;
                    if let Some(diff) = crate::render::unformatted(&text) {
                        failures.push(format!("{}: {diff}", t.name));
                    }
                }
            }
        }
        assert!(checked > 0);
        assert!(
            failures.is_empty(),
            "{} of {checked} text chunks differ:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn string_enums_of_every_width() {
        let mut types = Vec::new();
        for n in 1..=96 {
            // Values as long as the type name, some with characters a literal escapes.
            let values: Vec<String> = (0..=n % 6)
                .map(|i| match i {
                    1 => format!("{}\"\\", "q".repeat(n)),
                    2 => format!("é{}", "u".repeat(n / 2)),
                    _ => format!("{i}{}", "v".repeat(n)),
                })
                .collect();
            for open in [false, true] {
                let suffix = if open { "Open" } else { "Closed" };
                types.push(string_enum(
                    format!("{}{suffix}", name('E', n)),
                    &values,
                    open,
                ));
            }
        }
        types.push(string_enum("Empty".to_owned(), &[], false));
        types.push(string_enum("EmptyOpen".to_owned(), &[], true));
        check(types);
    }

    #[test]
    fn integer_enums_of_every_width() {
        let mut types = Vec::new();
        for n in 0..=40 {
            let values: Vec<i64> = (0..n as i64).map(|i| i * 1001 - 7).collect();
            for open in [false, true] {
                let suffix = if open { "Open" } else { "Closed" };
                types.push(integer_enum(
                    format!("{}{suffix}", name('I', 2 * n + 1)),
                    &values,
                    open,
                ));
            }
        }
        check(types);
    }

    #[test]
    fn tagged_unions_of_every_width() {
        let mut types = Vec::new();
        for n in 1..=100 {
            let union = name('T', n);
            let payload = name('P', n);
            let shared = format!("{}Shared", name('S', n / 2 + 1));
            // The first payload leads back to the union: boxed.
            let back = Field {
                rust: "back".to_owned(),
                wire: "back".to_owned(),
                pointer: String::new(),
                doc: Doc::default(),
                shape: shape(Ty::Named(union.clone()), false),
                required: true,
                null_clears: None,
            };
            let boxed = format!("{payload}Boxed");
            types.push(object(boxed.clone(), vec![back]));
            types.push(object(payload.clone(), Vec::new()));
            types.push(object(shared.clone(), Vec::new()));
            let variant = |rust: String, value: String, ty: &String| TaggedVariant {
                rust,
                value,
                ty: ty.clone(),
            };
            let variants = vec![
                variant(name('B', n), "b".repeat(n), &boxed),
                variant(name('A', n), "a".repeat(n), &payload),
                variant("One".to_owned(), "one".to_owned(), &shared),
                variant("Two".to_owned(), "two".to_owned(), &shared),
            ];
            let tag = "tag_".repeat(n / 4 + 1);
            types.push(def(
                union,
                TypeKind::Tagged(Tagged { tag, variants }),
                n % 2 == 0,
                None,
            ));
        }
        types.push(def(
            "EmptyTagged".to_owned(),
            TypeKind::Tagged(Tagged {
                tag: "kind".to_owned(),
                variants: Vec::new(),
            }),
            false,
            None,
        ));
        check(types);
    }

    #[test]
    fn untagged_unions_of_every_width() {
        let mut types = Vec::new();
        for n in 1..=100 {
            let union = name('U', n);
            let item = name('O', n);
            let other = format!("{}Other", name('O', n / 3 + 1));
            types.push(object(item.clone(), Vec::new()));
            types.push(object(other.clone(), Vec::new()));
            let named = |n: &String| shape(Ty::Named(n.clone()), false);
            let variant = |rust: String, shape: Shape| UntaggedVariant {
                rust,
                doc: Doc::default(),
                shape,
            };
            let nested = shape(
                Ty::Map(Box::new(shape(
                    Ty::Array(Box::new(shape(Ty::Named(other.clone()), true))),
                    false,
                ))),
                false,
            );
            let mut variants = vec![
                variant(name('N', n), named(&item)),
                variant(
                    "List".to_owned(),
                    shape(Ty::Array(Box::new(named(&item))), false),
                ),
                variant("Nested".to_owned(), nested),
                variant("Maybe".to_owned(), shape(Ty::Named(other.clone()), true)),
                variant(
                    "Count".to_owned(),
                    shape(Ty::Integer { bits32: n % 2 == 0 }, false),
                ),
            ];
            // Strings convert only without a named variant.
            let strings = vec![
                variant(name('S', n), shape(Ty::String, false)),
                variant("Flag".to_owned(), shape(Ty::Boolean, false)),
                variant("Any".to_owned(), shape(Ty::Any, true)),
            ];
            if n % 3 == 0 {
                variants = strings;
            } else if n % 3 == 1 {
                variants.extend(strings);
            }
            types.push(def(
                union,
                TypeKind::Untagged(Untagged { variants }),
                n % 2 == 0,
                None,
            ));
        }
        // Recursive through a union: boxed.
        let leaf = Field {
            rust: "expr".to_owned(),
            wire: "expr".to_owned(),
            pointer: String::new(),
            doc: Doc::default(),
            shape: shape(Ty::Named("Expr".to_owned()), false),
            required: true,
            null_clears: None,
        };
        types.push(object(name('B', 80), vec![leaf]));
        let variants = vec![UntaggedVariant {
            rust: name('B', 80),
            doc: Doc::default(),
            shape: shape(Ty::Named(name('B', 80)), false),
        }];
        types.push(def(
            "Expr".to_owned(),
            TypeKind::Untagged(Untagged { variants }),
            false,
            None,
        ));
        for open in [false, true] {
            types.push(def(
                format!("EmptyUntagged{open}"),
                TypeKind::Untagged(Untagged {
                    variants: Vec::new(),
                }),
                open,
                None,
            ));
        }
        check(types);
    }

    #[test]
    fn doc_titles_with_line_breaks_comment_markers_and_tabs() {
        let titles = [
            "one line",
            "two\nlines",
            "trailing spaces   \ninside",
            "a */ closes\nno block",
            "opens /* a block\nnever closed",
            "ends with a slash\nthen /",
            "a tab at the end\t",
            "```\ncode\t\n```",
        ];
        let types = titles
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let mut t = string_enum(format!("Titled{i}"), &["a".to_owned()], i % 2 == 0);
                t.doc.title = Some((*title).to_owned());
                t
            })
            .collect();
        check(types);
    }
}

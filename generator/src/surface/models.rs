//! The surface of named types: struct fields with their wrappers, setters, `clear_*` methods and
//! the map of unknown fields; union variants, the fallback variant and the discriminator
//! accessor.

use super::*;
use crate::ident::{bare, value_name, Namespace};
use foldhash::HashSet;

type Index<'a> = HashMap<&'a str, &'a TypeDef>;
type Boxed<'a> = HashSet<(&'a str, &'a str)>;

pub fn type_surface(
    index: &Index<'_>,
    boxed: &Boxed<'_>,
    t: &TypeDef,
    sink: &mut Sink,
) -> TypeSurface {
    match &t.kind {
        TypeKind::Struct(s) => TypeSurface::Struct(structure(index, boxed, t, s, sink)),
        TypeKind::Enum(_) => TypeSurface::Enum,
        TypeKind::Tagged(u) => TypeSurface::Tagged(UnionSurface {
            variants: u
                .variants
                .iter()
                .map(|v| variant(boxed, t, &v.rust, &RustType::Named(v.ty.clone())))
                .collect(),
            fallback: None,
            accessor: Some(value_name(&u.tag)),
        }),
        TypeKind::Untagged(u) => {
            // A response value matching no variant is kept, not a decoding failure.
            let fallback = t.in_response.then(|| {
                let mut ns = Namespace::new();
                u.variants.iter().for_each(|v| ns.reserve(&v.rust));
                claim(&mut ns, "Other", &t.pointer, "the fallback variant", sink)
            });
            TypeSurface::Untagged(UnionSurface {
                variants: u
                    .variants
                    .iter()
                    .map(|v| {
                        let inner = RustType::value(&v.shape);
                        let mut s = variant(boxed, t, &v.rust, &inner);
                        if v.shape.nullable && !matches!(v.shape.ty, Ty::Any) {
                            s.ty = s.ty.option();
                        }
                        s
                    })
                    .collect(),
                fallback,
                accessor: None,
            })
        }
    }
}

fn variant(boxed: &Boxed<'_>, t: &TypeDef, rust: &str, inner: &RustType) -> VariantSurface {
    let is_boxed = boxed.contains(&(t.name.as_str(), rust));
    VariantSurface {
        ty: if is_boxed {
            inner.clone().boxed()
        } else {
            inner.clone()
        },
        boxed: is_boxed,
    }
}

fn structure(
    index: &Index<'_>,
    boxed: &Boxed<'_>,
    t: &TypeDef,
    s: &Struct,
    sink: &mut Sink,
) -> StructSurface {
    // Methods share one namespace: the constructor and trait methods first, then one setter
    // per optional field in field order, its `clear_*` after it, and `with_extra` last.
    let mut methods = Namespace::new();
    MODEL_METHODS.iter().for_each(|m| methods.reserve(m));
    let fields = s
        .fields
        .iter()
        .map(|f| field(index, boxed, t, f, &mut methods, sink))
        .collect();
    let extra = (s.extra.is_some() || t.in_response).then(|| {
        let mut names = Namespace::new();
        s.fields.iter().for_each(|f| names.reserve(&f.rust));
        let field = claim(
            &mut names,
            "extra",
            &t.pointer,
            "the map of undeclared properties",
            sink,
        );
        let (value, declared) = match &s.extra {
            Some(shape) => (RustType::nullable(shape), true),
            None => (RustType::Prim(Prim::Value), false),
        };
        let setter = (declared && is_sent(t)).then(|| {
            let pointer = crate::diag::join(&t.pointer, "additionalProperties");
            claim(
                &mut methods,
                "with_extra",
                &pointer,
                "the method adding a property",
                sink,
            )
        });
        ExtraMap {
            field,
            value,
            declared,
            setter,
        }
    });
    StructSurface { fields, extra }
}

fn field(
    index: &Index<'_>,
    boxed: &Boxed<'_>,
    t: &TypeDef,
    f: &Field,
    methods: &mut Namespace,
    sink: &mut Sink,
) -> FieldSurface {
    let is_boxed = boxed.contains(&(t.name.as_str(), f.rust.as_str()));
    let mut inner = RustType::value(&f.shape);
    if is_boxed {
        inner = inner.boxed();
    }
    let patch = is_patch(t, f);
    let (wrapper, ty) = if patch {
        (Wrapper::Patch, inner.patch())
    } else if f.is_option() && !matches!(f.shape.ty, Ty::Any) {
        (Wrapper::Option, inner.option())
    } else {
        (Wrapper::Plain, inner)
    };
    let fixed = single_variant(index, f);
    let setter = (!f.required && is_sent(t))
        .then(|| claim(methods, &f.rust, &f.pointer, "the setter", sink));
    let clear = patch.then(|| {
        let name = format!("clear_{}", bare(&f.rust));
        claim(
            methods,
            &name,
            &f.pointer,
            "the method clearing the field",
            sink,
        )
    });
    FieldSurface {
        name: f.rust.clone(),
        ty,
        wrapper,
        boxed: is_boxed,
        fixed,
        setter,
        clear,
    }
}

/// The only variant of a required, non-nullable enum field with one value.
fn single_variant(index: &Index<'_>, f: &Field) -> Option<String> {
    let Ty::Named(n) = &f.shape.ty else {
        return None;
    };
    match &index.get(n.as_str())?.kind {
        TypeKind::Enum(e) if f.required && !f.shape.nullable && e.variants.len() == 1 => {
            Some(e.variants[0].rust.clone())
        }
        _ => None,
    }
}

/// Claims `name` in `ns`; a taken name gets a suffix and a warning at `pointer`.
pub fn claim(ns: &mut Namespace, name: &str, pointer: &str, what: &str, sink: &mut Sink) -> String {
    let got = ns.claim(name.to_owned());
    if got != name {
        sink.warning(
            pointer,
            format!(
                "{what} would be `{}`, a name already taken; it is `{got}`",
                bare(name)
            ),
            Some("rename the property or operation if you want another name".to_owned()),
        );
    }
    got
}

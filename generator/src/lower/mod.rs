//! Stage 2, lower: `openapiv3::OpenAPI` → [`ir::Api`](crate::ir::Api). The only stage that sees
//! openapiv3 types (3.1/3.2 documents arrive rewritten into them by `load`). Collects every diagnostic instead of stopping at the first.

mod all_of;
mod composed;
mod ctx;
mod dependent;
mod operation;
mod reach;
mod resolve;
mod schema;
mod shared;
mod source;
mod tagged;
mod view;

use crate::diag::{join, Diagnostics, Sink};
use crate::ident::{type_name, Namespace};
use crate::ir::*;
use crate::load::Document;
use foldhash::{HashMap, HashMapExt};
use openapiv3::{OpenAPI, ReferenceOr, SecurityScheme};
use std::collections::{BTreeMap, BTreeSet};
use view::View;

pub(crate) struct Lowerer<'a> {
    doc: &'a OpenAPI,
    /// Objects that `$ref`s outside `components` name (see [`resolve`]).
    store: &'a resolve::Store,
    sink: Sink,
    types: BTreeMap<String, TypeDef>,
    /// `#/components/schemas/X` → Rust type name, for schemas that become named types.
    by_ref: HashMap<String, String>,
    names: Namespace,
    /// References being inlined right now (cycle detection).
    inlining: Vec<&'a str>,
    /// (struct, property) pairs to drop: discriminator properties carried by the enum tag.
    tag_strip: Vec<(String, String)>,
    /// JSON pointer of an inline schema → the named type made from it (lowered once).
    inline_types: HashMap<String, String>,
    /// Inline schemas made into types, found by their content (identical copies share a type).
    shared: shared::Index<'a>,
    /// Patterns compiled so far: why the regex engine refused one, `None` if it did not.
    patterns: HashMap<&'a str, Option<String>>,
}

/// Lowers a loaded document. `file` is used in diagnostics, `module` names the Rust module.
/// On success returns the IR and the warnings.
pub fn lower(
    file: &str,
    module: &str,
    document: &Document,
) -> Result<(Api, Diagnostics), Diagnostics> {
    let doc = &document.openapi;
    let store = resolve::Store::default();
    let mut l = Lowerer {
        doc,
        store: &store,
        sink: Sink::new(file),
        types: BTreeMap::new(),
        by_ref: HashMap::new(),
        names: Namespace::new(),
        inlining: Vec::new(),
        tag_strip: Vec::new(),
        inline_types: HashMap::new(),
        shared: shared::Index::default(),
        patterns: HashMap::new(),
    };
    // Type names are claimed here, where the IR first refers to types by name, against the
    // surface stage's list of the names the module itself defines or uses.
    for r in crate::surface::MODULE_TYPES {
        l.names.reserve(r);
    }
    l.name_components();
    l.define_components();
    let mut operations = l.operations();
    let mut webhooks = l.webhooks();
    l.strip_tags();
    let renames = l.shared.names(&l.types, &mut l.names);
    shared::apply(&renames, &mut l.types, &mut operations, &mut webhooks);
    let auth = l.auth();
    let base_url = l.base_url();
    let components = l.by_ref.values().map(String::as_str);
    reach::drop_orphans(&mut l.types, components, &operations, &webhooks);
    reach::mark_reachable(&mut l.types, &operations, &webhooks);
    let error_type = common_error_type(&operations);
    let mut api = Api {
        module: module.to_owned(),
        source: file.to_owned(),
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        description: doc.info.description.clone(),
        base_url,
        env_prefix: module.to_uppercase(),
        auth,
        error_type,
        types: l.types.into_values().collect(),
        operations,
        features: match doc
            .extensions
            .get("x-rust-features")
            .and_then(|v| v.as_str())
        {
            Some("tags") => Some(FeatureGroups::Tags),
            Some("paths") => Some(FeatureGroups::Paths),
            _ => None,
        },
        webhooks,
    };
    // Warnings from reading a 3.1/3.2 document come first: they are about the source as written.
    let mut diags = document.warnings.clone();
    diags.0.extend(l.sink.into_diagnostics().0);
    source::restore(document, &mut api, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((api, diags))
    }
}

impl<'a> Lowerer<'a> {
    fn component_schemas(&self) -> Vec<(&'a String, &'a ReferenceOr<openapiv3::Schema>)> {
        self.doc
            .components
            .as_ref()
            .map(|c| c.schemas.iter().collect())
            .unwrap_or_default()
    }

    /// Pass 1: every component schema that becomes a named type gets its name first, so
    /// references (including recursive ones) resolve to it.
    fn name_components(&mut self) {
        for (name, s) in self.component_schemas() {
            if let ReferenceOr::Item(schema) = s {
                if self.is_type_worthy(&View::of(schema)) {
                    let rust = self.names.claim(type_name(name));
                    self.by_ref.insert(
                        format!("#/components/schemas/{}", crate::diag::escape(name)),
                        rust,
                    );
                }
            }
        }
        // Component aliases (`A: {$ref: B}`) name the same type as their target.
        for (name, s) in self.component_schemas() {
            if let ReferenceOr::Reference { reference } = s {
                if let Some(target) = self.by_ref.get(reference).cloned() {
                    self.by_ref.insert(
                        format!("#/components/schemas/{}", crate::diag::escape(name)),
                        target,
                    );
                }
            }
        }
    }

    fn define_components(&mut self) {
        for (name, s) in self.component_schemas() {
            let key = format!("#/components/schemas/{}", crate::diag::escape(name));
            if let (ReferenceOr::Item(schema), Some(rust)) = (s, self.by_ref.get(&key).cloned()) {
                if !self.types.contains_key(&rust) {
                    self.define(rust, schema, join("/components/schemas", name));
                }
            }
        }
    }

    fn strip_tags(&mut self) {
        for (ty, tag) in std::mem::take(&mut self.tag_strip) {
            if let Some(TypeDef {
                kind: TypeKind::Struct(s),
                ..
            }) = self.types.get_mut(&ty)
            {
                s.fields.retain(|f| f.wire != tag);
            }
        }
    }

    fn auth(&mut self) -> Auth {
        let requirement = self
            .doc
            .security
            .as_ref()
            .and_then(|s| s.first())
            .or_else(|| {
                self.doc.paths.paths.values().find_map(|p| match p {
                    ReferenceOr::Item(item) => item
                        .iter()
                        .find_map(|(_, op)| op.security.as_ref().and_then(|s| s.first())),
                    ReferenceOr::Reference { .. } => None,
                })
            });
        let Some(name) = requirement.and_then(|r| r.keys().next()).cloned() else {
            return Auth::None;
        };
        let pointer = join("/components/securitySchemes", &name);
        let scheme = self
            .doc
            .components
            .as_ref()
            .and_then(|c| c.security_schemes.get(&name));
        match scheme {
            Some(ReferenceOr::Item(SecurityScheme::APIKey {
                location: openapiv3::APIKeyLocation::Header,
                name: header,
                ..
            })) => Auth::Header {
                scheme: name,
                header: header.clone(),
            },
            Some(ReferenceOr::Item(SecurityScheme::APIKey {
                location: openapiv3::APIKeyLocation::Query,
                name: param,
                ..
            })) => Auth::Query {
                scheme: name,
                param: param.clone(),
            },
            Some(ReferenceOr::Item(SecurityScheme::APIKey {
                location: openapiv3::APIKeyLocation::Cookie,
                name: cookie,
                ..
            })) => Auth::Cookie {
                scheme: name,
                cookie: cookie.clone(),
            },
            Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                if scheme.eq_ignore_ascii_case("basic") =>
            {
                Auth::Basic { scheme: name }
            }
            Some(ReferenceOr::Item(SecurityScheme::HTTP { scheme, .. }))
                if scheme.eq_ignore_ascii_case("bearer") =>
            {
                Auth::Bearer { scheme: name }
            }
            Some(ReferenceOr::Item(
                SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. },
            )) => {
                self.sink.warning(&pointer, "OAuth2/OpenID Connect flows are not generated; the client sends the key as a bearer token", None);
                Auth::Bearer { scheme: name }
            }
            Some(_) => {
                self.sink.error(
                    &pointer,
                    format!("security scheme `{name}` is not supported"),
                    Some(
                        "use `type: apiKey, in: header` or `type: http, scheme: bearer`".to_owned(),
                    ),
                );
                Auth::None
            }
            None => {
                self.sink.error(&pointer, format!("security requirement names `{name}`, which is not in components/securitySchemes"), Some(format!("define `{name}` under components/securitySchemes")));
                Auth::None
            }
        }
    }

    fn base_url(&mut self) -> String {
        match self.doc.servers.first() {
            Some(server) => {
                let mut url = server.url.clone();
                if let Some(vars) = &server.variables {
                    for (k, v) in vars {
                        url = url.replace(&format!("{{{k}}}"), &v.default);
                    }
                }
                url.trim_end_matches('/').to_owned()
            }
            None => {
                self.sink.warning(
                    "/servers",
                    "no `servers`: the client has no default base URL",
                    Some("add `servers: [{url: https://...}]`".to_owned()),
                );
                String::new()
            }
        }
    }
}

/// The named type of every documented error body, when there is exactly one.
fn common_error_type(ops: &[Operation]) -> Option<String> {
    let mut found: BTreeSet<&str> = BTreeSet::new();
    for e in ops.iter().flat_map(|o| &o.errors) {
        if let Some(Shape {
            ty: Ty::Named(n), ..
        }) = &e.body
        {
            found.insert(n);
        }
    }
    (found.len() == 1).then(|| found.into_iter().next().unwrap_or_default().to_owned())
}

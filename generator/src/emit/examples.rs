//! The spec's examples as tests of the generated module (`#[cfg(test)] mod spec_examples`):
//! request examples decode, validate and round-trip; response and schema examples decode and
//! round-trip with nothing lost. A docs change whose example no longer fits fails `cargo test`.

use super::layout::{line, text, type_node, Node};
use super::text::{str_lit, Code};
use super::{Chunk, Ctx};
use crate::ident::{value_name, Namespace};
use crate::ir::*;

struct Case {
    pointer: String,
    json: String,
    /// The Rust type the example decodes as, as formatted text.
    ty: String,
    request: bool,
}

/// The `spec_examples` test module, as text; empty when the spec has no examples.
pub fn emit_example_tests(ctx: &Ctx<'_>) -> Chunk {
    let cases = cases(ctx);
    if cases.is_empty() {
        return Chunk::Text(String::new());
    }
    let mut code = Code::new();
    code.line("/// Every example in the spec, checked against the generated types.");
    code.line("#[cfg(test)]");
    code.open("mod spec_examples {");
    code.line("use super::*;");
    let mut names = Namespace::new();
    for c in &cases {
        let name = names.claim(value_name(c.pointer.split('#').nth(1).unwrap_or("example")));
        code.blank();
        code.line("#[test]");
        code.open(&format!("fn {name}() {{"));
        check_call(&mut code, c);
        code.close("}");
    }
    code.close("}");
    Chunk::Text(code.finish())
}

/// `rt::examples::check_request::<T>(pointer, json);`, on one line when it fits; otherwise the
/// type parameter goes on its own line, then the arguments too if they still do not fit.
fn check_call(code: &mut Code, c: &Case) {
    let check = if c.request {
        "check_request"
    } else {
        "check_response"
    };
    let stmt = Node::Seq(vec![
        text(&format!("rt::examples::{check}::")),
        Node::List {
            open: "<".to_owned(),
            items: vec![type_node(&c.ty)],
            close: ">".to_owned(),
        },
        Node::List {
            open: "(".to_owned(),
            items: vec![text(&str_lit(&c.pointer)), text(&str_lit(&c.json))],
            close: ")".to_owned(),
        },
    ]);
    line(code, "", &stmt, ";");
}

/// Every example of the spec: named types', then each operation's request and response bodies'.
fn cases(ctx: &Ctx<'_>) -> Vec<Case> {
    let mut cases = Vec::new();
    for t in &ctx.api.types {
        if let Some(v) = &t.doc.example {
            cases.push(Case {
                pointer: format!("{}#{}", ctx.api.source, t.pointer),
                json: v.to_string(),
                ty: t.name.clone(),
                request: t.in_request && !matches!(t.kind, TypeKind::Enum(_)),
            });
        }
    }
    for op in &ctx.api.operations {
        if let Some(b) = &op.body {
            let ty = ctx.type_text_nullable(&b.shape);
            let request = matches!(b.shape.ty, Ty::Named(_)) && !b.shape.nullable;
            for e in &b.examples {
                cases.push(Case {
                    pointer: format!("{}#{}", ctx.api.source, e.pointer),
                    json: e.value.to_string(),
                    ty: ty.clone(),
                    request,
                });
            }
        }
        for r in std::iter::once(&op.success).chain(&op.errors) {
            let Some(shape) = &r.body else { continue };
            let ty = ctx.type_text_nullable(shape);
            for e in &r.examples {
                cases.push(Case {
                    pointer: format!("{}#{}", ctx.api.source, e.pointer),
                    json: e.value.to_string(),
                    ty: ty.clone(),
                    request: false,
                });
            }
        }
    }
    cases
}

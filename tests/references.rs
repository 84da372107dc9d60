//! `$ref`s to parameters, request bodies, responses, headers and path items resolve wherever
//! their JSON pointer leads inside the document, through chains and percent-encoding.

mod support;

use generator::ir::{Api, Operation, ParamLocation, TypeKind};

fn lowered(name: &str) -> Api {
    let file = format!("tests/fixtures/refs/{name}.yaml");
    let text = std::fs::read_to_string(support::fixtures::root().join(&file)).expect("fixture");
    match generator::lower_spec(&file, name, &text) {
        Ok((api, _, _)) => api,
        Err(d) => panic!("{file} did not lower:\n{d}"),
    }
}

fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|op| op.id == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

#[test]
fn a_chain_of_component_references_reaches_the_parameter() {
    let api = lowered("internal_pointers");
    let list = operation(&api, "listThings");
    let query = list
        .query
        .as_deref()
        .expect("listThings has query parameters");
    let Some(TypeKind::Struct(fields)) =
        api.types.iter().find(|t| t.name == query).map(|t| &t.kind)
    else {
        panic!("no query struct {query}");
    };
    let wire: Vec<&str> = fields.fields.iter().map(|f| f.wire.as_str()).collect();
    assert_eq!(wire, ["limit", "cursor"]);
}

#[test]
fn a_reference_into_another_operation_reaches_its_parameter_and_header() {
    let api = lowered("internal_pointers");
    let get = operation(&api, "getThing");
    assert!(
        get.query.is_some(),
        "`limit`, from listThings, is a query parameter"
    );
    let headers: Vec<&str> = get
        .success
        .headers
        .iter()
        .map(|h| h.name.as_str())
        .collect();
    assert_eq!(headers, ["X-Rate-Limit"]);
    let put = operation(&api, "putThing");
    let id = put
        .params
        .iter()
        .find(|p| p.wire == "id")
        .expect("`id`, percent-encoded $ref");
    assert_eq!(id.location, ParamLocation::Path);
    assert!(id.required);
}

#[test]
fn chained_responses_and_component_request_bodies_resolve() {
    let api = lowered("internal_pointers");
    let get = operation(&api, "getThing");
    let not_found = get.errors.iter().find(|r| r.status == 404).expect("404");
    assert_eq!(not_found.description, "no such thing");
    assert!(not_found.body.is_some());
    let put = operation(&api, "putThing");
    let body = put.body.as_ref().expect("putThing's request body");
    assert!(body.required);
}

#[test]
fn a_path_item_reference_brings_its_operations() {
    let api = lowered("internal_pointers");
    let health = operation(&api, "health");
    assert_eq!(health.path, "/health");
}

/// The request body's properties by wire name.
fn body_fields(api: &Api, op: &str) -> Vec<(String, generator::ir::Shape)> {
    let body = operation(api, op).body.as_ref().expect("a request body");
    let generator::ir::Ty::Named(name) = &body.shape.ty else {
        panic!("{op}'s body is not a named type: {:?}", body.shape.ty);
    };
    let Some(TypeKind::Struct(s)) = api.types.iter().find(|t| &t.name == name).map(|t| &t.kind)
    else {
        panic!("no struct {name}");
    };
    s.fields
        .iter()
        .map(|f| (f.wire.clone(), f.shape.clone()))
        .collect()
}

#[test]
fn schema_references_into_properties_and_parameters_resolve() {
    let api = lowered("schema_pointers");
    let fields = body_fields(&api, "createThing");
    let shape = |wire: &str| {
        fields
            .iter()
            .find(|(w, _)| w == wire)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| panic!("no field {wire}"))
    };
    // The property's enum, the parameter's integer with its range, and the same enum again
    // through a component that is itself a reference.
    let colour = shape("colour");
    assert!(
        matches!(&colour.ty, generator::ir::Ty::Named(_)),
        "{colour:?}"
    );
    assert_eq!(
        shape("tint").ty,
        colour.ty,
        "the chain reaches the same type"
    );
    let page_size = shape("page_size");
    assert!(
        matches!(page_size.ty, generator::ir::Ty::Integer { .. }),
        "{page_size:?}"
    );
    assert_eq!(page_size.rules.minimum, Some(1.0));
    assert_eq!(page_size.rules.maximum, Some(50.0));
}

//! The `*_with_response` companions are claimed in the surface stage: an operation whose own
//! name is another's companion keeps its name, and the companion is renamed with a warning.

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Names, version: "1"}
servers: [{url: "https://example.test"}]
paths:
  /thing:
    get:
      operationId: getThing
      responses:
        "200":
          description: A thing.
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
  /thing/raw:
    get:
      operationId: getThingWithResponse
      description: Named like the companion of `getThing`.
      responses:
        "204": {description: Nothing.}
"#;

#[test]
fn an_operation_keeps_its_name_and_the_companion_moves() {
    let generated =
        generator::generate("names.yaml", "names", SPEC).unwrap_or_else(|d| panic!("{d}"));
    let source = &generated.source;
    for method in [
        "pub fn get_thing<'a>(",
        // The operation `getThingWithResponse`, then its own companion.
        "pub fn get_thing_with_response<'a>(",
        "pub fn get_thing_with_response_with_response<'a>(",
        // The companion of `getThing`, renamed.
        "pub fn get_thing_with_response_2<'a>(",
    ] {
        assert!(source.contains(method), "no `{method}` in:\n{source}");
    }
    assert!(
        source.contains("rt::body_of(self.get_thing_with_response_2())"),
        "get_thing delegates to its own companion"
    );
    let warnings: Vec<String> = generated
        .warnings
        .warnings()
        .map(|w| w.to_string())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("would be `get_thing_with_response`, a name already taken")),
        "{warnings:#?}"
    );
}

/// The `*_streamed` methods of a response offered as JSON and streamed are claimed after every
/// other method: an operation named like one keeps its name, and the streamed pair moves.
const STREAMED: &str = r#"
openapi: 3.0.3
info: {title: Names, version: "1"}
servers: [{url: "https://example.test"}]
paths:
  /thing:
    get:
      operationId: getThing
      responses:
        "200":
          description: A thing, whole or as events.
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
            text/event-stream:
              x-item-schema: {type: object, properties: {id: {type: string}}}
  /thing/streamed:
    get:
      operationId: getThingStreamed
      responses:
        "204": {description: Nothing.}
"#;

#[test]
fn an_operation_keeps_its_name_and_the_streamed_methods_move() {
    let generated =
        generator::generate("names.yaml", "names", STREAMED).unwrap_or_else(|d| panic!("{d}"));
    let source = &generated.source;
    for method in [
        "pub fn get_thing<'a>(",
        "pub fn get_thing_with_response<'a>(",
        "pub fn get_thing_streamed<'a>(",
        "pub fn get_thing_streamed_with_response<'a>(",
        "pub fn get_thing_streamed_2<'a>(",
        "pub fn get_thing_streamed_2_with_response<'a>(",
    ] {
        assert!(source.contains(method), "no `{method}` in:\n{source}");
    }
    assert!(source.contains("rt::body_of(self.get_thing_streamed_2_with_response())"));
    let warnings = generated.warnings.to_string();
    assert!(
        warnings
            .contains("the streamed method would be `get_thing_streamed`, a name already taken"),
        "{warnings}"
    );
}

//! A to-do API as a Rust server built with utoipa 5 describes it: models deriving `ToSchema`,
//! handlers annotated with `#[utoipa::path]`, and the document assembled by `#[derive(OpenApi)]`.
//! Only the annotations matter here (nothing serves these handlers; the contract test serves
//! the document with Prism), so the handler bodies are empty.
//!
//! It covers what utoipa writes for ordinary server code: `Option<T>` fields (`type: [T,
//! "null"]`, and `oneOf` with `{type: "null"}` around a `$ref`), unsigned integers (`minimum:
//! 0`), a unit enum, a `Vec` response, path and query parameters (`IntoParams`), a request body
//! with length and range constraints, and error responses with a body.

#![allow(dead_code)]

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Where a to-do stands.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    InProgress,
    Done,
}

/// A to-do item.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"id": 1, "title": "Water the plants", "status": "open",
    "note": null, "priority": 3}))]
pub struct Todo {
    /// Assigned by the server.
    pub id: u64,
    pub title: String,
    pub status: Status,
    /// Free text; `null` when there is none.
    pub note: Option<String>,
    /// 1 (highest) to 5.
    pub priority: u8,
    /// Who does it, if anyone.
    pub assignee: Option<Person>,
}

/// Somebody a to-do can be assigned to.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct Person {
    pub name: String,
}

/// A to-do to create.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct NewTodo {
    #[schema(min_length = 1, max_length = 80)]
    pub title: String,
    pub status: Status,
    pub note: Option<String>,
    #[schema(minimum = 1, maximum = 5)]
    pub priority: u8,
    pub assignee: Option<Person>,
}

/// The body of every error response.
#[derive(Serialize, Deserialize, ToSchema)]
#[schema(example = json!({"code": "not_found", "message": "no to-do 7"}))]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
}

/// The query of `GET /todos`.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only to-dos in this status.
    pub status: Option<Status>,
    /// At most this many (1 to 100).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// Lists the to-dos.
#[utoipa::path(get, path = "/todos", operation_id = "list_todos", params(ListQuery),
    responses((status = 200, description = "The to-dos", body = Vec<Todo>)))]
pub fn list_todos() {}

/// Creates a to-do.
#[utoipa::path(post, path = "/todos", operation_id = "create_todo", request_body = NewTodo,
    responses(
        (status = 201, description = "Created", body = Todo),
        (status = 422, description = "The to-do is not valid", body = ErrorBody),
    ))]
pub fn create_todo() {}

/// One to-do, by id.
#[utoipa::path(get, path = "/todos/{id}", operation_id = "get_todo",
    params(("id" = u64, Path, description = "The to-do's id")),
    responses(
        (status = 200, description = "The to-do", body = Todo),
        (status = 404, description = "No to-do has this id", body = ErrorBody),
    ))]
pub fn get_todo() {}

/// The document: every path and the schemas they use.
#[derive(OpenApi)]
#[openapi(
    info(title = "To-dos", version = "1.0.0", description = "A to-do API served by a Rust server."),
    servers((url = "http://127.0.0.1:8080", description = "Local development")),
    paths(list_todos, create_todo, get_todo),
    components(schemas(Todo, NewTodo, Status, Person, ErrorBody))
)]
pub struct ApiDoc;

/// The document as utoipa writes it (pretty JSON, keys in utoipa's order), with a final newline.
pub fn spec_json() -> String {
    let mut text = ApiDoc::openapi()
        .to_pretty_json()
        .expect("utoipa's document serializes");
    text.push('\n');
    text
}

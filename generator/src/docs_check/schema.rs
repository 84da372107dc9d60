//! Schemas of the spec as docs-check needs them: the properties an object schema declares
//! (through `$ref`, `allOf`, `oneOf`, `anyOf`), one property's keywords merged into a flat view,
//! and JSON examples checked against a schema (OpenAPI 3.0: `nullable`), each problem with the
//! instance path and the JSON pointer of the schema that refused it.

use super::spec::Spec;
use crate::diag::join;
use serde_json::Value;

/// A property's keywords, merged over its `$ref`/`allOf` chain and the union of its
/// `oneOf`/`anyOf` branches. Each keyword keeps the pointer of the schema that states it.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// `type`s stated (a union's branches may state several).
    pub types: Vec<String>,
    /// `nullable: true` anywhere on the chain.
    pub nullable: bool,
    /// The enum values of every branch that has an `enum`, and where the first is.
    pub enums: Option<(Vec<Value>, String)>,
    /// Whether some branch has no `enum` (then any value of its type is allowed).
    pub open: bool,
    pub min_length: Option<(u64, String)>,
    pub max_length: Option<(u64, String)>,
    pub minimum: Option<(f64, String)>,
    pub maximum: Option<(f64, String)>,
    pub patterns: Vec<(String, String)>,
    /// The `items` schema pointer, for arrays.
    pub items: Option<String>,
}

impl Spec {
    /// `(name, pointer of the property schema)` of every property `schema` declares, directly
    /// or through `$ref`, `allOf`, `oneOf` and `anyOf` (a name declared twice is listed twice).
    pub fn properties(&self, schema: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        self.walk(schema, 0, &mut |spec, at| {
            if let Some(map) = spec
                .at(at)
                .and_then(|s| s.get("properties"))
                .and_then(Value::as_object)
            {
                let props = join(at, "properties");
                out.extend(map.keys().map(|k| (k.clone(), join(&props, k))));
            }
        });
        out
    }

    /// Whether `schema` (through the same chain) lists `name` in a `required`, and where.
    pub fn required(&self, schema: &str, name: &str) -> Option<String> {
        let mut found = None;
        self.walk(schema, 0, &mut |spec, at| {
            let listed = spec
                .at(at)
                .and_then(|s| s.get("required"))
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|v| v == name));
            if listed && found.is_none() {
                found = Some(join(at, "required"));
            }
        });
        found
    }

    /// Whether the schema at `pointer` (through its chain) says extra keys are expected
    /// (`additionalProperties` true or a schema).
    fn allows_extra(&self, pointer: &str) -> bool {
        let mut allows = false;
        self.walk(pointer, 0, &mut |spec, at| {
            allows |= spec
                .at(at)
                .and_then(|s| s.get("additionalProperties"))
                .is_some_and(|a| a != &Value::Bool(false));
        });
        allows
    }

    /// The merged keywords of the schema at `pointer`.
    pub fn view(&self, pointer: &str) -> View {
        let mut v = View::default();
        let mut enums: Vec<Value> = Vec::new();
        let mut enum_at = None;
        let mut branches_without_enum = false;
        self.walk(pointer, 0, &mut |spec, at| {
            let Some(s) = spec.at(at) else { return };
            if let Some(t) = s.get("type").and_then(Value::as_str) {
                if !v.types.iter().any(|x| x == t) {
                    v.types.push(t.to_owned());
                }
            }
            v.nullable |= s.get("nullable") == Some(&Value::Bool(true));
            if let Some(e) = s.get("enum").and_then(Value::as_array) {
                enums.extend(e.iter().cloned());
                enum_at.get_or_insert_with(|| join(at, "enum"));
            } else if s.get("type").is_some() && s.get("allOf").is_none() {
                branches_without_enum = true;
            }
            let num = |k: &str| s.get(k).and_then(Value::as_f64).map(|n| (n, join(at, k)));
            let int = |k: &str| s.get(k).and_then(Value::as_u64).map(|n| (n, join(at, k)));
            v.min_length = v.min_length.take().or_else(|| int("minLength"));
            v.max_length = v.max_length.take().or_else(|| int("maxLength"));
            v.minimum = v.minimum.take().or_else(|| num("minimum"));
            v.maximum = v.maximum.take().or_else(|| num("maximum"));
            if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                v.patterns.push((p.to_owned(), join(at, "pattern")));
            }
            if s.get("items").is_some() && v.items.is_none() {
                v.items = Some(spec.resolve(&join(at, "items")));
            }
        });
        v.open = branches_without_enum || enum_at.is_none();
        v.enums = enum_at.map(|at| (enums, at));
        v
    }

    /// Calls `f` on `schema` and every schema it is made of (`$ref`, `allOf`, `oneOf`,
    /// `anyOf`), resolved, depth first.
    fn walk(&self, schema: &str, depth: usize, f: &mut dyn FnMut(&Spec, &str)) {
        if depth > 16 {
            return;
        }
        let at = self.resolve(schema);
        f(self, &at);
        for key in ["allOf", "oneOf", "anyOf"] {
            let n = self
                .at(&at)
                .and_then(|s| s.get(key))
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            for i in 0..n {
                self.walk(&join(&join(&at, key), &i.to_string()), depth + 1, f);
            }
        }
    }

    /// Problems of `value` against the schema at `pointer`: `(instance path, schema pointer,
    /// message)`. Covers what the pages' examples exercise: types, `nullable`, `enum`, lengths,
    /// ranges, patterns, `required`, undeclared properties, items, `allOf`/`oneOf`/`anyOf`.
    pub fn check(&self, pointer: &str, value: &Value, path: &str) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        self.check_into(pointer, value, path, 0, false, &mut out);
        out
    }

    fn check_into(
        &self,
        pointer: &str,
        value: &Value,
        path: &str,
        depth: usize,
        member: bool,
        out: &mut Vec<(String, String, String)>,
    ) {
        let at = self.resolve(pointer);
        let Some(schema) = self.at(&at) else { return };
        if depth > 32 {
            return;
        }
        let mut problem = |msg: String| out.push((path_or_root(path), at.clone(), msg));
        if value.is_null() {
            if schema.get("nullable") != Some(&Value::Bool(true)) && schema.get("type").is_some() {
                problem("null, but the schema is not nullable".into());
            }
            return;
        }
        if let Some(t) = schema.get("type").and_then(Value::as_str) {
            if !type_fits(t, value) {
                problem(format!("{} where the schema says `{t}`", kind(value)));
                return;
            }
        }
        if let Some(e) = schema.get("enum").and_then(Value::as_array) {
            if !e.contains(value) {
                problem(format!("{value} is not one of the schema's `enum` values"));
            }
        }
        if let Some(s) = value.as_str() {
            let len = s.chars().count() as u64;
            if schema
                .get("minLength")
                .and_then(Value::as_u64)
                .is_some_and(|m| len < m)
            {
                problem(format!("{len} characters, fewer than `minLength`"));
            }
            if schema
                .get("maxLength")
                .and_then(Value::as_u64)
                .is_some_and(|m| len > m)
            {
                problem(format!("{len} characters, more than `maxLength`"));
            }
            if let Some(p) = schema.get("pattern").and_then(Value::as_str) {
                if regex::Regex::new(p).is_ok_and(|r| !r.is_match(s)) {
                    problem(format!("{s:?} does not match `pattern: {p}`"));
                }
            }
        }
        if let Some(n) = value.as_f64() {
            if schema
                .get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n < m)
            {
                problem(format!("{n} is below `minimum`"));
            }
            if schema
                .get("maximum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n > m)
            {
                problem(format!("{n} is above `maximum`"));
            }
        }
        let members = schema
            .get("allOf")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for i in 0..members {
            let member = join(&join(&at, "allOf"), &i.to_string());
            self.check_into(&member, value, path, depth + 1, true, out);
        }
        for key in ["oneOf", "anyOf"] {
            let Some(branches) = schema.get(key).and_then(Value::as_array) else {
                continue;
            };
            let results: Vec<_> = (0..branches.len())
                .map(|i| self.check(&join(&join(&at, key), &i.to_string()), value, path))
                .collect();
            if !results.iter().any(Vec::is_empty) {
                if let Some(best) = results.into_iter().min_by_key(Vec::len) {
                    out.extend(best);
                }
            }
        }
        if let Some(obj) = value.as_object() {
            let declared = self.properties(&at);
            let is_object = schema.get("type").and_then(Value::as_str) == Some("object")
                || schema.get("properties").is_some();
            // Undeclared keys are judged once per value, against every property the schema
            // declares through allOf (not in each member), and by the matching branch of a union.
            let judge_extra = !member
                && schema.get("oneOf").is_none()
                && schema.get("anyOf").is_none()
                && !declared.is_empty()
                && !self.allows_extra(&at);
            if is_object {
                for name in schema
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if let Some(name) = name.as_str().filter(|n| !obj.contains_key(*n)) {
                        out.push((
                            path_or_root(path),
                            at.clone(),
                            format!("`{name}` is required by the schema (`required`) but absent"),
                        ));
                    }
                }
            }
            for (key, v) in obj {
                let child = format!("{path}/{}", crate::diag::escape(key));
                let direct = schema
                    .get("properties")
                    .and_then(|p| p.get(key))
                    .map(|_| join(&join(&at, "properties"), key));
                if let Some(p) = direct {
                    self.check_into(&p, v, &child, depth + 1, false, out);
                } else if judge_extra && !declared.iter().any(|(n, _)| n == key) {
                    out.push((
                        child,
                        at.clone(),
                        format!("`{key}` is not a property the schema declares"),
                    ));
                }
            }
        }
        if let (Some(_), Some(arr)) = (schema.get("items"), value.as_array()) {
            for (i, v) in arr.iter().enumerate() {
                self.check_into(
                    &join(&at, "items"),
                    v,
                    &format!("{path}/{i}"),
                    depth + 1,
                    false,
                    out,
                );
            }
        }
    }
}

fn path_or_root(path: &str) -> String {
    if path.is_empty() {
        "/".to_owned()
    } else {
        path.to_owned()
    }
}

/// Whether `value` has JSON Schema type `t`.
pub fn type_fits(t: &str, value: &Value) -> bool {
    match t {
        "string" => value.is_string(),
        "number" => value.is_number(),
        "integer" => value.as_f64().is_some_and(|n| n.fract() == 0.0),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        _ => true,
    }
}

/// The JSON type name of a value.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "components:\n  schemas:\n    Base:\n      type: object\n      required: [name]\n      properties:\n        name: {type: string, maxLength: 3}\n    Thing:\n      allOf:\n        - $ref: '#/components/schemas/Base'\n        - type: object\n          properties:\n            kind: {type: string, nullable: true, enum: [a, b]}\n";

    #[test]
    fn properties_and_views_follow_all_of() {
        let spec = Spec::parse("s", SPEC).unwrap();
        let names: Vec<_> = spec
            .properties("/components/schemas/Thing")
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(names, ["name", "kind"]);
        assert!(spec.required("/components/schemas/Thing", "name").is_some());
        let v = spec.view("/components/schemas/Thing/allOf/1/properties/kind");
        assert!(v.nullable);
        assert_eq!(v.enums.unwrap().0.len(), 2);
    }

    #[test]
    fn examples_are_checked() {
        let spec = Spec::parse("s", SPEC).unwrap();
        let t = "/components/schemas/Thing";
        assert!(spec
            .check(t, &serde_json::json!({"name": "abc", "kind": null}), "")
            .is_empty());
        let problems = spec.check(
            t,
            &serde_json::json!({"name": "abcd", "kind": "c", "x": 1}),
            "",
        );
        let paths: Vec<_> = problems.iter().map(|p| p.0.as_str()).collect();
        assert_eq!(paths, ["/name", "/kind", "/x"], "{problems:?}");
        assert_eq!(spec.check(t, &serde_json::json!({}), "").len(), 1);
    }
}

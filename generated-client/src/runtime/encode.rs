//! Encoding parameters: query styles, header and cookie text, path segments.

use serde::Serialize;

/// How a query parameter is serialized (OpenAPI `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`. Exploded (the default): a list `ids=1&ids=2`, an object one `key=value` pair per
    /// property; not exploded: `ids=1,2`, an object `name=k1,v1,k2,v2`.
    Form { explode: bool },
    /// `spaceDelimited`: `ids=1 2` (the space percent-encoded).
    SpaceDelimited,
    /// `pipeDelimited`: `ids=1|2`.
    PipeDelimited,
    /// `deepObject`: `name[key]=value` per property, nested objects as `name[a][b]=value`, a
    /// list as repeated `name[key]` pairs.
    DeepObject,
}

fn query_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Adds a query parameter whose value is not a plain scalar, as `style` says. Null values and
/// null properties are left out; scalars are `name=value` in every style.
pub fn push_query<T: Serialize + ?Sized>(
    query: &mut Vec<(String, String)>,
    name: &str,
    value: &T,
    style: QueryStyle,
) {
    fn deep(query: &mut Vec<(String, String)>, key: String, v: &serde_json::Value) {
        match v {
            serde_json::Value::Null => {}
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    deep(query, format!("{key}[{k}]"), v);
                }
            }
            serde_json::Value::Array(items) => {
                for v in items {
                    deep(query, key.clone(), v);
                }
            }
            other => query.push((key, query_text(other))),
        }
    }
    let delimiter = match style {
        QueryStyle::Form { explode: true } | QueryStyle::DeepObject => None,
        QueryStyle::Form { explode: false } => Some(","),
        QueryStyle::SpaceDelimited => Some(" "),
        QueryStyle::PipeDelimited => Some("|"),
    };
    let value = match serde_json::to_value(value) {
        Ok(serde_json::Value::Null) | Err(_) => return,
        Ok(v) => v,
    };
    match (value, delimiter) {
        (v @ serde_json::Value::Object(_), None) if style == QueryStyle::DeepObject => {
            deep(query, name.to_owned(), &v)
        }
        (serde_json::Value::Object(map), None) => query.extend(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), query_text(v))),
        ),
        (serde_json::Value::Object(map), Some(d)) => {
            let parts: Vec<String> = map
                .iter()
                .filter(|(_, v)| !v.is_null())
                .flat_map(|(k, v)| [k.clone(), query_text(v)])
                .collect();
            query.push((name.to_owned(), parts.join(d)));
        }
        (serde_json::Value::Array(items), None) => {
            query.extend(items.iter().map(|v| (name.to_owned(), query_text(v))))
        }
        (serde_json::Value::Array(items), Some(d)) => {
            let parts: Vec<String> = items.iter().map(query_text).collect();
            query.push((name.to_owned(), parts.join(d)));
        }
        (other, _) => query.push((name.to_owned(), query_text(&other))),
    }
}

/// A header or cookie parameter's text (OpenAPI's `simple` style): a scalar as itself (a
/// date-time in RFC 3339), a list `a,b`, an object `k1,v1,k2,v2`.
pub fn param_text<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Array(items)) => {
            items.iter().map(query_text).collect::<Vec<_>>().join(",")
        }
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .flat_map(|(k, v)| [k.clone(), query_text(v)])
            .collect::<Vec<_>>()
            .join(","),
        Ok(serde_json::Value::Null) | Err(_) => String::new(),
        Ok(v) => query_text(&v),
    }
}

/// A parameter described with `content: application/json`: the value's JSON text (`{"a":1}`,
/// `"text"` with its quotes, `[1,2]`), percent-encoded afterwards as any value in its location
/// is. Empty for a value JSON cannot hold (a map with non-string keys).
pub fn json_text<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Percent-encodes one path segment (RFC 3986 unreserved characters pass through).
pub fn encode_path(segment: &str) -> String {
    encode_unreserved(segment)
}

/// Percent-encodes every byte but RFC 3986's unreserved characters, which leaves only valid
/// path-segment characters and cookie-octets (RFC 6265).
pub(super) fn encode_unreserved(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_path("abc/../x y"), "abc%2F..%2Fx%20y");
    }

    #[test]
    fn object_query_values_are_exploded() {
        let mut q = Vec::new();
        let form = QueryStyle::Form { explode: true };
        push_query(
            &mut q,
            "filter",
            &serde_json::json!({"name": "a b", "limit": 5, "skip": null}),
            form,
        );
        push_query(&mut q, "ids", &serde_json::json!([1, 2]), form);
        assert_eq!(
            q,
            [
                ("limit".into(), "5".into()),
                ("name".into(), "a b".into()),
                ("ids".into(), "1".into()),
                ("ids".into(), "2".into())
            ]
        );
    }

    #[test]
    fn query_styles() {
        let pairs = |value: serde_json::Value, style| {
            let mut q = Vec::new();
            push_query(&mut q, "p", &value, style);
            q.iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
        };
        let list = || serde_json::json!([1, "a", true]);
        let object = || serde_json::json!({"status": "active", "limit": 3, "skip": null});
        assert_eq!(
            pairs(list(), QueryStyle::Form { explode: false }),
            "p=1,a,true"
        );
        assert_eq!(pairs(list(), QueryStyle::SpaceDelimited), "p=1 a true");
        assert_eq!(pairs(list(), QueryStyle::PipeDelimited), "p=1|a|true");
        assert_eq!(
            pairs(object(), QueryStyle::DeepObject),
            "p[limit]=3&p[status]=active"
        );
        assert_eq!(
            pairs(
                serde_json::json!({"a": {"b": 1}, "c": [1, 2]}),
                QueryStyle::DeepObject
            ),
            "p[a][b]=1&p[c]=1&p[c]=2"
        );
        assert_eq!(
            pairs(object(), QueryStyle::Form { explode: false }),
            "p=limit,3,status,active"
        );
        assert_eq!(pairs(serde_json::json!("x"), QueryStyle::DeepObject), "p=x");
        assert_eq!(pairs(serde_json::Value::Null, QueryStyle::DeepObject), "");
    }

    #[test]
    fn header_and_cookie_text() {
        assert_eq!(param_text(&[1, 2]), "1,2");
        assert_eq!(param_text("a b"), "a b");
        assert_eq!(param_text(&serde_json::json!({"a": 1})), "a,1");
        assert_eq!(encode_unreserved("a b;c=\"d\""), "a%20b%3Bc%3D%22d%22");
    }
}

//! HTTP methods reqwest has no constant for: OpenAPI 3.2's `QUERY` and the methods of
//! `additionalOperations` (`PURGE`, `LINK`, ...).

use reqwest::Method;

/// The method sent as `name`, exactly as spelled (method names are case-sensitive, RFC 9110
/// section 9.1).
///
/// # Panics
///
/// If `name` is not an HTTP token (RFC 9110 section 5.6.2). Generated code passes only names
/// the generator checked are tokens.
pub fn extension_method(name: &'static str) -> Method {
    Method::from_bytes(name.as_bytes())
        .unwrap_or_else(|_| panic!("`{name}` is not an HTTP method name (a token)"))
}

#[cfg(test)]
mod tests {
    use super::extension_method;

    #[test]
    fn names_are_kept_as_spelled() {
        assert_eq!(extension_method("QUERY").as_str(), "QUERY");
        assert_eq!(extension_method("PURGE").as_str(), "PURGE");
        assert_eq!(extension_method("GET"), reqwest::Method::GET);
    }
}

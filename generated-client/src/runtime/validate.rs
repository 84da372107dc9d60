//! Request validation: field paths, the rules a value can break, and the checks the generated
//! `validate()` methods call. Nothing allocates unless a rule is broken.

use regex::Regex;
use std::fmt;
use std::sync::OnceLock;

/// Where a value sits inside a request, built on the stack while validating and rendered as
/// text (`metadata.send_sample_rate_hertz`, `metric_ids[2]`) only when a rule is broken.
#[derive(Debug, Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    seg: Seg<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Seg<'a> {
    Root,
    Field(&'a str),
    Index(usize),
    Key(&'a str),
}

impl<'a> Path<'a> {
    /// The request body itself.
    pub const ROOT: Path<'static> = Path {
        parent: None,
        seg: Seg::Root,
    };

    /// The property `name` (its JSON name) of the value at this path.
    pub fn field<'b>(&'b self, name: &'b str) -> Path<'b> {
        Path {
            parent: Some(self),
            seg: Seg::Field(name),
        }
    }

    /// Item `index` (0-based) of the array at this path.
    pub fn index(&self, index: usize) -> Path<'_> {
        Path {
            parent: Some(self),
            seg: Seg::Index(index),
        }
    }

    /// Entry `key` of the map at this path.
    pub fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path {
            parent: Some(self),
            seg: Seg::Key(key),
        }
    }

    /// The path as text: JSON property names joined by `.`, array indexes as `[i]`.
    pub fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut cur = Some(self);
        while let Some(p) = cur {
            segs.push(p.seg);
            cur = p.parent;
        }
        let mut out = String::new();
        for seg in segs.into_iter().rev() {
            match seg {
                Seg::Root => {}
                Seg::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
                Seg::Key(k) => out.push_str(&format!("[{k:?}]")),
            }
        }
        if out.is_empty() {
            out.push_str("(body)");
        }
        out
    }
}

/// The rule a value broke, with the limit from the spec and what the value had.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// `minLength`, counted in characters (Unicode scalar values).
    MinLength { min: u64, actual: u64 },
    /// `maxLength`, counted in characters (Unicode scalar values).
    MaxLength { max: u64, actual: u64 },
    /// `pattern` (an ECMA-262 regular expression, matched anywhere unless anchored).
    Pattern { pattern: &'static str },
    /// `format` (`uri`, `uuid`, `email`).
    Format { format: &'static str },
    /// `minimum` / `exclusiveMinimum`.
    Minimum {
        min: f64,
        exclusive: bool,
        actual: f64,
    },
    /// `maximum` / `exclusiveMaximum`.
    Maximum {
        max: f64,
        exclusive: bool,
        actual: f64,
    },
    /// `minItems`.
    MinItems { min: u64, actual: u64 },
    /// `maxItems`.
    MaxItems { max: u64, actual: u64 },
    /// `uniqueItems`: the item at this path repeats an earlier one.
    UniqueItems,
    /// A path parameter must not be empty.
    NonEmpty,
    /// A number must be finite: NaN and infinities cannot be sent as JSON numbers.
    Finite,
    /// `dependentRequired`: the property at this path must be present while `trigger` (a
    /// sibling property, by its JSON name) is.
    DependentRequired { trigger: &'static str },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = |n: u64| if n == 1 { "" } else { "s" };
        match self {
            Rule::MinLength { min, actual } => write!(
                f,
                "must be at least {min} character{} long (minLength), got {actual}",
                s(*min)
            ),
            Rule::MaxLength { max, actual } => write!(
                f,
                "must be at most {max} character{} long (maxLength), got {actual}",
                s(*max)
            ),
            Rule::Pattern { pattern } => write!(f, "must match the pattern `{pattern}`"),
            Rule::Format { format } => write!(f, "must be a valid {format} (format)"),
            Rule::Minimum {
                min,
                exclusive: false,
                actual,
            } => write!(f, "must be >= {min} (minimum), got {actual}"),
            Rule::Minimum {
                min,
                exclusive: true,
                actual,
            } => write!(f, "must be > {min} (exclusiveMinimum), got {actual}"),
            Rule::Maximum {
                max,
                exclusive: false,
                actual,
            } => write!(f, "must be <= {max} (maximum), got {actual}"),
            Rule::Maximum {
                max,
                exclusive: true,
                actual,
            } => write!(f, "must be < {max} (exclusiveMaximum), got {actual}"),
            Rule::MinItems { min, actual } => write!(
                f,
                "must have at least {min} item{} (minItems), got {actual}",
                s(*min)
            ),
            Rule::MaxItems { max, actual } => write!(
                f,
                "must have at most {max} item{} (maxItems), got {actual}",
                s(*max)
            ),
            Rule::UniqueItems => write!(f, "repeats an earlier item (uniqueItems)"),
            Rule::NonEmpty => write!(f, "must not be empty"),
            Rule::Finite => write!(f, "must be a finite number, not NaN or infinity"),
            Rule::DependentRequired { trigger } => {
                write!(
                    f,
                    "is required when `{trigger}` is present (dependentRequired)"
                )
            }
        }
    }
}

/// One broken rule at one field path.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// JSON path of the value (`metadata.send_sample_rate_hertz`, `metric_ids[0]`).
    pub path: String,
    pub rule: Rule,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.rule)
    }
}

/// Every rule a request broke, found before anything was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// All violations, in field order. Never empty.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.violations.len();
        write!(f, "{n} invalid field{}: ", if n == 1 { "" } else { "s" })?;
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Turns collected violations into a result.
pub fn ensure_valid(violations: Vec<Violation>) -> Result<(), ValidationError> {
    if violations.is_empty() {
        Ok(())
    } else {
        Err(ValidationError { violations })
    }
}

/// Checks every constraint the spec states on a request model.
pub trait Validate {
    /// Checks every constraint and returns all violations, each with its field path.
    ///
    /// # Errors
    /// [`ValidationError`] listing every broken rule when at least one is broken.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut out = Vec::new();
        self.collect_violations(&Path::ROOT, &mut out);
        ensure_valid(out)
    }

    /// Appends the violations of this value, found at `path`, to `out`.
    fn collect_violations(&self, path: &Path<'_>, out: &mut Vec<Violation>);
}

impl<T: Validate> Validate for Box<T> {
    fn collect_violations(&self, path: &Path<'_>, out: &mut Vec<Violation>) {
        (**self).collect_violations(path, out)
    }
}

fn push(out: &mut Vec<Violation>, path: &Path<'_>, rule: Rule) {
    out.push(Violation {
        path: path.render(),
        rule,
    });
}

/// `minLength` / `maxLength`, in characters.
pub fn check_length(
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    // Byte length bounds the character count from above: skip counting when it cannot matter.
    let bytes = value.len() as u64;
    if min.is_none_or(|m| bytes >= m * 4) && max.is_none_or(|m| bytes <= m) {
        return;
    }
    let n = value.chars().count() as u64;
    if let Some(min) = min.filter(|m| n < *m) {
        push(out, path, Rule::MinLength { min, actual: n });
    }
    if let Some(max) = max.filter(|m| n > *m) {
        push(out, path, Rule::MaxLength { max, actual: n });
    }
}

/// A `pattern`, compiled on first use and then shared.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern as written in the spec.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `value` matches. A pattern the regex engine cannot compile matches nothing
    /// (the generator refuses such patterns, so this does not happen in generated code).
    pub fn is_match(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| Regex::new(self.source).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(value))
    }
}

/// `pattern`.
pub fn check_pattern(
    value: &str,
    pattern: &'static Pattern,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    if !pattern.is_match(value) {
        push(
            out,
            path,
            Rule::Pattern {
                pattern: pattern.source(),
            },
        );
    }
}

/// String formats that are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A URI (RFC 3986): a scheme, then the rest; relative references are refused.
    Uri,
    /// `8-4-4-4-12` hexadecimal digits.
    Uuid,
    /// `local@domain`.
    Email,
    /// `format: byte`: base64 text (RFC 4648, the standard or URL-safe alphabet, padding
    /// optional).
    Base64,
}

/// `format`.
pub fn check_format(value: &str, format: Format, path: &Path<'_>, out: &mut Vec<Violation>) {
    let (ok, name) = match format {
        Format::Uri => (is_uri(value), "uri"),
        Format::Uuid => (is_uuid(value), "uuid"),
        Format::Email => (
            value
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.')),
            "email",
        ),
        Format::Base64 => (is_base64(value), "base64"),
    };
    if !ok {
        push(out, path, Rule::Format { format: name });
    }
}

/// Base64 text: alphabet characters, then at most two `=`; padded text is a multiple of 4 long.
fn is_base64(s: &str) -> bool {
    let data = s.trim_end_matches('=');
    let padding = s.len() - data.len();
    let alphabet = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_');
    data.bytes().all(|b| alphabet(&b))
        && padding <= 2
        && (padding == 0 || s.len().is_multiple_of(4))
        && data.len() % 4 != 1
}

/// A URI as RFC 3986 section 3 defines it: a scheme, `:`, then the hierarchical part, query
/// and fragment, using only the characters RFC 3986 allows and with every `%` starting a
/// two-digit escape. Checked by `fluent-uri`, which parses in place without allocating.
fn is_uri(s: &str) -> bool {
    fluent_uri::Uri::parse(s).is_ok()
}

fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// `minimum` / `maximum` and their exclusive forms.
pub fn check_range(
    value: f64,
    min: Option<(f64, bool)>,
    max: Option<(f64, bool)>,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    if !value.is_finite() {
        push(out, path, Rule::Finite);
        return;
    }
    if let Some((min, exclusive)) = min {
        if value < min || (exclusive && value == min) {
            push(
                out,
                path,
                Rule::Minimum {
                    min,
                    exclusive,
                    actual: value,
                },
            );
        }
    }
    if let Some((max, exclusive)) = max {
        if value > max || (exclusive && value == max) {
            push(
                out,
                path,
                Rule::Maximum {
                    max,
                    exclusive,
                    actual: value,
                },
            );
        }
    }
}

/// `dependentRequired`, for an object at `path` whose property `trigger` is present: reports
/// each of `required` (a property's JSON name, and whether it is present) that is absent, at
/// its own path.
pub fn check_dependent_required(
    trigger: &'static str,
    required: &[(&'static str, bool)],
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    for (name, _) in required.iter().filter(|(_, present)| !present) {
        push(out, &path.field(name), Rule::DependentRequired { trigger });
    }
}

/// `minItems` / `maxItems`.
pub fn check_items(
    len: usize,
    min: Option<u64>,
    max: Option<u64>,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    let n = len as u64;
    if let Some(min) = min.filter(|m| n < *m) {
        push(out, path, Rule::MinItems { min, actual: n });
    }
    if let Some(max) = max.filter(|m| n > *m) {
        push(out, path, Rule::MaxItems { max, actual: n });
    }
}

/// `uniqueItems`: reports each item equal to an earlier one.
pub fn check_unique<T: PartialEq>(items: &[T], path: &Path<'_>, out: &mut Vec<Violation>) {
    for (i, item) in items.iter().enumerate() {
        if items[..i].contains(item) {
            push(out, &path.index(i), Rule::UniqueItems);
        }
    }
}

/// A path parameter: must not be empty (it would change which URL is called).
pub fn check_path_param(value: &str, path: &Path<'_>, out: &mut Vec<Violation>) {
    if value.is_empty() {
        push(out, path, Rule::NonEmpty);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render() {
        let root = Path::ROOT;
        let m = root.field("metadata");
        assert_eq!(
            m.field("send_sample_rate_hertz").render(),
            "metadata.send_sample_rate_hertz"
        );
        assert_eq!(root.field("metric_ids").index(2).render(), "metric_ids[2]");
        assert_eq!(root.render(), "(body)");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut out = Vec::new();
        check_length("ééé", None, Some(3), &Path::ROOT, &mut out);
        assert!(out.is_empty());
        check_length("éééé", None, Some(3), &Path::ROOT, &mut out);
        assert_eq!(out[0].rule, Rule::MaxLength { max: 3, actual: 4 });
        out.clear();
        check_length("", Some(1), None, &Path::ROOT, &mut out);
        assert_eq!(out[0].rule, Rule::MinLength { min: 1, actual: 0 });
    }

    #[test]
    fn ranges() {
        let mut out = Vec::new();
        check_range(
            0.1,
            Some((0.1, false)),
            Some((2.0, false)),
            &Path::ROOT,
            &mut out,
        );
        check_range(
            2.0,
            Some((0.1, false)),
            Some((2.0, false)),
            &Path::ROOT,
            &mut out,
        );
        assert!(out.is_empty());
        check_range(0.0, Some((0.0, true)), None, &Path::ROOT, &mut out);
        check_range(2.5, None, Some((2.0, false)), &Path::ROOT, &mut out);
        assert_eq!(out.len(), 2);
        check_range(
            f64::NAN,
            Some((0.0, false)),
            Some((1.0, false)),
            &Path::ROOT,
            &mut out,
        );
        assert_eq!(out[2].rule, Rule::Finite);
    }

    #[test]
    fn formats() {
        let mut out = Vec::new();
        check_format("https://example.com/x", Format::Uri, &Path::ROOT, &mut out);
        check_format(
            "071b0286-4cce-4808-bee2-e642f1062de3",
            Format::Uuid,
            &Path::ROOT,
            &mut out,
        );
        assert!(out.is_empty());
        check_format("not a url", Format::Uri, &Path::ROOT, &mut out);
        check_format(
            "https://api.example.com/v1/chat room",
            Format::Uri,
            &Path::ROOT,
            &mut out,
        );
        check_format("https://x/%zz", Format::Uri, &Path::ROOT, &mut out);
        check_format("071b0286", Format::Uuid, &Path::ROOT, &mut out);
        assert_eq!(out.len(), 4);
    }

    #[test]
    fn uris() {
        for ok in [
            "https://example.com/x",
            "wss://ws.example.com:8443/voice?token=a%2Fb#frag",
            "urn:isbn:0451450523",
            "mailto:someone@example.com",
            "http://[2001:db8::1]/",
            "sip:+12345678901@carrier.example",
        ] {
            assert!(is_uri(ok), "{ok}");
        }
        for bad in [
            "",
            "not a url",
            "/relative/path",
            "//example.com/no-scheme",
            "1http://example.com",
            "https://api.example.com/v1/chat room",
            "https://x/%zz",
            "https://x/%2",
            "https://example.com/caf\u{e9}",
            "http://[::1/",
            "https://example.com/<tag>",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }

    #[test]
    fn base64() {
        for ok in ["", "aGk=", "aGVsbG8", "aGVsbG8=", "-_8=", "+/8="] {
            assert!(is_base64(ok), "{ok}");
        }
        for bad in ["a", "aGk==x", "aGVsbG8==", "a b=", "aG=k", "aGk==="] {
            assert!(!is_base64(bad), "{bad}");
        }
    }
}

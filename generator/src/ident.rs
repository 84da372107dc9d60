//! The one place Rust identifiers are made: case conversion (heck), raw identifiers for
//! keywords, valid starts, and deterministic suffixes for collisions.

use foldhash::{HashSet, HashSetExt};
use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be written as raw identifiers (`r#type`).
const RAW_OK: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];
/// Keywords that cannot be raw identifiers: suffixed with `_` instead.
const NO_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Splits on anything that is not alphanumeric, so heck sees word boundaries.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect()
}

/// Calls `f` with each word heck finds in ASCII text, in order: runs of letters and digits,
/// split again where a lowercase letter (or digits after one) meets an uppercase one (`fooBar` →
/// `foo`, `Bar`), and before the last of several uppercase letters followed by a lowercase one
/// (`HTTPServer` → `HTTP`, `Server`). The same as heck's own splitting, without its
/// per-character formatting: names are made for every property of every schema.
fn ascii_words<'r>(raw: &'r str, mut f: impl FnMut(&'r str)) {
    for run in raw.split(|c: char| !c.is_ascii_alphanumeric()) {
        split_cases(run, &mut f);
    }
}

/// One run of ASCII letters and digits, split at case changes as [`ascii_words`] says.
fn split_cases<'r>(run: &'r str, f: &mut impl FnMut(&'r str)) {
    let b = run.as_bytes();
    let mut start = 0;
    // Whether the last letter since the current word began is lowercase (Some(true)) or
    // uppercase (Some(false)); None before any letter.
    let mut last_lower: Option<bool> = None;
    for i in 0..b.len().saturating_sub(1) {
        let (c, next) = (b[i], b[i + 1]);
        let here = if c.is_ascii_lowercase() {
            Some(true)
        } else if c.is_ascii_uppercase() {
            Some(false)
        } else {
            last_lower
        };
        let cut = if here == Some(true) && next.is_ascii_uppercase() {
            Some(i + 1)
        } else if last_lower == Some(false) && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
            Some(i)
        } else {
            None
        };
        match cut {
            Some(end) => {
                if end > start {
                    f(&run[start..end]);
                }
                start = end;
                last_lower = None;
            }
            None => last_lower = here,
        }
    }
    if b.len() > start {
        f(&run[start..]);
    }
}

/// The words of an ASCII name, split as heck splits them (see [`ascii_words`]):
/// `WebhookIssuesOpened` → `Webhook`, `Issues`, `Opened`; `HTTPServer2` → `HTTP`, `Server2`.
pub fn name_words(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    ascii_words(name, |w| out.push(w));
    out
}

/// heck's `UpperCamelCase` of [`words`]`(raw)`, keeping only ASCII letters, digits and `_`;
/// quicker for ASCII.
fn upper_camel(raw: &str) -> String {
    if !raw.is_ascii() {
        let mut out = words(raw).to_upper_camel_case();
        out.retain(|c| c.is_ascii_alphanumeric() || c == '_');
        return out;
    }
    let mut out = String::with_capacity(raw.len());
    ascii_words(raw, |word| {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
        out[start..start + 1].make_ascii_uppercase();
    });
    out
}

/// heck's `snake_case` of [`words`]`(raw)`, keeping only ASCII letters, digits and `_`;
/// quicker for ASCII.
fn snake(raw: &str) -> String {
    if !raw.is_ascii() {
        let mut out = words(raw).to_snake_case();
        out.retain(|c| c.is_ascii_alphanumeric() || c == '_');
        return out;
    }
    let mut out = String::with_capacity(raw.len() + 4);
    ascii_words(raw, |word| {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(word);
    });
    out.make_ascii_lowercase();
    out
}

/// Whether `name` is one of `keywords` (all of them short: most names are not looked up).
fn is_keyword(name: &str, keywords: &[&str]) -> bool {
    name.len() <= 8 && keywords.contains(&name)
}

/// `UpperCamelCase` type or variant name. Never empty, never starts with a digit.
pub fn type_name(raw: &str) -> String {
    let mut s = upper_camel(raw);
    if s.is_empty() {
        s = "Value".to_owned();
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    if is_keyword(&s, NO_RAW) {
        s.push('_');
    }
    s
}

/// `snake_case` field, method or parameter name; keywords become raw identifiers.
pub fn value_name(raw: &str) -> String {
    let mut s = snake(raw);
    if s.is_empty() {
        s = "value".to_owned();
    } else if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    if is_keyword(&s, NO_RAW) {
        s.push('_');
    } else if is_keyword(&s, RAW_OK) {
        s.insert_str(0, "r#");
    }
    s
}

/// The bare name without `r#`, for building other names from it.
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A `proc_macro2::Ident` for a name made by this module (raw identifiers included).
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(rest) => proc_macro2::Ident::new_raw(rest, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}

/// Hands out unique names in one namespace: a taken name gets `2`, `3`, ... appended.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: HashSet<String>,
}

impl Namespace {
    pub fn new() -> Self {
        Self::default()
    }

    /// A namespace with room for `n` names.
    pub fn with_capacity(n: usize) -> Self {
        Namespace {
            taken: HashSet::with_capacity(n),
        }
    }

    /// Reserves `name` as it is (e.g. a helper the emitter always generates).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(bare(name).to_owned());
    }

    /// Whether `name` is not taken yet.
    pub fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(bare(name))
    }

    /// `names` made unique in order, exactly as claiming them one by one in a fresh namespace
    /// would. Names are usually distinct already: that is checked without copying any, and
    /// only a collision claims them one by one.
    pub fn unique(names: Vec<String>) -> Vec<String> {
        let mut seen: HashSet<&str> = HashSet::with_capacity(names.len());
        if names.iter().all(|n| seen.insert(bare(n))) {
            return names;
        }
        let mut ns = Namespace::with_capacity(names.len());
        names.into_iter().map(|n| ns.claim(n)).collect()
    }

    /// `name`, or `name2`, `name3`, ... if taken. Returns the name chosen.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(bare(&name).to_owned()) {
            return name;
        }
        let sep = if bare(&name).ends_with('_') {
            // Already ends in a separator (a keyword made a name: `Self_` → `Self_2`).
            ""
        } else if bare(&name).contains('_') || bare(&name).chars().all(|c| !c.is_uppercase()) {
            "_"
        } else {
            ""
        };
        let base = bare(&name).to_owned();
        for n in 2.. {
            let candidate = format!("{base}{sep}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
        unreachable!("an unbounded counter always finds a free name")
    }
}

/// Names for the variants of a string enum: the common word prefix and suffix are dropped when
/// what is left is still a valid, non-empty name for every value (`MODEL_TYPE_VOICE` → `Voice`).
pub fn enum_variant_names<S: AsRef<str>>(values: &[S]) -> Vec<String> {
    let cleaned: Vec<String> = values.iter().map(|v| words(v.as_ref())).collect();
    let split: Vec<Vec<&str>> = cleaned
        .iter()
        .map(|w| w.split_whitespace().collect())
        .collect();
    let mut prefix = 0;
    let mut suffix = 0;
    if split.len() > 1 {
        let min = split.iter().map(Vec::len).min().unwrap_or(0);
        while prefix < min && split.iter().all(|w| w[prefix] == split[0][prefix]) {
            prefix += 1;
        }
        while suffix < min - prefix
            && split
                .iter()
                .all(|w| w[w.len() - 1 - suffix] == split[0][split[0].len() - 1 - suffix])
        {
            suffix += 1;
        }
    }
    let stripped_ok = split.iter().all(|w| {
        let rest = &w[prefix..w.len() - suffix];
        !rest.is_empty() && !rest[0].starts_with(|c: char| c.is_ascii_digit())
    });
    let names = split
        .iter()
        .zip(values)
        .map(|(w, raw)| {
            let raw = raw.as_ref();
            if stripped_ok && (prefix > 0 || suffix > 0) {
                type_name(&w[prefix..w.len() - suffix].join(" "))
            } else if raw.is_empty() {
                "Empty".to_owned()
            } else {
                type_name(raw)
            }
        })
        .collect();
    Namespace::unique(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(type_name("persona-envelope"), "PersonaEnvelope");
        assert_eq!(type_name("3d"), "V3d");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(value_name("type"), "r#type");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(
            value_name("voiceGenerationOptions"),
            "voice_generation_options"
        );
        assert_eq!(value_name("2fa"), "_2fa");
    }

    /// `is_keyword` skips names longer than the longest keyword.
    #[test]
    fn keywords_are_short() {
        assert!(RAW_OK.iter().chain(NO_RAW).all(|k| k.len() <= 8));
        assert_eq!(value_name("continue"), "r#continue");
    }

    #[test]
    fn unique_names_are_claimed_in_order() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let one_by_one = |v: &[&str]| {
            let mut ns = Namespace::new();
            names(v)
                .into_iter()
                .map(|n| ns.claim(n))
                .collect::<Vec<_>>()
        };
        for v in [
            &["a", "b", "r#type"][..],
            &["a", "a", "a2", "a"],
            &["Foo", "Foo", "foo_bar", "foo_bar", "r#type", "type"],
        ] {
            assert_eq!(Namespace::unique(names(v)), one_by_one(v), "{v:?}");
        }
    }

    #[test]
    fn enum_prefix_stripped() {
        let v = ["MODEL_TYPE_VOICE", "MODEL_TYPE_CHAT_A2A"].map(String::from);
        assert_eq!(enum_variant_names(&v), ["Voice", "ChatA2a"]);
        let v = ["cara-2", "cara-3"].map(String::from);
        assert_eq!(enum_variant_names(&v), ["Cara2", "Cara3"]);
        let v = ["ASC", "asc", ""].map(String::from);
        assert_eq!(enum_variant_names(&v), ["Asc", "Asc2", "Empty"]);
    }

    /// A name's words, as a shared type's name is made from them (`lower/shared.rs`).
    #[test]
    fn name_words_split_as_heck_does() {
        assert_eq!(
            name_words("WebhookIssuesOpened"),
            ["Webhook", "Issues", "Opened"]
        );
        assert_eq!(
            name_words("HTTPServer2Config"),
            ["HTTP", "Server2", "Config"]
        );
        assert_eq!(name_words("Sender"), ["Sender"]);
    }

    /// The ASCII fast path splits words exactly as heck does: every string of up to six
    /// characters from an alphabet with both cases, digits and separators.
    #[test]
    fn ascii_names_match_heck() {
        let alphabet = ['a', 'B', 'c', 'D', '1', '_', '-'];
        let mut raw = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = raw
                .iter()
                .flat_map(|r| alphabet.iter().map(move |c| format!("{r}{c}")))
                .collect();
            for r in &longer {
                assert_eq!(upper_camel(r), words(r).to_upper_camel_case(), "{r:?}");
                assert_eq!(snake(r), words(r).to_snake_case(), "{r:?}");
            }
            raw = longer;
        }
        let kept = |mut s: String| {
            s.retain(|c| c.is_ascii_alphanumeric() || c == '_');
            s
        };
        for r in [
            "HTTPServer",
            "getV2API",
            "x-github-API_version",
            "ÉtéFoo",
            "a Σ",
            "Ünï",
        ] {
            assert_eq!(
                upper_camel(r),
                kept(words(r).to_upper_camel_case()),
                "{r:?}"
            );
            assert_eq!(snake(r), kept(words(r).to_snake_case()), "{r:?}");
        }
    }
}

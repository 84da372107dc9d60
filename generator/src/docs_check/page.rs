//! Page reading: a saved API reference page (plain text, as copied from the vendor's site) split
//! into the parts a tool can read — the curl command (method, URL, headers, JSON body) and the
//! JSON response examples that follow it — each with its 1-based line on the page.
//!
//! The field lists are read by [`super::facts`]; this file only finds the machine-readable
//! blocks. Lines are kept so that every fact can point back at the page.

use serde_json::Value;

/// A JSON value on a page and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonBlock {
    /// 1-based line of the value's first character.
    pub line: usize,
    /// The parsed value.
    pub value: Value,
}

/// One header of the curl command, e.g. `--header 'X-API-Key: <api-key>'`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// 1-based page line.
    pub line: usize,
    /// Header name as written on the page.
    pub name: String,
    /// Header value as written (`<api-key>`, `Bearer <token>`).
    pub value: String,
}

/// The page's curl command: `curl --request METHOD --url URL --header ... --data '...'`.
#[derive(Debug, Clone, PartialEq)]
pub struct Curl {
    /// 1-based line of `curl`.
    pub line: usize,
    /// `POST`, `PATCH`, ... (upper case).
    pub method: String,
    /// 1-based line of `--url`.
    pub url_line: usize,
    /// The full URL, e.g. `https://api.coval.dev/v1/personas/{persona_id}`.
    pub url: String,
    /// Every `--header`.
    pub headers: Vec<Header>,
    /// The `--data` body, when the page sends one and it is JSON.
    pub data: Option<JsonBlock>,
}

/// Something on the page that looked machine-readable but could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// 1-based page line.
    pub line: usize,
    /// What could not be read, and why.
    pub what: String,
}

/// A page, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page's name as given (used in reports).
    pub file: String,
    /// The page's lines, without line terminators.
    pub lines: Vec<String>,
    /// The first line, when it is a title (`Create a new persona`) and not part of a command.
    pub title: Option<(usize, String)>,
    /// Every curl command, in page order (some pages repeat the same one).
    pub curls: Vec<Curl>,
    /// The JSON response examples (the JSON values right after a curl command).
    pub responses: Vec<JsonBlock>,
    /// Blocks that could not be read.
    pub unread: Vec<Unread>,
}

/// Reads a page's text. Never fails: what cannot be read is listed in [`Page::unread`].
pub fn read(file: &str, text: &str) -> Page {
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let title = lines
        .first()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty() && !l.contains("curl ") && l.chars().any(char::is_lowercase))
        .filter(|l| *l != "Skip to main content")
        .map(|l| (1, l.to_owned()));
    let mut page = Page {
        file: file.to_owned(),
        lines,
        title,
        curls: Vec::new(),
        responses: Vec::new(),
        unread: Vec::new(),
    };
    let mut i = 0;
    while let Some(start) = page.lines[i..]
        .iter()
        .position(|l| l.contains("curl --request"))
        .map(|p| p + i)
    {
        let (curl, after) = read_curl(&page.lines, start, &mut page.unread);
        page.curls.push(curl);
        let responses = read_responses(&page.lines, after, &mut page.unread);
        page.responses.extend(responses);
        i = after.max(start + 1);
    }
    page
}

impl Page {
    /// The first curl command, if any.
    pub fn curl(&self) -> Option<&Curl> {
        self.curls.first()
    }
}

/// Reads the curl command starting on line index `start`; returns it and the index of the first
/// line after it.
fn read_curl(lines: &[String], start: usize, unread: &mut Vec<Unread>) -> (Curl, usize) {
    let first = &lines[start][lines[start].find("curl --request").unwrap_or(0)..];
    let mut curl = Curl {
        line: start + 1,
        method: first
            .split_whitespace()
            .nth(2)
            .unwrap_or_default()
            .trim_end_matches('\\')
            .to_ascii_uppercase(),
        url_line: 0,
        url: String::new(),
        headers: Vec::new(),
        data: None,
    };
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i].trim();
        let arg = line.trim_end_matches('\\').trim();
        if let Some(url) = arg.strip_prefix("--url ") {
            curl.url_line = i + 1;
            curl.url = url.trim().trim_matches('\'').to_owned();
        } else if let Some(h) = arg.strip_prefix("--header ") {
            let h = h.trim().trim_matches('\'');
            match h.split_once(':') {
                Some((name, value)) => curl.headers.push(Header {
                    line: i + 1,
                    name: name.trim().to_owned(),
                    value: value.trim().to_owned(),
                }),
                None => unread.push(Unread {
                    line: i + 1,
                    what: format!("curl header without `name: value`: {h}"),
                }),
            }
        } else if let Some(rest) = arg.strip_prefix("--data ") {
            let (data, next) = read_data(lines, i, rest.trim(), unread);
            curl.data = data;
            return (curl, next);
        } else {
            break;
        }
        i += 1;
    }
    (curl, i)
}

/// Reads `--data '<json>'`, whose JSON may span lines up to a line starting with `'`. Returns
/// the body and the index of the line after the closing quote. Text after the closing quote on
/// the same line (some pages run the next paragraph into it) is not part of the body.
fn read_data(
    lines: &[String],
    at: usize,
    rest: &str,
    unread: &mut Vec<Unread>,
) -> (Option<JsonBlock>, usize) {
    let rest = rest.strip_prefix('\'').unwrap_or(rest);
    let mut text = String::new();
    let mut first_line = at + 1;
    let mut end = lines.len();
    if let Some(one) = rest.strip_suffix('\'') {
        text.push_str(one);
        end = at;
    } else {
        text.push_str(rest);
        text.push('\n');
        for (j, line) in lines.iter().enumerate().skip(at + 1) {
            if line.trim_start().starts_with('\'') {
                end = j;
                break;
            }
            if text.trim().is_empty() && !line.trim().is_empty() && first_line == at + 1 {
                first_line = j + 1;
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    let data = match serde_json::from_str::<Value>(&text) {
        Ok(value) => Some(JsonBlock {
            line: first_line,
            value,
        }),
        Err(e) => {
            unread.push(Unread {
                line: at + 1,
                what: format!("curl --data body is not JSON ({e})"),
            });
            None
        }
    };
    (data, end + 1)
}

/// Reads the JSON values that follow the curl command, each starting on a line of its own
/// (`{` or `[`), up to the first line of other text.
fn read_responses(lines: &[String], mut i: usize, unread: &mut Vec<Unread>) -> Vec<JsonBlock> {
    let mut out = Vec::new();
    while i < lines.len() {
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if !(line.starts_with('{') || line.starts_with('[')) {
            break;
        }
        match json_at(lines, i) {
            Ok((value, next)) => {
                out.push(JsonBlock { line: i + 1, value });
                i = next;
            }
            Err(e) => {
                unread.push(Unread {
                    line: i + 1,
                    what: format!("response example is not JSON ({e})"),
                });
                break;
            }
        }
    }
    out
}

/// Parses the JSON value that starts on line index `i`; returns it and the index of the line
/// after its last character.
pub(crate) fn json_at(lines: &[String], i: usize) -> Result<(Value, usize), serde_json::Error> {
    let rest = lines[i..].join("\n");
    let mut stream = serde_json::Deserializer::from_str(&rest).into_iter::<Value>();
    match stream.next() {
        Some(Ok(value)) => {
            let consumed = &rest[..stream.byte_offset()];
            Ok((value, i + consumed.matches('\n').count() + 1))
        }
        Some(Err(e)) => Err(e),
        None => Err(serde::de::Error::custom("no JSON value")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_curl_command_its_body_and_the_response() {
        let text = "POST\n/\nthings\ncurl --request POST \\\n  --url https://x.test/v1/things \\\n  --header 'X-Key: <k>' \\\n  --data '\n{\n  \"a\": 1\n}\n'\n{\n  \"thing\": {\"a\": 1}\n}\n\nAuthorizations\n";
        let page = read("p.txt", text);
        assert_eq!(page.title, None);
        let curl = page.curl().unwrap().clone();
        assert_eq!(curl.line, 4);
        assert_eq!(curl.method, "POST");
        assert_eq!(curl.url, "https://x.test/v1/things");
        assert_eq!(curl.headers[0].name, "X-Key");
        assert_eq!(
            curl.data.unwrap(),
            JsonBlock {
                line: 8,
                value: serde_json::json!({"a": 1})
            }
        );
        assert_eq!(page.responses.len(), 1);
        assert_eq!(page.responses[0].line, 12);
        assert!(page.unread.is_empty());
    }

    #[test]
    fn a_body_whose_closing_quote_runs_into_text_and_a_bad_body_is_listed() {
        let text = "intro.curl --request POST \\\n--url https://x.test/a \\\n--data '\n{\"a\": [1,]}\n'Next paragraph\n";
        let page = read("p.txt", text);
        assert_eq!(page.curl().unwrap().line, 1);
        assert!(page.curl().unwrap().data.is_none());
        assert_eq!(page.unread.len(), 1);
        assert_eq!(page.unread[0].line, 3);
        assert!(page.responses.is_empty());
    }
}

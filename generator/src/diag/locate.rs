//! Where a JSON pointer is in a spec's text: the line and column of the node it names, found on
//! demand (when a diagnostic is rendered) from the text and the pointer alone, so loading does not
//! have to keep positions for every node.
//!
//! The text is read with `yaml-rust2`'s event parser, which reports a position for every node;
//! JSON is YAML's flow style, so one reader serves both. A pointer to a mapping entry is placed on
//! its key (`voice:` in `voice: {$ref: ...}`), which is what an editor should jump to.

use std::ops::Range;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;
use yaml_rust2::scanner::TScalarStyle;

/// A place in a spec's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The byte range in the text to underline (the key, or the first token of the node).
    pub span: Range<usize>,
    /// How the location relates to the pointer.
    pub found: Found,
}

/// Whether a [`Location`] is the node the pointer names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The node the pointer names.
    Exact,
    /// The pointer names a node that is not in the text (e.g. a missing `servers`); this is its
    /// nearest ancestor that is, named by this pointer.
    Ancestor(String),
    /// The text could not be read up to the node; this is where reading failed.
    SyntaxError(String),
}

/// The location of the node `pointer` (RFC 6901) names in `text` (YAML or JSON).
///
/// `None` only for an empty text. A pointer to a node that does not exist gets its nearest
/// existing ancestor ([`Found::Ancestor`]); text that stops parsing before the node is reached
/// gets the position of the syntax error ([`Found::SyntaxError`]).
pub fn locate(text: &str, pointer: &str) -> Option<Location> {
    locate_all(text, &[pointer]).pop().flatten()
}

/// The locations of several pointers' nodes, as [`locate`] finds each, in one reading of
/// `text`: a large spec with many diagnostics is parsed once, not once per diagnostic.
pub fn locate_all(text: &str, pointers: &[&str]) -> Vec<Option<Location>> {
    let targets: Vec<Vec<String>> = pointers.iter().map(|p| tokens(p)).collect();
    let mut walks: Vec<Walk> = targets
        .iter()
        .map(|target| Walk {
            target,
            stack: Vec::new(),
            best: None,
            root: None,
            done: None,
        })
        .collect();
    let mut open = walks.len();
    let mut parser = Parser::new_from_str(text);
    while open > 0 {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((event, mut mark)) => {
                // A block mapping starts where its first key does (the parser marks the `:`).
                if matches!(event, Event::MappingStart(..)) {
                    if let Ok((Event::Scalar(..), key)) = parser.peek() {
                        if key.index() < mark.index() {
                            mark = *key;
                        }
                    }
                }
                for walk in walks.iter_mut().filter(|w| w.done.is_none()) {
                    match walk.event(&event, mark) {
                        // The whole document: read on, because a diagnostic about the whole
                        // text is usually about a syntax error further down, the better place.
                        Some(exact) if walk.target.is_empty() => {
                            walk.root = walk.root.or(Some(exact))
                        }
                        Some(exact) => {
                            walk.done = Some(location(text, exact, Found::Exact));
                            open -= 1;
                        }
                        None => {}
                    }
                }
            }
            Err(e) => {
                let hit = Hit {
                    mark: *e.marker(),
                    len: 1,
                };
                for walk in walks.iter_mut().filter(|w| w.done.is_none()) {
                    walk.done = Some(location(text, hit, Found::SyntaxError(e.info().to_owned())));
                }
                break;
            }
        }
    }
    walks
        .into_iter()
        .map(|walk| {
            if walk.done.is_some() {
                return walk.done;
            }
            if let Some(hit) = walk.root {
                return Some(location(text, hit, Found::Exact));
            }
            let (depth, hit) = walk.best?;
            let ancestor: String = walk.target[..depth]
                .iter()
                .map(|t| format!("/{}", super::escape(t)))
                .collect();
            Some(location(text, hit, Found::Ancestor(ancestor)))
        })
        .collect()
}

/// The unescaped reference tokens of a pointer (`/a~1b/0` → `["a/b", "0"]`).
fn tokens(pointer: &str) -> Vec<String> {
    if pointer.is_empty() || pointer == "/" {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|t| super::unescape(t).into_owned())
        .collect()
}

/// A node start: where, and how many characters to underline.
#[derive(Debug, Clone, Copy)]
struct Hit {
    mark: Marker,
    len: usize,
}

/// One open collection on the way down.
enum Frame {
    /// A mapping; `key` is the key whose value comes next (None: a key comes next).
    Map { key: Option<String>, on_path: bool },
    /// A sequence and the index of the next item.
    Seq { next: usize, on_path: bool },
}

struct Walk<'t> {
    target: &'t [String],
    stack: Vec<Frame>,
    /// The deepest node on the target's path seen so far: (tokens matched, where).
    best: Option<(usize, Hit)>,
    /// For the empty pointer: where the document starts.
    root: Option<Hit>,
    /// The answer, once it is known.
    done: Option<Location>,
}

impl Walk<'_> {
    /// Feeds one event; returns the exact hit when the target node starts here.
    fn event(&mut self, event: &Event, mark: Marker) -> Option<Hit> {
        match event {
            Event::Scalar(value, style, ..) => {
                let quotes = match style {
                    TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => 2,
                    _ => 0,
                };
                let hit = Hit {
                    mark,
                    len: value.chars().count().max(1) + quotes,
                };
                if self.expects_key() {
                    return self.key(value, hit);
                }
                let exact = self.value(hit);
                self.advance();
                exact.then_some(hit)
            }
            Event::Alias(_) => {
                let hit = Hit { mark, len: 1 };
                let exact = self.value(hit);
                self.advance();
                exact.then_some(hit)
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let hit = Hit { mark, len: 1 };
                let on_path = self.node_on_path();
                if self.value(hit) {
                    return Some(hit);
                }
                self.stack.push(match event {
                    Event::MappingStart(..) => Frame::Map { key: None, on_path },
                    _ => Frame::Seq { next: 0, on_path },
                });
                None
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                self.advance();
                None
            }
            _ => None,
        }
    }

    /// A mapping key: the entry it opens is on the path when the key is the target's next
    /// token, and is the target when that token is the last.
    fn key(&mut self, value: &str, hit: Hit) -> Option<Hit> {
        let depth = self.stack.len();
        let on_path = self.parent_on_path();
        if on_path && self.target.get(depth - 1).map(String::as_str) == Some(value) {
            if depth == self.target.len() {
                return Some(hit);
            }
            self.note(depth, hit);
        }
        if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
            // Off the path the key's text is never compared: keep it without allocating.
            *key = Some(if on_path {
                value.to_owned()
            } else {
                String::new()
            });
        }
        None
    }

    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }

    fn parent_on_path(&self) -> bool {
        match self.stack.last() {
            Some(Frame::Map { on_path, .. } | Frame::Seq { on_path, .. }) => *on_path,
            None => true,
        }
    }

    /// Whether the value node starting now is on the target's path.
    fn node_on_path(&self) -> bool {
        let depth = self.stack.len();
        if depth == 0 {
            return true;
        }
        if !self.parent_on_path() {
            return false;
        }
        let token = match self.stack.last() {
            Some(Frame::Map { key: Some(k), .. }) => k.clone(),
            Some(Frame::Seq { next, .. }) => next.to_string(),
            _ => return false,
        };
        self.target.get(depth - 1) == Some(&token)
    }

    /// A value node starts: notes it when it is on the path (mapping values were noted at their
    /// key). Returns whether it is the target; a mapping value never is here, because the
    /// target entry was already returned at its key.
    fn value(&mut self, hit: Hit) -> bool {
        let depth = self.stack.len();
        let in_map = matches!(self.stack.last(), Some(Frame::Map { .. }));
        if !self.node_on_path() || in_map {
            return false;
        }
        if depth == self.target.len() {
            return true;
        }
        self.note(depth, hit);
        false
    }

    /// Moves the innermost collection past the value that just ended.
    fn advance(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { next, .. }) => *next += 1,
            None => {}
        }
    }

    fn note(&mut self, depth: usize, hit: Hit) {
        if self.best.as_ref().is_none_or(|(d, _)| depth > *d) {
            self.best = Some((depth, hit));
        }
    }
}

/// Turns a parser position into a [`Location`] with a byte span inside one line of `text`.
fn location(text: &str, hit: Hit, found: Found) -> Location {
    let line = hit.mark.line().max(1);
    let column = hit.mark.col() + 1;
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_text = text[line_start.min(text.len())..]
        .split('\n')
        .next()
        .unwrap_or("");
    let start = line_start
        + line_text
            .char_indices()
            .nth(column - 1)
            .map_or(line_text.len(), |(i, _)| i);
    let end = line_text
        .char_indices()
        .map(|(i, _)| line_start + i)
        .chain(std::iter::once(line_start + line_text.len()))
        .find(|&i| i >= start && text[start..i].chars().count() >= hit.len)
        .unwrap_or(line_start + line_text.len());
    Location {
        line,
        column,
        span: start..end.max(start),
        found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "openapi: 3.0.3\npaths:\n  /personas:\n    post:\n      responses:\n        '201': {description: ok}\ncomponents:\n  schemas:\n    Persona:\n      required: [id, name]\n      properties:\n        voice: {$ref: '#/components/schemas/Voice'}\n";

    fn at(text: &str, pointer: &str) -> (usize, usize, String, Found) {
        let l = locate(text, pointer).unwrap();
        (l.line, l.column, text[l.span].to_owned(), l.found)
    }

    #[test]
    fn a_mapping_entry_is_found_at_its_key() {
        assert_eq!(
            at(YAML, "/components/schemas/Persona/properties/voice"),
            (12, 9, "voice".into(), Found::Exact)
        );
        assert_eq!(
            at(YAML, "/paths/~1personas/post/responses/201"),
            (6, 9, "'201'".into(), Found::Exact)
        );
        assert_eq!(at(YAML, "").0, 1);
    }

    #[test]
    fn sequence_items_and_flow_values_are_found() {
        assert_eq!(
            at(YAML, "/components/schemas/Persona/required/1"),
            (10, 22, "name".into(), Found::Exact)
        );
        assert_eq!(
            at(YAML, "/components/schemas/Persona/properties/voice/$ref"),
            (12, 17, "$ref".into(), Found::Exact)
        );
    }

    #[test]
    fn json_text_is_located_too() {
        let json = "{\n  \"paths\": {\n    \"/a\": {\"get\": {}}\n  }\n}\n";
        assert_eq!(
            at(json, "/paths/~1a/get"),
            (3, 12, "\"get\"".into(), Found::Exact)
        );
    }

    #[test]
    fn a_missing_node_gets_its_nearest_ancestor() {
        assert_eq!(
            at(YAML, "/components/schemas/Persona/properties/missing/type"),
            (
                11,
                7,
                "properties".into(),
                Found::Ancestor("/components/schemas/Persona/properties".into())
            )
        );
        assert_eq!(at(YAML, "/servers").3, Found::Ancestor(String::new()));
    }

    #[test]
    fn broken_text_gets_the_syntax_error_position() {
        let (line, _, _, found) = at("a: 1\nb: [c, 1\n", "/b/3");
        assert!(line >= 2, "{line}");
        assert!(matches!(found, Found::SyntaxError(_)), "{found:?}");
        let (line, _, _, found) = at("a: 1\nb: {c: 1\nd: 2\n  - x\n", "");
        assert!(line >= 2, "{line}");
        assert!(matches!(found, Found::SyntaxError(_)), "{found:?}");
    }
}

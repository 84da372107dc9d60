//! Expressions and types laid out as prettyplease lays them out, and the lines that hold
//! them: signatures, `impl` headers, `if let`/`for` heads, match arms.
//!
//! prettyplease keeps a group (call arguments, generic arguments, a method chain, a struct
//! literal) on one line when it fits together with whatever follows it up to the next place
//! the enclosing code may break; otherwise it breaks the group at its own delimiters, its parts
//! one level deeper than the innermost broken group around it. A comma after a list's last
//! item is only written when broken, so it never counts towards the width; other commas do.

use super::text::Code;

/// An expression or type, by how it may break.
pub enum Node {
    /// Text that never breaks.
    Text(String),
    /// `open` items `close`: call or generic arguments, a tuple, fn parameters; broken,
    /// one item a line, each followed by a comma.
    List {
        open: String,
        items: Vec<Node>,
        close: String,
    },
    /// Side by side: a part breaks when it does not fit together with the parts after it
    /// (up to a [`Node::Stop`] or [`Node::Break`]).
    Seq(Vec<Node>),
    /// Where the enclosing code could break but never does (after `=`): what follows
    /// does not count towards fitting what precedes.
    Stop,
    /// A space where the enclosing code may break (before `for` in an `impl`): a new line
    /// at the group's depth when what follows, up to the next break, does not fit. As with
    /// [`Node::Stop`], what follows does not count towards fitting what precedes.
    Break,
    /// `base.a().b()`: broken, each link on its own line.
    Chain { base: Box<Node>, links: Vec<Node> },
    /// `path { field: value }`: broken also when wider than 34 columns. A field with an
    /// empty name is its value alone (the shorthand `Self { name }`).
    Struct {
        path: String,
        fields: Vec<(String, Node)>,
    },
    /// `{ node }`, a block holding one expression.
    Block(Box<Node>),
    /// `{` statements `}`, always broken.
    Stmts(Vec<String>),
    /// `head { pattern => value, .. }`, always broken unless it has no arms (`head {}`). A
    /// pattern breaks when it does not fit with ` => `; an arm's value that does not fit goes
    /// in braces on the next line.
    Match {
        head: String,
        arms: Vec<(Node, Node)>,
    },
    /// `params body`, a closure (`|v| v.a`); a body that does not fit goes in braces on
    /// the next line.
    Closure { params: String, body: Box<Node> },
}

/// Unbreakable text.
pub fn text(s: &str) -> Node {
    Node::Text(s.to_owned())
}

/// `start`, `node`, then `tail` on its last line, counted towards fitting (`;`, `,`).
pub fn line(code: &mut Code, start: &str, node: &Node, tail: &str) {
    let mut w = Writer::new(code, start);
    w.put(node, Some(tail.len()));
    w.finish(tail);
}

/// `start`, the type `ty`, then `tail`, as [`line`] lays them out; written directly when the
/// line fits, without building the type's [`Node`] (most lines do: this is the hot path for
/// every field).
pub fn type_line(code: &mut Code, start: &str, ty: &str, tail: &str) {
    if code.fits(start.len() + ty.len() + tail.len()) {
        code.line(&format!("{start}{ty}{tail}"));
    } else {
        line(code, start, &type_node(ty), tail);
    }
}

/// One arm `pattern => value` of a match whose other lines the caller writes, laid out as in
/// a [`Node::Match`].
pub fn arm(code: &mut Code, pattern: &Node, value: &Node) {
    let mut w = Writer::new(code, "");
    w.arm(pattern, value, 0);
    w.finish("");
}

/// `start` and `node`, then ` {` opening a block (the head of an `if let` or a `for`): on one
/// line when it fits; otherwise `node` breaks as it must and `{` goes on a line of its own.
pub fn block_head(code: &mut Code, start: &str, node: &Node) {
    if let Some(flat) = node.flat() {
        if code.fits(start.len() + flat.len() + " {".len()) {
            code.open(&format!("{start}{flat} {{"));
            return;
        }
    }
    line(code, start, node, "");
    code.open("{");
}

/// A function signature `{head}(params){ret} {` opening the body: on one line when it fits,
/// else one parameter a line. Each parameter is its pattern (`name: `, or `mut self` with an
/// empty type) and its type, which breaks at its generic arguments.
pub fn signature(code: &mut Code, head: &str, params: &[(String, String)], ret: &str) {
    let flat_len = head.len()
        + params
            .iter()
            .map(|(pattern, ty)| pattern.len() + ty.len() + ", ".len())
            .sum::<usize>()
            .saturating_sub(", ".len())
        + "()".len()
        + ret.len()
        + " {".len();
    if code.fits(flat_len) {
        let mut flat = String::with_capacity(flat_len);
        flat.push_str(head);
        flat.push('(');
        for (i, (pattern, ty)) in params.iter().enumerate() {
            if i > 0 {
                flat.push_str(", ");
            }
            flat.push_str(pattern);
            flat.push_str(ty);
        }
        flat.push(')');
        flat.push_str(ret);
        flat.push_str(" {");
        code.open(&flat);
        return;
    }
    let params = params
        .iter()
        .map(|(pattern, ty)| Node::Seq(vec![text(pattern), type_node(ty)]))
        .collect();
    let sig = Node::Seq(vec![
        Node::List {
            open: "(".to_owned(),
            items: params,
            close: ")".to_owned(),
        },
        text(ret),
    ]);
    let mut w = Writer::new(code, head);
    w.put(&sig, Some(" {".len()));
    w.finish_open(" {");
}

/// `impl{generics} {trait_} for {ty} {` opening an impl block: on one line if it fits;
/// otherwise the trait's generic arguments break if `impl Trait` alone does not fit, and
/// `for Type {` goes on a line of its own unless it fits after them.
pub fn impl_header(code: &mut Code, generics: &str, trait_: &str, ty: &str) {
    let flat = format!("impl{generics} {trait_} for {ty} {{");
    if code.fits(flat.len()) {
        code.open(&flat);
        return;
    }
    let header = Node::Seq(vec![
        text(&format!("impl{generics} ")),
        type_node(trait_),
        Node::Break,
        text(&format!("for {ty}")),
    ]);
    let mut w = Writer::new(code, "");
    w.put(&header, Some(" {".len()));
    w.finish_open(" {");
}

/// `head((items))`: a call whose one argument is a tuple. Broken, the tuple's items go one a
/// line between `head((` and `))`.
pub fn tuple_call(head: &str, items: Vec<Node>) -> Node {
    Node::Seq(vec![
        text(&format!("{head}(")),
        Node::List {
            open: "(".to_owned(),
            items,
            close: ")".to_owned(),
        },
        text(")"),
    ])
}

/// `head(args)`.
pub fn call(head: &str, args: Vec<Node>) -> Node {
    Node::Seq(vec![
        text(head),
        Node::List {
            open: "(".to_owned(),
            items: args,
            close: ")".to_owned(),
        },
    ])
}

/// `base` followed by unbreakable links (`.field`, `.method()`).
pub fn chain(base: &str, links: &[&str]) -> Node {
    Node::Chain {
        base: Box::new(text(base)),
        links: links.iter().map(|l| text(l)).collect(),
    }
}

/// A type written as text (`Result<Vec<T>>`), breakable at its generic arguments.
pub fn type_node(ty: &str) -> Node {
    let mut chars = ty.char_indices().peekable();
    parse_type(ty, &mut chars)
}

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// The type up to a `,` or `>` at this level (not consumed).
fn parse_type(ty: &str, chars: &mut Chars<'_>) -> Node {
    let mut parts = Vec::new();
    let mut start = chars.peek().map_or(ty.len(), |(i, _)| *i);
    while let Some(&(i, c)) = chars.peek() {
        match c {
            ',' | '>' => break,
            '<' => {
                parts.push(text(&ty[start..i]));
                chars.next();
                let mut items = Vec::new();
                loop {
                    items.push(parse_type(ty, chars));
                    match chars.next() {
                        Some((_, ',')) => {
                            while chars.peek().is_some_and(|(_, c)| *c == ' ') {
                                chars.next();
                            }
                        }
                        _ => break,
                    }
                }
                parts.push(Node::List {
                    open: "<".to_owned(),
                    items,
                    close: ">".to_owned(),
                });
                start = chars.peek().map_or(ty.len(), |(i, _)| *i);
            }
            _ => {
                chars.next();
            }
        }
    }
    let end = chars.peek().map_or(ty.len(), |(i, _)| *i);
    if start < end {
        parts.push(text(&ty[start..end]));
    }
    if parts.len() == 1 {
        parts.pop().unwrap_or_else(|| text(""))
    } else {
        Node::Seq(parts)
    }
}

impl Node {
    /// The node on one line, unless it always breaks.
    pub fn flat(&self) -> Option<String> {
        let mut out = String::new();
        self.write_flat(&mut out).then_some(out)
    }

    fn write_flat(&self, out: &mut String) -> bool {
        match self {
            Node::Text(s) => out.push_str(s),
            Node::Stop => {}
            Node::Break => out.push(' '),
            Node::Match { head, arms } if arms.is_empty() => {
                out.push_str(head);
                out.push_str(" {}");
            }
            Node::List { open, items, close } => {
                out.push_str(open);
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    if !item.write_flat(out) {
                        return false;
                    }
                }
                out.push_str(close);
            }
            Node::Seq(parts) => return parts.iter().all(|p| p.write_flat(out)),
            Node::Chain { base, links } => {
                return base.write_flat(out) && links.iter().all(|l| l.write_flat(out))
            }
            Node::Struct { path, fields } => {
                let start = out.len();
                out.push_str(path);
                out.push_str(" {");
                for (i, (name, value)) in fields.iter().enumerate() {
                    out.push_str(if i > 0 { ", " } else { " " });
                    field_name(out, name);
                    if !value.write_flat(out) {
                        return false;
                    }
                }
                if !fields.is_empty() {
                    out.push(' ');
                }
                // prettyplease breaks a struct literal wider than this, fitting or not.
                if out.len() - start > 34 {
                    return false;
                }
                out.push('}');
            }
            Node::Block(inner) => {
                out.push_str("{ ");
                if !inner.write_flat(out) {
                    return false;
                }
                out.push_str(" }");
            }
            Node::Closure { params, body } => {
                out.push_str(params);
                out.push(' ');
                return body.write_flat(out);
            }
            Node::Stmts(_) | Node::Match { .. } => return false,
        }
        true
    }

    /// The width of the node on one line, unless it always breaks.
    fn width(&self) -> Option<usize> {
        Some(match self {
            Node::Text(s) => s.len(),
            Node::Stop => 0,
            Node::Break => 1,
            Node::Match { head, arms } if arms.is_empty() => head.len() + 3,
            Node::List { open, items, close } => {
                let mut sum = open.len() + close.len() + 2 * items.len().saturating_sub(1);
                for item in items {
                    sum += item.width()?;
                }
                sum
            }
            Node::Seq(parts) => {
                let mut sum = 0;
                for p in parts {
                    sum += p.width()?;
                }
                sum
            }
            Node::Chain { base, links } => {
                let mut sum = base.width()?;
                for l in links {
                    sum += l.width()?;
                }
                sum
            }
            Node::Struct { .. } => self.flat()?.len(),
            Node::Block(inner) => inner.width()? + 4,
            Node::Closure { params, body } => params.len() + 1 + body.width()?,
            Node::Stmts(_) | Node::Match { .. } => return None,
        })
    }

    /// This node followed by the unbreakable `s` (`?`).
    pub fn then(self, s: &str) -> Node {
        Node::Seq(vec![self, text(s)])
    }
}

/// Writes nodes into lines of a [`Code`], starting on a line at its current depth.
pub struct Writer<'a> {
    code: &'a mut Code,
    /// The line being written, without its indentation.
    line: String,
    /// Its depth below the code's.
    extra: usize,
}

impl<'a> Writer<'a> {
    /// A writer whose first line starts with `start`.
    pub fn new(code: &'a mut Code, start: &str) -> Self {
        Writer {
            code,
            line: start.to_owned(),
            extra: 0,
        }
    }

    /// Ends the last line with `tail`.
    pub fn finish(mut self, tail: &str) {
        self.line.push_str(tail);
        self.code.line_at(self.extra, &self.line);
    }

    /// Ends the last line with `tail`, opening a block: what follows is one level deeper.
    /// The line must be at the code's depth (a signature's last line is).
    pub fn finish_open(mut self, tail: &str) {
        self.line.push_str(tail);
        self.code.open(&self.line);
    }

    /// Starts a new line `extra` levels deeper than the code's depth.
    fn newline(&mut self, extra: usize) {
        self.code.line_at(self.extra, &self.line);
        self.line.clear();
        self.extra = extra;
    }

    /// Writes `node`, followed on its last line by `after` columns that count towards
    /// fitting (`None`: something that never fits).
    pub fn put(&mut self, node: &Node, after: Option<usize>) {
        self.put_at(node, 0, after);
    }

    /// [`Writer::put`] inside a broken group `base` levels deeper than the code.
    fn put_at(&mut self, node: &Node, base: usize, after: Option<usize>) {
        if let (Some(width), Some(after)) = (node.width(), after) {
            if self
                .code
                .fits_at(self.extra, self.line.len() + width + after)
            {
                node.write_flat(&mut self.line);
                return;
            }
        }
        match node {
            Node::Text(s) => self.line.push_str(s),
            Node::Stop => {}
            Node::Break => self.newline(base),
            Node::List { open, items, close } => {
                self.line.push_str(open);
                if !items.is_empty() {
                    for (i, item) in items.iter().enumerate() {
                        self.newline(base + 1);
                        let last = i + 1 == items.len();
                        self.put_at(item, base + 1, Some(usize::from(!last)));
                        self.line.push(',');
                    }
                    self.newline(base);
                }
                self.line.push_str(close);
            }
            Node::Seq(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    self.put_at(part, base, rest_width(&parts[i + 1..], after));
                }
            }
            Node::Chain { base: first, links } => {
                self.put_at(first, base, Some(0));
                for (i, link) in links.iter().enumerate() {
                    self.newline(base + 1);
                    let last = i + 1 == links.len();
                    self.put_at(link, base + 1, if last { after } else { Some(0) });
                }
            }
            Node::Struct { path, fields } => {
                self.line.push_str(path);
                self.line.push_str(" {");
                for (i, (name, value)) in fields.iter().enumerate() {
                    self.newline(base + 1);
                    field_name(&mut self.line, name);
                    let last = i + 1 == fields.len();
                    self.put_at(value, base + 1, Some(usize::from(!last)));
                    self.line.push(',');
                }
                self.newline(base);
                self.line.push('}');
            }
            Node::Block(inner) => {
                self.line.push('{');
                self.newline(base + 1);
                self.put_at(inner, base + 1, Some(0));
                self.newline(base);
                self.line.push('}');
            }
            Node::Stmts(stmts) => {
                self.line.push('{');
                for s in stmts {
                    self.newline(base + 1);
                    self.line.push_str(s);
                }
                self.newline(base);
                self.line.push('}');
            }
            Node::Match { head, arms } => {
                self.line.push_str(head);
                if arms.is_empty() {
                    self.line.push_str(" {}");
                    return;
                }
                self.line.push_str(" {");
                for (pattern, value) in arms {
                    self.newline(base + 1);
                    self.arm(pattern, value, base + 1);
                }
                self.newline(base);
                self.line.push('}');
            }
            Node::Closure { params, body } => {
                self.line.push_str(params);
                self.line.push(' ');
                self.braced(body, base);
            }
        }
    }

    /// A match arm `pattern => value`: the pattern broken when it does not fit with ` => `;
    /// the value on this line when it fits (the comma aside), otherwise in braces.
    fn arm(&mut self, pattern: &Node, value: &Node, base: usize) {
        self.put_at(pattern, base, Some(" => ".len()));
        self.line.push_str(" => ");
        if let Some(width) = value.width() {
            if self.code.fits_at(self.extra, self.line.len() + width) {
                value.write_flat(&mut self.line);
                self.line.push(',');
                return;
            }
        }
        self.braced(value, base);
    }

    /// `{`, the value on its own lines one level deeper, `}`.
    fn braced(&mut self, value: &Node, base: usize) {
        self.line.push('{');
        self.newline(base + 1);
        self.put_at(value, base + 1, Some(0));
        self.newline(base);
        self.line.push('}');
    }
}

/// `name: ` before a struct literal's field value, nothing for a shorthand field.
fn field_name(out: &mut String, name: &str) {
    if !name.is_empty() {
        out.push_str(name);
        out.push_str(": ");
    }
}

/// The width of `parts` on one line followed by `after`, up to a [`Node::Stop`] or
/// [`Node::Break`].
fn rest_width(parts: &[Node], after: Option<usize>) -> Option<usize> {
    let mut sum = 0;
    for p in parts {
        if let Node::Stop | Node::Break = p {
            return Some(sum);
        }
        sum += p.width()?;
    }
    Some(sum + after?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::text::impl_for;

    /// Around every margin, the layouts come out as the render stage formats their tokens.
    #[test]
    fn layouts_match_the_render_stage_at_every_length() {
        for n in 20..110 {
            let name = "N".repeat(n);
            let mut code = Code::new();
            code.open("pub struct S {");
            for ty in [
                format!("Option<{name}>"),
                format!("Option<std::collections::BTreeMap<String, Vec<{name}>>>"),
            ] {
                line(&mut code, "pub f: ", &type_node(&ty), ",");
            }
            code.close("}");
            code.blank();
            impl_for(&mut code, "rt::Validate", &name);
            let params = [
                ("mut self".to_owned(), String::new()),
                ("a: ".to_owned(), format!("impl Into<{name}>")),
                (
                    "b: ".to_owned(),
                    format!("impl IntoIterator<Item = impl Into<{name}>>"),
                ),
            ];
            signature(&mut code, "pub fn f", &params, " -> Self");
            line(&mut code, "", &call("f", vec![text(&name), text("x")]), ";");
            let field = "f".repeat(n.min(60));
            let value = text("value.into_iter().map(Into::into).collect()");
            let set = call(&format!("self.{field} = Some"), vec![value]);
            line(&mut code, "", &set, ";");
            code.line("self");
            code.close("}");
            code.close("}");
            let text = code.finish();
            assert_eq!(crate::render::unformatted(&text), None, "{text}");
        }
    }
}

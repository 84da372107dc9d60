//! A line writer for code emitted as formatted text, bypassing `quote!`, `syn` and
//! `prettyplease` for the items that make up most of a module (models, enums, validators).
//!
//! Text chunks must come out exactly as the render stage would format the same tokens:
//! `render::unformatted` checks that, and the tests run it over every fixture and spec. What
//! prettyplease breaks when it does not fit is laid out by [`super::layout`].

/// Indented lines of Rust source, four spaces per level.
#[derive(Default)]
pub struct Code {
    out: String,
    depth: usize,
}

impl Code {
    pub fn new() -> Self {
        Code {
            out: String::with_capacity(4096),
            depth: 0,
        }
    }

    /// One line at the current depth.
    pub fn line(&mut self, s: &str) {
        for _ in 0..self.depth {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// An empty line (between items).
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A line that opens a block (ends with `{`, `(`, `[`): what follows is one level deeper.
    pub fn open(&mut self, s: &str) {
        self.line(s);
        self.depth += 1;
    }

    /// A line that closes the innermost block.
    pub fn close(&mut self, s: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.line(s);
    }

    /// Outer doc comments, one `///` line per entry, as prettyplease prints `#[doc = " ..."]`
    /// (it trims trailing spaces, not other whitespace). Entries must not span lines: see
    /// `docs::write`.
    pub fn docs(&mut self, lines: &[String]) {
        for l in lines {
            let l = l.trim_end_matches(' ');
            if l.is_empty() {
                self.line("///");
            } else {
                let mut s = String::with_capacity(l.len() + 4);
                s.push_str("/// ");
                s.push_str(l);
                self.line(&s);
            }
        }
    }

    /// Whether a line of `len` characters fits at the current depth without prettyplease
    /// breaking it: its margin is 89 columns, less the indentation, but never under 60.
    pub fn fits(&self, len: usize) -> bool {
        self.fits_at(0, len)
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A Rust string literal for `s`, escaped exactly as `proc_macro2::Literal::string` does (what
/// render prints for a literal built with `quote!`): printable ASCII as is, `\0` as `\0` (or
/// `\x00` before an octal digit), everything else as `char::escape_debug`. Building the
/// `Literal` and printing it costs about 15k instructions a literal, most of a large module's
/// emit time; this is the same escaping without them.
pub fn str_lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '"' | '\\' => out.extend(ch.escape_debug()),
            ' '..='~' => out.push(ch),
            '\0' => {
                let octal_next = chars
                    .as_str()
                    .starts_with(|n: char| ('0'..='7').contains(&n));
                out.push_str(if octal_next { r"\x00" } else { r"\0" });
            }
            _ => out.extend(ch.escape_debug()),
        }
    }
    out.push('"');
    out
}

impl Code {
    /// A line that closes the innermost block and opens another at the same depth
    /// (`) -> Self {` after parameters broken one per line).
    pub fn reopen(&mut self, s: &str) {
        self.close(s);
        self.depth += 1;
    }

    /// One line `extra` levels deeper than the current depth.
    pub fn line_at(&mut self, extra: usize, s: &str) {
        self.depth += extra;
        self.line(s);
        self.depth -= extra;
    }

    /// [`Code::fits`] for a line `extra` levels deeper than the current depth.
    pub fn fits_at(&self, extra: usize, len: usize) -> bool {
        len <= 89usize.saturating_sub((self.depth + extra) * 4).max(60)
    }
}

/// `impl {trait_} for {ty} {`, laid out by [`super::layout::impl_header`]. Opens the impl's
/// block.
pub fn impl_for(code: &mut Code, trait_: &str, ty: &str) {
    super::layout::impl_header(code, "", trait_, ty);
}

/// `#[serde(key = "value")]`, its inside on a line of its own when it does not fit.
pub fn serde_attr(code: &mut Code, key: &str, value: &str) {
    let lit = str_lit(value);
    let flat = format!("#[serde({key} = {lit})]");
    if code.fits(flat.len()) {
        code.line(&flat);
    } else {
        code.open("#[serde(");
        code.line(&format!("{key} = {lit}"));
        code.close(")]");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_are_escaped_as_proc_macro2_escapes_them() {
        let cases = [
            "",
            "plain ASCII: id, name_2 ~!@#$%^&*()",
            "quotes \" and ' and \\ backslash",
            "controls \n \r \t \u{7f} \u{1b}",
            "nul \0 then \u{0}7 and \u{0}8 and end \0",
            "unicode: é ü 日本 \u{2028} \u{200b} \u{fe0f} \u{301} combining",
            "\u{301}leading combining mark",
            "emoji 🦀 and \u{10ffff}",
        ];
        for case in cases {
            let want = proc_macro2::Literal::string(case).to_string();
            assert_eq!(str_lit(case), want, "{case:?}");
        }
    }
}

//! A line writer for code emitted as formatted text, bypassing `quote!`, `syn` and
//! `prettyplease` for the items that make up most of a module (models, enums, validators).
//!
//! Text chunks must come out exactly as the render stage would format the same tokens:
//! `render::unformatted` checks that, and the tests run it over every fixture and spec.

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

    /// Outer doc comments, one `///` line per entry, as prettyplease prints `#[doc = " ..."]`.
    pub fn docs(&mut self, lines: &[String]) {
        for l in lines {
            let l = l.trim_end();
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
        len <= 89usize.saturating_sub(self.depth * 4).max(60)
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// A Rust string literal for `s`, escaped exactly as `proc_macro2::Literal::string` does.
pub fn str_lit(s: &str) -> String {
    proc_macro2::Literal::string(s).to_string()
}

impl Code {
    /// The indentation of the current depth, in columns.
    pub fn indent(&self) -> usize {
        self.depth * 4
    }

    /// A line that closes the innermost block and opens another at the same depth
    /// (`) -> Self {` after parameters broken one per line).
    pub fn reopen(&mut self, s: &str) {
        self.close(s);
        self.depth += 1;
    }
}

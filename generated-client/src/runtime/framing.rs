//! Cutting a streamed body into items: server-sent events, JSON lines, JSON text sequences.
//!
//! Bytes go in as they arrive, in chunks of any size; complete items come out. A chunk may end
//! anywhere: inside a line, between the `\r` and `\n` of a CRLF, or inside a UTF-8 character
//! (lines are cut on bytes, and no byte of a multi-byte UTF-8 character is `\r`, `\n` or RS, so
//! a character is never cut).

/// How a streamed body is cut into items, from its media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// `text/event-stream` (server-sent events, WHATWG HTML §9.2): each event's `data` is one
    /// item.
    EventStream,
    /// `application/jsonl`, `application/x-ndjson`: one item per line; blank lines are skipped.
    JsonLines,
    /// `application/json-seq` (RFC 7464): each item follows an RS byte (0x1E).
    JsonSeq,
}

/// One item as it arrived, before it is decoded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Frame {
    /// The item's text: an event's `data` lines joined by `\n`, or a line, or a record.
    pub data: String,
    /// The event's `event` field (server-sent events only).
    pub event: Option<String>,
    /// The last `id` field seen so far in the stream (server-sent events only): what a client
    /// sends as `Last-Event-ID` to resume.
    pub id: Option<String>,
}

/// The end of a `text/event-stream` by OpenAI's convention (`data: [DONE]`), which many
/// compatible APIs follow: not an item, and nothing after it is read.
const DONE: &str = "[DONE]";

const RS: u8 = 0x1e;

/// Cuts bytes into [`Frame`]s.
#[derive(Debug)]
pub(crate) struct Framer {
    framing: Framing,
    /// Bytes received and not yet cut into lines (or records).
    buf: Vec<u8>,
    /// How far `buf` is known to hold no line end (so a long line is scanned once).
    scanned: usize,
    /// The previous chunk ended with `\r`: a `\n` that starts the next one belongs to it.
    after_cr: bool,
    /// The first line or record has been read (a UTF-8 byte order mark is dropped from it).
    started: bool,
    /// The event being read: its `data` lines so far.
    data: Option<String>,
    event: Option<String>,
    last_id: Option<String>,
    /// `data: [DONE]` was read: the stream is over.
    pub(crate) done: bool,
}

impl Framer {
    pub(crate) fn new(framing: Framing) -> Self {
        Framer {
            framing,
            buf: Vec::new(),
            scanned: 0,
            after_cr: false,
            started: false,
            data: None,
            event: None,
            last_id: None,
            done: false,
        }
    }

    /// The last `id` field the event stream sent.
    pub(crate) fn last_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// How many bytes are held for the item being read (to bound one item's size).
    pub(crate) fn pending(&self) -> usize {
        self.buf.len() + self.data.as_ref().map_or(0, String::len)
    }

    /// Takes the next chunk of the body; the complete items it ends go to `out`.
    pub(crate) fn push(&mut self, mut chunk: &[u8], out: &mut Vec<Frame>) {
        if self.done {
            return;
        }
        if self.after_cr && !chunk.is_empty() {
            self.after_cr = false;
            chunk = chunk.strip_prefix(b"\n").unwrap_or(chunk);
        }
        self.buf.extend_from_slice(chunk);
        match self.framing {
            Framing::JsonSeq => self.records(out),
            _ => self.lines(out),
        }
    }

    /// The body ended: the item being read, if any, is complete.
    pub(crate) fn finish(&mut self, out: &mut Vec<Frame>) {
        if self.done {
            return;
        }
        let rest = std::mem::take(&mut self.buf);
        self.scanned = 0;
        match self.framing {
            Framing::JsonSeq => self.record(&rest, out),
            _ => {
                if !rest.is_empty() {
                    self.line(&rest, out);
                }
                // An event the body ends before its blank line is delivered all the same
                // (browsers drop it; the server did send it).
                self.line(b"", out);
            }
        }
    }

    /// A line or record as text (invalid UTF-8 replaced, as the event stream format says),
    /// without the byte order mark that may open the body.
    fn text<'b>(&mut self, bytes: &'b [u8]) -> std::borrow::Cow<'b, str> {
        let bytes = if self.started {
            bytes
        } else {
            self.started = true;
            bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
        };
        String::from_utf8_lossy(bytes)
    }

    /// Cuts every complete line off `buf`.
    fn lines(&mut self, out: &mut Vec<Frame>) {
        let mut start = 0;
        let mut from = self.scanned;
        while let Some(i) = self.buf[from..]
            .iter()
            .position(|b| *b == b'\n' || *b == b'\r')
        {
            let end = from + i;
            let line = std::mem::take(&mut self.buf);
            self.line(&line[start..end], out);
            self.buf = line;
            start = end + 1;
            if self.buf[end] == b'\r' {
                match self.buf.get(start) {
                    Some(b'\n') => start += 1,
                    Some(_) => {}
                    None => self.after_cr = true,
                }
            }
            from = start;
            if self.done {
                self.buf.clear();
                self.scanned = 0;
                return;
            }
        }
        self.buf.drain(..start);
        self.scanned = self.buf.len();
    }

    /// One line, without its line end.
    fn line(&mut self, line: &[u8], out: &mut Vec<Frame>) {
        let line = self.text(line);
        if self.framing == Framing::JsonLines {
            if !line.trim().is_empty() {
                out.push(Frame {
                    data: line.into_owned(),
                    ..Frame::default()
                });
            }
            return;
        }
        if line.is_empty() {
            self.dispatch(out);
            return;
        }
        if line.starts_with(':') {
            return; // a comment (keep-alive)
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (&*line, ""),
        };
        match field {
            "data" => {
                // Each `data` line adds its value and `\n`; the last `\n` goes at dispatch.
                let data = self.data.get_or_insert_with(String::new);
                data.push_str(value);
                data.push('\n');
            }
            "event" => self.event = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            _ => {} // `retry` (the client does not reconnect) and unknown fields
        }
    }

    /// A blank line: the event read so far is complete (one without `data` is no item).
    fn dispatch(&mut self, out: &mut Vec<Frame>) {
        let event = self.event.take();
        let Some(mut data) = self.data.take() else {
            return;
        };
        data.pop(); // the `\n` after the last `data` line
        if data == DONE {
            self.done = true;
            return;
        }
        out.push(Frame {
            data,
            event,
            id: self.last_id.clone(),
        });
    }

    /// Cuts every complete record (one followed by the next RS) off `buf`.
    fn records(&mut self, out: &mut Vec<Frame>) {
        let mut start = 0;
        let mut from = self.scanned;
        while let Some(i) = self.buf[from..].iter().position(|b| *b == RS) {
            let end = from + i;
            let buf = std::mem::take(&mut self.buf);
            self.record(&buf[start..end], out);
            self.buf = buf;
            start = end + 1;
            from = start;
        }
        self.buf.drain(..start);
        self.scanned = self.buf.len();
    }

    /// One record, without its RS; whitespace around the JSON text is not part of it.
    fn record(&mut self, record: &[u8], out: &mut Vec<Frame>) {
        let text = self.text(record);
        let text = text.trim_matches(|c: char| c.is_ascii_whitespace());
        if !text.is_empty() {
            out.push(Frame {
                data: text.to_owned(),
                ..Frame::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `body` in chunks of `size` bytes, then ends it.
    fn frames(framing: Framing, body: &[u8], size: usize) -> Vec<Frame> {
        let mut framer = Framer::new(framing);
        let mut out = Vec::new();
        for chunk in body.chunks(size) {
            framer.push(chunk, &mut out);
        }
        framer.finish(&mut out);
        out
    }

    /// The same frames whatever the chunk size: every split of lines, CRLFs and characters.
    fn every_split(framing: Framing, body: &[u8]) -> Vec<Frame> {
        let whole = frames(framing, body, body.len().max(1));
        for size in 1..body.len() {
            assert_eq!(frames(framing, body, size), whole, "chunks of {size} bytes");
        }
        whole
    }

    fn data(frames: &[Frame]) -> Vec<&str> {
        frames.iter().map(|f| f.data.as_str()).collect()
    }

    #[test]
    fn server_sent_events_fields_comments_and_line_ends() {
        let body = "\u{feff}: keep-alive\r\n\r\nevent: delta\r\nid: 7\r\ndata: {\"text\":\r\ndata:\"héllo ✓\"}\r\n\r\n\
                    data: {\"n\": 2}\n\n\
                    retry: 1000\rdata:{\"n\": 3}\r\r\
                    event: ping\n\n\
                    data\n\n";
        let out = every_split(Framing::EventStream, body.as_bytes());
        assert_eq!(
            data(&out),
            ["{\"text\":\n\"héllo ✓\"}", "{\"n\": 2}", "{\"n\": 3}", ""]
        );
        assert_eq!(out[0].event.as_deref(), Some("delta"));
        assert_eq!(out[0].id.as_deref(), Some("7"));
        // The event type is the event's own; the id stays until another is sent.
        assert_eq!(
            (out[1].event.as_deref(), out[1].id.as_deref()),
            (None, Some("7"))
        );
    }

    #[test]
    fn an_event_the_body_ends_before_its_blank_line_is_delivered() {
        let out = every_split(
            Framing::EventStream,
            b"data: {\"a\": 1}\n\ndata: {\"b\": 2}",
        );
        assert_eq!(data(&out), ["{\"a\": 1}", "{\"b\": 2}"]);
    }

    #[test]
    fn done_ends_the_stream() {
        let out = every_split(
            Framing::EventStream,
            b"data: 1\n\ndata: [DONE]\n\ndata: 2\n\n",
        );
        assert_eq!(data(&out), ["1"]);
    }

    #[test]
    fn json_lines_skip_blank_lines_and_keep_bad_ones() {
        let body = "{\"n\": 1}\r\n\n{\"n\": \"✓\"}\nnot json\n{\"n\": 4}";
        let out = every_split(Framing::JsonLines, body.as_bytes());
        assert_eq!(
            data(&out),
            ["{\"n\": 1}", "{\"n\": \"✓\"}", "not json", "{\"n\": 4}"]
        );
    }

    #[test]
    fn json_text_sequences_split_on_rs() {
        let body = "\u{1e}{\"n\": 1}\n\u{1e}{\"n\":\n \"✓\"}\n\u{1e}\n\u{1e}{\"n\": 3}\n";
        let out = every_split(Framing::JsonSeq, body.as_bytes());
        assert_eq!(data(&out), ["{\"n\": 1}", "{\"n\":\n \"✓\"}", "{\"n\": 3}"]);
    }

    #[test]
    fn pending_counts_the_item_being_read() {
        let mut framer = Framer::new(Framing::EventStream);
        let mut out = Vec::new();
        framer.push(b"data: 12345\ndata: 678", &mut out);
        assert!(out.is_empty());
        assert_eq!(framer.pending(), "12345\n".len() + "data: 678".len());
        framer.push(b"\n\n", &mut out);
        assert_eq!(framer.pending(), 0);
        assert_eq!(data(&out), ["12345\n678"]);
    }
}

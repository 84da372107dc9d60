//! A streamed response (OpenAPI 3.2 `itemSchema`): the body read one item at a time, each
//! decoded as it arrives.

// `Error<E>` keeps the status, headers and raw body of a failed call by design.
#![allow(clippy::result_large_err)]

use super::decode_json;
use super::error::{DecodeError, Error, StreamTimeoutError, TooLargeError};
use super::framing::{Frame, Framer, Framing};
use futures_util::Stream;
use serde::de::DeserializeOwned;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>;

/// The items of a streamed response body (`text/event-stream`, `application/jsonl`,
/// `application/x-ndjson`, `application/json-seq`), each decoded into `T` as it arrives: a
/// [`Stream`] of `Result<T, Error<E>>`. Read it with `futures_util::StreamExt::next`.
///
/// - The status was checked before the stream was returned: a non-2xx is the call's
///   [`Error::Api`], with the raw body, as for any method.
/// - An item that does not decode is an [`Error::Decode`] whose `body` is the item's raw text
///   and whose `path` is the JSON path inside it; the items after it still come.
/// - A connection cut mid-body is an [`Error::Transport`]; no bytes for longer than the
///   client's timeout (per read, default 60 s) is an [`Error::StreamTimeout`]; an item larger
///   than the response size limit (default 64 MiB) is an [`Error::TooLarge`]. Each of these is
///   the stream's last item. Nothing is retried once the stream has begun, and the client does
///   not reconnect (an event stream's `retry` field is ignored): call again, sending
///   [`ItemStream::last_event_id`] if the API resumes from it.
/// - A server-sent event's `data` is one item (its `data` lines joined by `\n`); comments
///   (keep-alives) and events without `data` are skipped, and `data: [DONE]` (OpenAI's
///   convention) ends the stream. [`ItemStream::events`] gives each event's `event` and `id`
///   fields with the item.
/// - Dropping the stream closes the connection.
pub struct ItemStream<T, E = serde_json::Value> {
    reader: Reader,
    _item: std::marker::PhantomData<fn() -> (T, E)>,
}

/// One server-sent event's item with its `event` and `id` fields (see [`ItemStream::events`]).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event<T> {
    /// The decoded `data`.
    pub data: T,
    /// The event's type (its `event` field), if it has one.
    pub event: Option<String>,
    /// The last event id the server sent (`id`), as a resuming client sends it in
    /// `Last-Event-ID`.
    pub id: Option<String>,
}

/// The items of an [`ItemStream`] with their server-sent event fields.
pub struct Events<T, E = serde_json::Value> {
    reader: Reader,
    _item: std::marker::PhantomData<fn() -> (T, E)>,
}

impl<T, E> ItemStream<T, E> {
    /// Reads `response`'s body in `framing`; `idle` bounds the wait for each read, `max_item`
    /// the bytes held for one item.
    pub(super) fn new(
        response: reqwest::Response,
        framing: Framing,
        idle: Option<Duration>,
        max_item: u64,
    ) -> Self {
        let status = response.status().as_u16();
        let request_id = super::response::request_id(response.headers());
        let chunks = futures_util::stream::unfold(Some(response), |response| async move {
            let mut response = response?;
            match response.chunk().await {
                Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                Ok(None) => None,
                Err(e) => Some((Err(e), None)),
            }
        });
        ItemStream {
            reader: Reader {
                chunks: Some(Box::pin(chunks)),
                framer: Framer::new(framing),
                ready: VecDeque::new(),
                scratch: Vec::new(),
                idle: idle.map(|d| (d, Box::pin(tokio::time::sleep(d)))),
                max_item,
                status,
                request_id,
                failure: None,
            },
            _item: std::marker::PhantomData,
        }
    }

    /// The items with their server-sent event fields (`event`, `id`); for other media types
    /// both are `None`.
    pub fn events(self) -> Events<T, E> {
        Events {
            reader: self.reader,
            _item: std::marker::PhantomData,
        }
    }

    /// The last event id the server sent (a server-sent event's `id` field), to resume from.
    pub fn last_event_id(&self) -> Option<&str> {
        self.reader.framer.last_id()
    }
}

impl<T, E> std::fmt::Debug for ItemStream<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStream")
            .field("status", &self.reader.status)
            .field("request_id", &self.reader.request_id)
            .field("ended", &self.reader.chunks.is_none())
            .finish_non_exhaustive()
    }
}

impl<T: DeserializeOwned, E> Stream for ItemStream<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.reader
            .poll_item::<T, E>(cx)
            .map(|item| item.map(|r| r.map(|e| e.data)))
    }
}

impl<T: DeserializeOwned, E> Stream for Events<T, E> {
    type Item = Result<Event<T>, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.reader.poll_item::<T, E>(cx)
    }
}

/// The body, its framing, and what a failure reports.
struct Reader {
    /// `None` once the body has ended or failed (dropping it closes the connection).
    chunks: Option<Chunks>,
    framer: Framer,
    /// Items cut from the body and not yet returned.
    ready: VecDeque<Frame>,
    scratch: Vec<Frame>,
    /// The longest wait for a read, and the timer of the current wait.
    idle: Option<(Duration, Pin<Box<tokio::time::Sleep>>)>,
    max_item: u64,
    status: u16,
    request_id: Option<String>,
    /// Why reading stopped, reported once the items before it are returned.
    failure: Option<Failure>,
}

impl Reader {
    fn poll_item<T: DeserializeOwned, E>(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Event<T>, Error<E>>>> {
        match self.poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => Poll::Ready(Some(self.decode(frame))),
            Poll::Ready(Some(Err(e))) => Poll::Ready(Some(Err(e))),
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }

    fn decode<T: DeserializeOwned, E>(&self, frame: Frame) -> Result<Event<T>, Error<E>> {
        match decode_json(frame.data.as_bytes()) {
            Ok(data) => Ok(Event {
                data,
                event: frame.event,
                id: frame.id,
            }),
            Err(e) => Err(Error::Decode(DecodeError {
                status: self.status,
                request_id: self.request_id.clone(),
                path: e.path,
                message: e.message,
                body: frame.data,
            })),
        }
    }

    fn poll_frame<E>(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<Frame, Error<E>>>> {
        loop {
            if let Some(frame) = self.ready.pop_front() {
                return Poll::Ready(Some(Ok(frame)));
            }
            if let Some(failure) = self.failure.take() {
                return Poll::Ready(Some(Err(self.error(failure))));
            }
            let Some(chunks) = self.chunks.as_mut() else {
                return Poll::Ready(None);
            };
            match chunks.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => {
                    if let Some((idle, timer)) = &mut self.idle {
                        timer.as_mut().reset(tokio::time::Instant::now() + *idle);
                    }
                    self.framer.push(&chunk, &mut self.scratch);
                    self.ready.extend(self.scratch.drain(..));
                    if self.framer.done {
                        self.chunks = None;
                    } else if self.framer.pending() as u64 > self.max_item {
                        self.end(Failure::TooLarge);
                    }
                }
                Poll::Ready(Some(Err(e))) => self.end(Failure::Transport(e)),
                Poll::Ready(None) => {
                    self.chunks = None;
                    self.framer.finish(&mut self.scratch);
                    self.ready.extend(self.scratch.drain(..));
                }
                Poll::Pending => {
                    let Some((_, timer)) = &mut self.idle else {
                        return Poll::Pending;
                    };
                    if timer.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    self.end(Failure::Idle);
                }
            }
        }
    }

    /// Stops reading (closing the connection); `failure` is reported after the items read.
    fn end(&mut self, failure: Failure) {
        self.chunks = None;
        self.failure = Some(failure);
    }

    fn error<E>(&self, failure: Failure) -> Error<E> {
        let request_id = self.request_id.clone();
        match failure {
            Failure::Transport(e) => Error::from_reqwest(e),
            Failure::Idle => Error::StreamTimeout(StreamTimeoutError {
                waited: self.idle.as_ref().map(|(d, _)| *d).unwrap_or_default(),
                streaming: true,
                request_id,
            }),
            Failure::TooLarge => Error::TooLarge(TooLargeError {
                status: self.status,
                request_id,
                limit: self.max_item,
                content_length: None,
            }),
        }
    }
}

/// Why reading stopped before the body's end.
enum Failure {
    Transport(reqwest::Error),
    /// No bytes within the idle timeout.
    Idle,
    /// One item is over the size limit.
    TooLarge,
}

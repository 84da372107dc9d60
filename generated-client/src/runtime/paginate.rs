//! Streams over every item of a paginated list operation.

use std::collections::VecDeque;
use std::future::Future;

/// A boxed, `Send` stream (`StreamExt::boxed`), to store a `*_stream` method's stream by name.
pub type BoxStream<'a, T> = futures_util::stream::BoxStream<'a, T>;

pub use futures_util::Stream;

struct State<T, C, F> {
    fetch: F,
    /// The cursor of the next page to fetch; `None` once the last page was fetched.
    next: Option<Option<C>>,
    /// The cursor of the page fetched last, to stop if a server repeats it.
    last: Option<C>,
    buffered: VecDeque<T>,
}

/// Yields every item of every page. `fetch(cursor)` gets one page (`None` asks for the page the
/// caller's parameters select) and returns its items and the next cursor (`None` at the end).
///
/// Pages are fetched only when the items before them have been read. A failed fetch is yielded
/// as the last item. A server that answers with the cursor it was just given ends the stream
/// instead of looping forever.
///
/// The stream is boxed (so it is `Unpin`) but not turned into a `dyn Stream`: a trait object
/// would make the crate that calls this compile the whole request and decoding path of every
/// paginated operation, used or not; this way it is compiled only where the stream is read.
pub fn paginate<T, C, E, F, Fut>(
    fetch: F,
) -> impl Stream<Item = Result<T, E>> + Unpin + Send + 'static
where
    T: Send + 'static,
    C: PartialEq + Clone + Send + 'static,
    E: Send + 'static,
    F: FnMut(Option<C>) -> Fut + Send + 'static,
    Fut: Future<Output = Result<(Vec<T>, Option<C>), E>> + Send + 'static,
{
    let state = State {
        fetch,
        next: Some(None),
        last: None,
        buffered: VecDeque::new(),
    };
    Box::pin(futures_util::stream::unfold(state, |mut s| async move {
        loop {
            if let Some(item) = s.buffered.pop_front() {
                return Some((Ok(item), s));
            }
            let cursor = s.next.take()?;
            match (s.fetch)(cursor.clone()).await {
                Ok((items, next)) => {
                    s.buffered.extend(items);
                    let repeats = next.is_some() && (next == cursor || next == s.last);
                    s.last = cursor;
                    if !repeats {
                        s.next = next.map(Some);
                    }
                }
                Err(e) => return Some((Err(e), s)),
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    #[tokio::test]
    async fn walks_pages_lazily_and_stops_at_the_end() {
        let pages = [
            (vec![1, 2], Some(2)),
            (vec![3], Some(3)),
            (vec![], Some(4)),
            (vec![4], None),
        ];
        let stream = paginate(move |c: Option<i32>| {
            let page = pages[c.map_or(0, |c| c as usize - 1)].clone();
            async move { Ok::<_, ()>(page) }
        });
        let all: Vec<_> = stream.collect().await;
        assert_eq!(all, vec![Ok(1), Ok(2), Ok(3), Ok(4)]);
    }

    #[tokio::test]
    async fn an_error_ends_the_stream() {
        let stream = paginate(|c: Option<i32>| async move {
            match c {
                None => Ok((vec![1], Some(2))),
                Some(_) => Err("page 2 failed"),
            }
        });
        let all: Vec<_> = stream.collect().await;
        assert_eq!(all, vec![Ok(1), Err("page 2 failed")]);
    }

    #[tokio::test]
    async fn a_repeated_cursor_ends_the_stream() {
        let stream =
            paginate(
                |_c: Option<&'static str>| async move { Ok::<_, ()>((vec![1], Some("same"))) },
            );
        let all: Vec<_> = stream.collect().await;
        assert_eq!(all, vec![Ok(1), Ok(1)]);
    }
}

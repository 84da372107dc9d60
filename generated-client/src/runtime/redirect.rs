//! Redirects: followed within the base URL's origin only, so that credentials stay there.

/// How many redirects a call follows at most (reqwest's own default).
const MAX_REDIRECTS: usize = 10;

/// The redirect policy of the clients this crate builds: a redirect to the same origin (scheme,
/// host and port, RFC 6454) is followed, up to 10 in a row; one to another origin is not, and
/// the call fails with [`Error::Redirect`](super::Error::Redirect) naming the `Location`.
///
/// Why not follow it without the credentials: reqwest can strip only the headers it knows
/// (`Authorization`, `Cookie`); an API key in another header or in the query would go along.
/// `localhost` and `127.0.0.1` are different origins, as browsers treat them.
///
/// Pass it to your own `reqwest::ClientBuilder::redirect` when you give the client builder an
/// `http_client`.
pub fn same_origin_redirects() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let first = attempt.previous().first().map(url::Url::origin);
        if first.is_some_and(|o| o != attempt.url().origin()) {
            attempt.stop()
        } else if attempt.previous().len() > MAX_REDIRECTS {
            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
        } else {
            attempt.follow()
        }
    })
}

//! `quotewire serve`: an HTTP JSON API over a quotewire store, its OpenAPI
//! document at `/openapi.json`, and a web page (HTML, CSS and JavaScript
//! embedded in the binary; nothing fetched from elsewhere).
//!
//! Routes (all `GET`):
//!
//! | path | answer |
//! |---|---|
//! | `/` | the web page (search, quote cards, article and speaker views) |
//! | `/api/search?q=&speaker=&about=&since=&until=&outlet=&kind=&limit=&offset=` | `{"results": [Hit]}` |
//! | `/api/articles/{id}` | an article with its attributions (code-point spans) |
//! | `/api/speakers/{id}` | a speaker: names, timeline, topics, latest quotes |
//! | `/api/entities?name=&limit=` | entities known by a name |
//! | `/api/stats` | table counts (at most [`STATS_TTL`] old) |
//! | `/openapi.json` | OpenAPI 3.0 description of the API |
//!
//! Limits: the database is opened read-only, every SQL value is a bound
//! parameter, at most [`MAX_LIMIT`](quotewire_store::MAX_LIMIT) results per
//! page, URIs up to [`MAX_URI`] bytes, [`MAX_CONCURRENT`] queries at once
//! (others wait), each query abandoned after [`QUERY_TIMEOUT`]. Errors are
//! JSON `{"error": message, "status": code}` with the HTTP status.

#![deny(missing_docs)]

mod api;

pub use api::{MAX_CONCURRENT, MAX_URI, QUERY_TIMEOUT, STATS_TTL, router};

use std::net::SocketAddr;
use std::path::Path;

/// Serve `db` on `addr` until Ctrl-C; `threads` worker threads.
///
/// Errors: the database cannot be opened, the address cannot be bound.
pub fn run(db: &Path, addr: SocketAddr, threads: usize) -> Result<(), String> {
    let app = router(db).map_err(|e| e.to_string())?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.max(1))
        .max_blocking_threads(MAX_CONCURRENT * 2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr().map_err(|e| e.to_string())?;
        eprintln!(
            "quotewire: serving {} on http://{local}/ (Ctrl-C to stop)",
            db.display()
        );
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| format!("server failed: {e}"))
    })
}

//! Routes, handlers, the connection pool and JSON errors.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path as UrlPath, Query as UrlQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use quotewire_store::{Error, Kind, Query, Store};
use serde::Deserialize;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Queries run at once at most; further requests wait their turn.
pub const MAX_CONCURRENT: usize = 8;
/// Longest request URI accepted (bytes); longer gets 414.
pub const MAX_URI: usize = 8 * 1024;
/// A query taking longer is answered 503.
pub const QUERY_TIMEOUT: Duration = Duration::from_secs(10);

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");
const OPENAPI: &str = include_str!("../assets/openapi.json");

/// Table counts are recomputed at most this often (a count scans an index
/// of every quote: tens of milliseconds at a million).
pub const STATS_TTL: Duration = Duration::from_secs(10);

/// Table counts: (articles, copies, quotes, entities).
type Counts = (u64, u64, u64, u64);

/// Read-only connections, reused.
struct Pool {
    db: PathBuf,
    idle: Mutex<Vec<Store>>,
    gate: Semaphore,
    stats: Mutex<Option<(Instant, Counts)>>,
}

type Shared = Arc<Pool>;

/// An error answer: `{"error": ..., "status": ...}`.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Json(json!({"error": self.1, "status": self.0.as_u16()}));
        (self.0, body).into_response()
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        match e {
            Error::Invalid(m) => ApiError(StatusCode::BAD_REQUEST, m),
            Error::NotFound(m) => ApiError(StatusCode::NOT_FOUND, format!("{m} not found")),
            other => ApiError(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

/// The router over `db` (opened read-only; checked once here).
///
/// Errors: the database is missing or not a quotewire database.
pub fn router(db: &Path) -> Result<Router, Error> {
    let first = Store::open_readonly(db)?;
    let pool = Arc::new(Pool {
        db: db.to_path_buf(),
        idle: Mutex::new(vec![first]),
        gate: Semaphore::new(MAX_CONCURRENT),
        stats: Mutex::new(None),
    });
    Ok(Router::new()
        .route(
            "/",
            get(|| async { page(INDEX_HTML, "text/html; charset=utf-8") }),
        )
        .route(
            "/app.js",
            get(|| async { page(APP_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/style.css",
            get(|| async { page(STYLE_CSS, "text/css; charset=utf-8") }),
        )
        .route(
            "/openapi.json",
            get(|| async { page(OPENAPI, "application/json") }),
        )
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .route("/api/speakers/{id}", get(speaker))
        .route("/api/entities", get(entities))
        .route("/api/stats", get(stats))
        .fallback(|| async {
            ApiError(
                StatusCode::NOT_FOUND,
                "no such route; see /openapi.json".into(),
            )
        })
        .method_not_allowed_fallback(|| async {
            ApiError(StatusCode::METHOD_NOT_ALLOWED, "only GET is served".into())
        })
        .layer(middleware::from_fn(guard))
        .with_state(pool))
}

/// Refuse over-long URIs; mark every answer as not to be sniffed or framed.
async fn guard(req: Request, next: Next) -> Response {
    let len = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    if len > MAX_URI {
        return ApiError(
            StatusCode::URI_TOO_LONG,
            format!("request URI is {len} bytes; at most {MAX_URI}"),
        )
        .into_response();
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

fn page(body: &'static str, kind: &'static str) -> Response {
    ([(header::CONTENT_TYPE, kind)], body).into_response()
}

/// Run `f` on a pooled connection on a blocking thread, bounded in number and time.
async fn with_store<T: Send + 'static>(
    pool: Shared,
    f: impl FnOnce(&Store) -> Result<T, Error> + Send + 'static,
) -> Result<T, ApiError> {
    let _permit = pool
        .gate
        .acquire()
        .await
        .map_err(|_| ApiError(StatusCode::SERVICE_UNAVAILABLE, "server is stopping".into()))?;
    let p = Arc::clone(&pool);
    let job = tokio::task::spawn_blocking(move || {
        let store = match p.idle.lock().unwrap_or_else(|e| e.into_inner()).pop() {
            Some(s) => s,
            None => Store::open_readonly(&p.db)?,
        };
        let out = f(&store);
        p.idle.lock().unwrap_or_else(|e| e.into_inner()).push(store);
        out
    });
    match tokio::time::timeout(QUERY_TIMEOUT, job).await {
        Ok(Ok(r)) => r.map_err(ApiError::from),
        Ok(Err(e)) => Err(ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("query failed: {e}"),
        )),
        Err(_) => Err(ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("query took over {} s; narrow it", QUERY_TIMEOUT.as_secs()),
        )),
    }
}

fn bad_query(e: QueryRejection) -> ApiError {
    ApiError(
        StatusCode::BAD_REQUEST,
        format!("bad query string: {}", e.body_text()),
    )
}

fn bad_path(e: PathRejection) -> ApiError {
    ApiError(
        StatusCode::BAD_REQUEST,
        format!("bad path: {}", e.body_text()),
    )
}

/// Query string of `/api/search`.
#[derive(Deserialize)]
struct SearchParams {
    #[serde(default)]
    q: String,
    speaker: Option<String>,
    about: Option<String>,
    since: Option<String>,
    until: Option<String>,
    outlet: Option<String>,
    kind: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

fn empty_none(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

async fn search(
    State(pool): State<Shared>,
    params: Result<UrlQuery<SearchParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let UrlQuery(p) = params.map_err(bad_query)?;
    let kind = match empty_none(p.kind).as_deref() {
        None => None,
        Some("direct") => Some(Kind::Direct),
        Some("indirect") => Some(Kind::Indirect),
        Some("mixed") => Some(Kind::Mixed),
        Some(k) => {
            return Err(ApiError(
                StatusCode::BAD_REQUEST,
                format!("kind {k:?}: use direct, indirect or mixed"),
            ));
        }
    };
    let limit = p.limit.unwrap_or(20);
    if limit == 0 {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "limit must be at least 1".into(),
        ));
    }
    let q = Query {
        text: p.q,
        speaker: empty_none(p.speaker),
        about: empty_none(p.about),
        since: empty_none(p.since),
        until: empty_none(p.until),
        outlet: empty_none(p.outlet),
        kind,
        limit,
        offset: p.offset.unwrap_or(0),
    };
    let hits = with_store(pool, move |s| s.search(&q)).await?;
    Ok(Json(json!({ "results": hits })).into_response())
}

async fn article(
    State(pool): State<Shared>,
    id: Result<UrlPath<i64>, PathRejection>,
) -> Result<Response, ApiError> {
    let UrlPath(id) = id.map_err(bad_path)?;
    let a = with_store(pool, move |s| s.article(id)).await?;
    Ok(Json(a).into_response())
}

async fn speaker(
    State(pool): State<Shared>,
    id: Result<UrlPath<i64>, PathRejection>,
) -> Result<Response, ApiError> {
    let UrlPath(id) = id.map_err(bad_path)?;
    let v = with_store(pool, move |s| s.speaker(id)).await?;
    Ok(Json(v).into_response())
}

/// Query string of `/api/entities`.
#[derive(Deserialize)]
struct EntityParams {
    name: String,
    limit: Option<usize>,
}

async fn entities(
    State(pool): State<Shared>,
    params: Result<UrlQuery<EntityParams>, QueryRejection>,
) -> Result<Response, ApiError> {
    let UrlQuery(p) = params.map_err(bad_query)?;
    if p.name.len() > 200 {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "name is over 200 bytes".into(),
        ));
    }
    let limit = p.limit.unwrap_or(20);
    if limit == 0 || limit > quotewire_store::MAX_LIMIT {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            format!("limit must be 1..={}", quotewire_store::MAX_LIMIT),
        ));
    }
    let v = with_store(pool, move |s| s.entities(&p.name, limit)).await?;
    Ok(Json(json!({ "results": v })).into_response())
}

async fn stats(State(pool): State<Shared>) -> Result<Response, ApiError> {
    let cached = *pool.stats.lock().unwrap_or_else(|e| e.into_inner());
    let counts = match cached {
        Some((at, counts)) if at.elapsed() < STATS_TTL => counts,
        _ => {
            let counts = with_store(Arc::clone(&pool), |s| s.counts()).await?;
            *pool.stats.lock().unwrap_or_else(|e| e.into_inner()) = Some((Instant::now(), counts));
            counts
        }
    };
    let (articles, copies, quotes, entities) = counts;
    Ok(Json(json!({
        "articles": articles, "copies": copies, "quotes": quotes, "entities": entities
    }))
    .into_response())
}

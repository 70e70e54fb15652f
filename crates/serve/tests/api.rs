//! The HTTP API against a real database (seed, plus PolNeAR dev texts when
//! `../shared` is present), through the router as the server runs it.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    if !ctype.starts_with("application/json") {
        return (
            status,
            Value::String(String::from_utf8_lossy(&bytes).into()),
        );
    }
    (status, serde_json::from_slice(&bytes).unwrap())
}

fn app(polnear: usize) -> (tempfile::TempDir, axum::Router) {
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(dir.path(), polnear);
    (dir, quotewire_serve::router(&db).unwrap())
}

#[tokio::test]
async fn seed_quote_is_found_with_speaker_article_and_provenance() {
    let (_d, app) = app(0);
    let (s, v) = get(&app, "/api/search?q=fresh%20air").await;
    assert_eq!(s, StatusCode::OK);
    let hits = v["results"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{v}");
    let h = &hits[0];
    assert!(
        h["quote"]
            .as_str()
            .unwrap()
            .contains("take a breath of fresh air")
    );
    assert_eq!(h["speaker"], "Vladimir Putin");
    assert_eq!(h["kind"], "direct");
    assert_eq!(h["outlet"], "Sputnik");
    assert_eq!(h["first"]["outlet"], "Sputnik");

    // the article: the quote's spans slice its text (code points) to the quote
    let (s, a) = get(&app, &format!("/api/articles/{}", h["article_id"])).await;
    assert_eq!(s, StatusCode::OK);
    let text: Vec<char> = a["text"].as_str().unwrap().chars().collect();
    let attr = a["attributions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == h["id"])
        .unwrap();
    let [s0, e0] = [
        attr["content"][0][0].as_u64().unwrap() as usize,
        attr["content"][0][1].as_u64().unwrap() as usize,
    ];
    let sliced: String = text[s0..e0].iter().collect();
    assert!(sliced.contains("fresh air"), "{sliced}");

    // the speaker page
    let (s, sp) = get(&app, &format!("/api/speakers/{}", h["speaker_id"])).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(sp["name"], "Vladimir Putin");
    assert!(sp["quotes"].as_i64().unwrap() >= 5, "{sp}");
    assert_eq!(sp["timeline"][0]["month"], "2021-04");
    assert!(
        sp["topics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["name"] == "Donald Trump"),
        "{}",
        sp["topics"]
    );

    // filters
    let (_, v) = get(&app, "/api/search?q=ready&speaker=putin&kind=direct").await;
    let hits = v["results"].as_array().unwrap();
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h["kind"] == "direct" && h["speaker"] == "Vladimir Putin")
    );
    let (_, v) = get(&app, "/api/search?q=ready&since=2022-01-01").await;
    assert_eq!(v["results"].as_array().unwrap().len(), 0);
    let (_, v) = get(&app, "/api/entities?name=Putin").await;
    assert_eq!(v["results"][0]["name"], "Vladimir Putin");
    let (_, v) = get(&app, "/api/stats").await;
    assert_eq!(v["articles"], 1);
}

#[tokio::test]
async fn errors_are_json_with_their_status() {
    let (_d, app) = app(0);
    for (uri, status) in [
        ("/api/search?kind=quoted", StatusCode::BAD_REQUEST),
        ("/api/search?since=yesterday", StatusCode::BAD_REQUEST),
        ("/api/search?since=2021-13", StatusCode::BAD_REQUEST),
        ("/api/search?until=2021-02-30", StatusCode::BAD_REQUEST),
        ("/api/search?limit=501", StatusCode::BAD_REQUEST),
        ("/api/search?limit=-1", StatusCode::BAD_REQUEST),
        ("/api/search?offset=999999", StatusCode::BAD_REQUEST),
        ("/api/articles/abc", StatusCode::BAD_REQUEST),
        ("/api/articles/99999", StatusCode::NOT_FOUND),
        ("/api/speakers/99999", StatusCode::NOT_FOUND),
        ("/api/entities", StatusCode::BAD_REQUEST),
        ("/nope", StatusCode::NOT_FOUND),
    ] {
        let (s, v) = get(&app, uri).await;
        assert_eq!(s, status, "{uri}: {v}");
        assert_eq!(v["status"], status.as_u16(), "{uri}");
        assert!(v["error"].as_str().is_some_and(|e| !e.is_empty()), "{uri}");
    }
    let long = format!("/api/search?q={}", "a".repeat(9000));
    assert_eq!(get(&app, &long).await.0, StatusCode::URI_TOO_LONG);
    let big = format!("/api/search?q={}", "a%20".repeat(600));
    assert_eq!(get(&app, &big).await.0, StatusCode::BAD_REQUEST);
    // FTS syntax in the words is just words
    let (s, _) = get(&app, "/api/search?q=%22ready%20OR%20NEAR(%20*").await;
    assert_eq!(s, StatusCode::OK);
    let res = app
        .clone()
        .oneshot(Request::post("/api/search").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn page_and_openapi_are_served() {
    let (_d, app) = app(0);
    let (s, html) = get(&app, "/").await;
    assert_eq!(s, StatusCode::OK);
    let html = html.as_str().unwrap();
    assert!(html.contains("<script src=\"/app.js\">"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no outside resources"
    );
    let (s, doc) = get(&app, "/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.0.3");
    for p in [
        "/api/search",
        "/api/articles/{id}",
        "/api/speakers/{id}",
        "/api/entities",
        "/api/stats",
    ] {
        assert!(doc["paths"][p]["get"].is_object(), "{p}");
    }
}

#[tokio::test]
async fn shared_corpus_database_answers_every_speaker_and_article() {
    let Some(_) = common::shared("shared_corpus_database_answers_every_speaker_and_article") else {
        return;
    };
    let (_d, app) = app(40);
    let (_, st) = get(&app, "/api/stats").await;
    assert_eq!(st["articles"], 41, "{st}");
    assert!(st["quotes"].as_i64().unwrap() > 200, "{st}");
    let (_, v) = get(&app, "/api/search?q=clinton&limit=100").await;
    let hits = v["results"].as_array().unwrap();
    assert!(hits.len() >= 20, "{}", hits.len());
    // ranked: scores ascend (BM25, lower is better)
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]));
    for h in hits.iter().take(20) {
        let (s, a) = get(&app, &format!("/api/articles/{}", h["article_id"])).await;
        assert_eq!(s, StatusCode::OK);
        let n = a["text"].as_str().unwrap().chars().count() as u64;
        for t in a["attributions"].as_array().unwrap() {
            for sp in t["content"].as_array().unwrap() {
                assert!(
                    sp[0].as_u64().unwrap() <= sp[1].as_u64().unwrap()
                        && sp[1].as_u64().unwrap() <= n
                );
            }
        }
        if let Some(id) = h["speaker_id"].as_i64() {
            let (s, _) = get(&app, &format!("/api/speakers/{id}")).await;
            assert_eq!(s, StatusCode::OK);
        }
    }
    let (_, v) = get(&app, "/api/search?outlet=breitbart&limit=500").await;
    assert!(
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["outlet"] == "breitbart")
    );
}

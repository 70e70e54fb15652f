//! End to end in headless Chromium over WebDriver: load the page, search a
//! quote of the seed, open its article, check the highlighted quote and its
//! speaker, save a screenshot (target/browser-article.png).
//!
//! Needs Debian's `chromium` and `chromium-driver` (installed by `.ci/run`):
//! skipped with a message when they are missing, failing when CI is set.

mod common;

use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const DRIVER: &str = "/usr/bin/chromedriver";

/// Kills chromedriver when the test ends, however it ends.
struct Driver(Child);
impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_open_article_and_see_the_highlighted_quote() {
    if !Path::new(CHROMIUM).exists() || !Path::new(DRIVER).exists() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "{CHROMIUM} or {DRIVER} missing under CI: .ci/run installs chromium and chromium-driver"
            );
        }
        eprintln!(
            "browser test skipped: {CHROMIUM} or {DRIVER} missing (apt-get install chromium chromium-driver)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = common::database(dir.path(), 0);
    let app = quotewire_serve::router(&db).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });

    let port = free_port();
    let _driver = Driver(
        Command::new(DRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let profile = tempfile::tempdir().unwrap();
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1200,900",
                     format!("--user-data-dir={}", profile.path().display())]
        }),
    );
    let start = Instant::now();
    let c = loop {
        match ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(c) => break c,
            Err(e) if start.elapsed() < Duration::from_secs(20) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("cannot start a WebDriver session: {e}"),
        }
    };
    let result = async {
        c.goto(&format!("http://{addr}/")).await?;
        let q = c.wait().for_element(Locator::Css("#q")).await?;
        q.send_keys("fresh air").await?;
        c.find(Locator::Css("#go")).await?.click().await?;
        let quote = c.wait().for_element(Locator::Css(".card .quote")).await?;
        let text = quote.text().await?;
        assert!(text.contains("take a breath of fresh air"), "{text}");
        let speaker = c.find(Locator::Css(".card .speaker")).await?.text().await?;
        assert_eq!(speaker, "Vladimir Putin");

        c.find(Locator::Css(".card a.open")).await?.click().await?;
        let hl = c
            .wait()
            .for_element(Locator::Css(".q-content.q-focus"))
            .await?;
        let hl_text = hl.text().await?;
        assert!(hl_text.contains("fresh air"), "{hl_text}");
        assert_eq!(
            hl.attr("data-speaker").await?.as_deref(),
            Some("Vladimir Putin")
        );
        // the cue and source of the same attribution are highlighted in their own colours
        let id = hl.attr("data-attr").await?.unwrap();
        let cue = c
            .find(Locator::Css(&format!(".q-cue[data-attr=\"{id}\"]")))
            .await?;
        assert_eq!(cue.text().await?, "stressed");
        c.find(Locator::Css(&format!(".q-source[data-attr=\"{id}\"]")))
            .await?;
        // hovering shows the speaker
        c.execute(
            "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))",
            vec![serde_json::to_value(&hl)?],
        )
        .await?;
        let tip = c.find(Locator::Css("#tip")).await?.text().await?;
        assert_eq!(tip, "Speaker: Vladimir Putin");
        let title = c.find(Locator::Css("#article-title")).await?.text().await?;
        assert!(!title.is_empty());

        let png = c.screenshot().await?;
        let out = common::root().join("target/browser-article.png");
        std::fs::write(&out, &png).unwrap();
        assert!(png.len() > 10_000, "screenshot of {} bytes", png.len());

        // the speaker page draws the timeline
        c.goto(&format!("http://{addr}/#/search?speaker=Putin"))
            .await?;
        c.wait()
            .for_element(Locator::Css(".card a.speaker"))
            .await?
            .click()
            .await?;
        c.wait().for_element(Locator::Css("#speaker-name")).await?;
        let bars = c.find_all(Locator::Css("svg.chart rect")).await?;
        assert!(!bars.is_empty());
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("browser test: {e}");
    }
}

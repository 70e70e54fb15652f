//! Flat tables of records: one row per article ([`ArticleRow`]) or one row
//! per attribution ([`QuoteRow`]), written as JSON Lines, CSV or Parquet
//! ([`TableWriter`]).
//!
//! Rows come from a [`Record`] ([`article_row`], [`quote_rows`], used by
//! `quotewire analyze --format csv|parquet`) or from the store (`quotewire
//! export`, which also fills the provenance columns). Offsets in the rows
//! are the record's: Unicode code points into the article text, end-exclusive.
//! Parquet files are written with the `arrow` writer, snappy-compressed, one
//! row group per [`ROW_GROUP`] rows, every column a nullable UTF-8 or 64-bit
//! integer column, so pandas, polars, DuckDB and Spark read them as is.

#![deny(missing_docs)]

mod chars;
mod convert;
mod table;

pub use chars::Chars;
pub use convert::RecordsToTable;
pub use table::{Format, ROW_GROUP, Table, TableWriter};

use quotewire_doc::Record;
use serde::Serialize;

/// One article as a flat row.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArticleRow {
    /// The store's article id (`None` outside the store).
    pub article_id: Option<i64>,
    /// The record's id.
    pub record_id: String,
    /// URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date (ISO 8601 as the page gives it).
    pub published: Option<String>,
    /// Update date.
    pub updated: Option<String>,
    /// BCP-47 language.
    pub language: Option<String>,
    /// Byline names, joined by "; ".
    pub authors: String,
    /// Tags, joined by "; ".
    pub tags: String,
    /// Dateline place.
    pub dateline: Option<String>,
    /// Attributions in the article.
    pub quotes: i64,
    /// Entities in the article.
    pub entities: i64,
    /// Other URLs carrying the same body (store only; 0 outside it).
    pub copies: i64,
    /// Main text.
    pub text: String,
}

/// One attribution as a flat row, with its article's fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct QuoteRow {
    /// The store's attribution id (`None` outside the store).
    pub quote_id: Option<i64>,
    /// The store's article id (`None` outside the store).
    pub article_id: Option<i64>,
    /// The record's id.
    pub record_id: String,
    /// Position of the attribution in its record (0-based).
    pub ord: i64,
    /// direct, indirect, mixed.
    pub kind: String,
    /// Speaker name.
    pub speaker: Option<String>,
    /// Type of the speaker's entity (PERSON, ...), when it has one.
    pub speaker_type: Option<String>,
    /// Cue text.
    pub cue: String,
    /// Source-mention text.
    pub source: String,
    /// Content text (parts joined by " … ").
    pub content: String,
    /// Content spans as JSON (`[[start, end], ...]`, code points).
    pub content_spans: String,
    /// Cue spans as JSON.
    pub cue_spans: String,
    /// Source spans as JSON.
    pub source_spans: String,
    /// URL of the article.
    pub url: Option<String>,
    /// Outlet of the article.
    pub outlet: Option<String>,
    /// Publication date of the article.
    pub published: Option<String>,
    /// Headline of the article.
    pub title: Option<String>,
    /// URL of the quote's first appearance (store only).
    pub first_url: Option<String>,
    /// Outlet of the first appearance (store only).
    pub first_outlet: Option<String>,
    /// Date of the first appearance (store only).
    pub first_published: Option<String>,
}

/// The article row of a record.
pub fn article_row(rec: &Record) -> ArticleRow {
    ArticleRow {
        article_id: None,
        record_id: rec.id.clone(),
        url: rec.url.clone(),
        title: rec.title.clone(),
        outlet: rec.outlet.clone(),
        published: rec.published.clone(),
        updated: rec.updated.clone(),
        language: rec.language.clone(),
        authors: rec.authors.join("; "),
        tags: rec.tags.join("; "),
        dateline: rec.dateline.as_ref().map(|d| d.place.clone()),
        quotes: rec.attributions.len() as i64,
        entities: rec.entities.len() as i64,
        copies: 0,
        text: rec.text.clone(),
    }
}

/// The quote rows of a record, one per attribution, in record order.
pub fn quote_rows(rec: &Record) -> Vec<QuoteRow> {
    let chars = Chars::new(&rec.text);
    let join = |spans: &[[usize; 2]]| chars.join(spans);
    rec.attributions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let speaker_type = a
                .speaker
                .as_ref()
                .and_then(|s| s.entity.as_deref())
                .and_then(|id| rec.entities.iter().find(|e| e.id == id))
                .and_then(|e| match serde_json::to_value(e.kind) {
                    Ok(serde_json::Value::String(s)) => Some(s),
                    _ => None,
                });
            QuoteRow {
                quote_id: None,
                article_id: None,
                record_id: rec.id.clone(),
                ord: i as i64,
                kind: match serde_json::to_value(a.kind) {
                    Ok(serde_json::Value::String(s)) => s,
                    _ => String::new(),
                },
                speaker: a.speaker.as_ref().map(|s| s.name.clone()),
                speaker_type,
                cue: join(&a.cue),
                source: join(&a.source),
                content: join(&a.content),
                content_spans: spans_json(&a.content),
                cue_spans: spans_json(&a.cue),
                source_spans: spans_json(&a.source),
                url: rec.url.clone(),
                outlet: rec.outlet.clone(),
                published: rec.published.clone(),
                title: rec.title.clone(),
                first_url: None,
                first_outlet: None,
                first_published: None,
            }
        })
        .collect()
}

fn spans_json(spans: &[[usize; 2]]) -> String {
    serde_json::to_string(spans).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotewire_doc::{AttributionRecord, QuoteKind, SpeakerRecord};

    pub(crate) fn sample() -> Record {
        Record {
            id: "doc-1".into(),
            url: Some("https://example.org/a".into()),
            title: Some("Ready".into()),
            text: "“Ready,” Putin said. “Not now,” he added.".into(),
            published: Some("2018-12-20".into()),
            authors: vec!["A. Writer".into(), "B. Writer".into()],
            attributions: vec![AttributionRecord {
                kind: QuoteKind::Direct,
                content: vec![[1, 6], [22, 29]],
                cue: vec![[15, 19]],
                source: vec![[9, 14]],
                speaker: Some(SpeakerRecord {
                    name: "Vladimir Putin".into(),
                    entity: None,
                }),
                confidence: None,
            }],
            ..Record::default()
        }
    }

    #[test]
    fn rows_carry_span_texts_in_code_points() {
        let rec = sample();
        let rows = quote_rows(&rec);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].content, "Ready … Not now");
        assert_eq!(rows[0].cue, "said");
        assert_eq!(rows[0].source, "Putin");
        assert_eq!(rows[0].content_spans, "[[1,6],[22,29]]");
        let a = article_row(&rec);
        assert_eq!(a.authors, "A. Writer; B. Writer");
        assert_eq!(a.quotes, 1);
    }
}

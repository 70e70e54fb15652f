//! Queries: full-text search over quotes with filters, the article view and
//! the speaker view. Every value reaches SQL as a bound parameter.

use crate::dates::is_date_prefix;
use crate::text::norm_name;
use crate::{Error, Result, Store, facets};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

/// Results per query at most (`--limit`, `limit=`).
pub const MAX_LIMIT: usize = 500;
/// Matches of a search with words ranked at most: the most recently
/// ingested ones (highest attribution ids) when there are more.
pub const RANK_CAP: usize = 2000;
/// A search without words for a speaker name of up to this many entities
/// reads each entity's quotes in date order and merges them.
const MAX_ARMS: usize = 32;
/// A speaker's topics are counted over this many of its latest quotes (a
/// speaker of 70,000 quotes answers in milliseconds, not a second).
pub const TOPIC_QUOTES: usize = 5000;
/// Query text longer than this (bytes) is refused.
pub const MAX_QUERY_BYTES: usize = 1000;

/// Kind of attribution to filter on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Content inside quotation marks.
    Direct,
    /// Paraphrase.
    Indirect,
    /// Partly quoted.
    Mixed,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Direct => "direct",
            Kind::Indirect => "indirect",
            Kind::Mixed => "mixed",
        }
    }
}

/// A search: words of what was said plus filters; every part optional.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Query {
    /// Words to find in the quote content; `"..."` for a phrase. Every word must match (AND). Empty: all quotes, newest first.
    #[serde(default)]
    pub text: String,
    /// The speaker: any name its entity was mentioned by (case-insensitive),
    /// or the speaker's name when it has no entity.
    pub speaker: Option<String>,
    /// An entity mentioned inside the quote, by any of its names.
    pub about: Option<String>,
    /// Published on or after this date (ISO 8601 prefix, e.g. `2018-03` or `2018-03-01`).
    pub since: Option<String>,
    /// Published on or before this date (inclusive; ISO 8601 prefix).
    pub until: Option<String>,
    /// Outlet name (case-insensitive, exact).
    pub outlet: Option<String>,
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Results wanted (1..=[`MAX_LIMIT`]; 0 means 20).
    #[serde(default)]
    pub limit: usize,
    /// Results to skip (paging), at most 10,000.
    #[serde(default)]
    pub offset: usize,
}

/// Where a quote first appeared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// Article holding that first appearance.
    pub article_id: i64,
    /// Its URL (of the article or of the copy).
    pub url: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Articles and copies that carry the same quote.
    pub appearances: i64,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Attribution id.
    pub id: i64,
    /// Article id (`/api/articles/{id}`).
    pub article_id: i64,
    /// The record's id of the article.
    pub record_id: String,
    /// direct, indirect, mixed.
    pub kind: String,
    /// What was said (content parts joined by " … ").
    pub quote: String,
    /// The speaker's name, when resolved.
    pub speaker: Option<String>,
    /// The speaker's entity id (`/api/speakers/{id}`).
    pub speaker_id: Option<i64>,
    /// The cue ("said").
    pub cue: String,
    /// The source mention ("the president").
    pub source: String,
    /// Outlet of the article.
    pub outlet: Option<String>,
    /// Publication date of the article.
    pub published: Option<String>,
    /// URL of the article.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// First appearance of the same quote.
    pub first: Option<Provenance>,
    /// BM25 score (lower is better), when the query had words.
    pub score: Option<f64>,
}

impl Query {
    fn check(&self) -> Result<(usize, usize)> {
        if self.text.len() > MAX_QUERY_BYTES {
            return Err(Error::Invalid(format!(
                "query text is {} bytes; at most {MAX_QUERY_BYTES}",
                self.text.len()
            )));
        }
        for (name, d) in [("since", &self.since), ("until", &self.until)] {
            if let Some(d) = d
                && !is_date_prefix(d)
            {
                return Err(Error::Invalid(format!(
                    "{name} {d:?} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)"
                )));
            }
        }
        let limit = match self.limit {
            0 => 20,
            n if n > MAX_LIMIT => {
                return Err(Error::Invalid(format!("limit {n} is over {MAX_LIMIT}")));
            }
            n => n,
        };
        if self.offset > 10_000 {
            return Err(Error::Invalid(format!(
                "offset {} is over 10000; narrow the search instead",
                self.offset
            )));
        }
        Ok((limit, self.offset))
    }
}

/// The FTS5 expression for free text: every word a quoted term (so no
/// operator or syntax error can come from the user), `"a b"` a phrase.
/// `None` when the text has no word.
pub(crate) fn fts_expr(text: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (i, chunk) in text.split('"').enumerate() {
        let words: Vec<String> = chunk
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        if words.is_empty() {
            continue;
        }
        if i % 2 == 1 {
            parts.push(format!("\"{}\"", words.join(" ")));
        } else {
            parts.extend(words.into_iter().map(|w| format!("\"{w}\"")));
        }
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

const HIT_COLUMNS: &str = "a.id, a.article_id, ar.record_id, a.kind, a.content, a.speaker,
    a.speaker_entity, a.cue, a.source, ar.outlet, ar.published, ar.url, ar.title,
    q.article_id, q.url, q.outlet, q.published,
    (SELECT count(*) FROM attributions b JOIN article_urls u ON u.article_id = b.article_id
      WHERE b.quote_hash = a.quote_hash)";

fn hit(r: &Row<'_>, score: Option<f64>) -> rusqlite::Result<Hit> {
    let first_article: Option<i64> = r.get(13)?;
    Ok(Hit {
        id: r.get(0)?,
        article_id: r.get(1)?,
        record_id: r.get(2)?,
        kind: r.get(3)?,
        quote: r.get(4)?,
        speaker: r.get(5)?,
        speaker_id: r.get(6)?,
        cue: r.get(7)?,
        source: r.get(8)?,
        outlet: r.get(9)?,
        published: r.get(10)?,
        url: r.get(11)?,
        title: r.get(12)?,
        first: match first_article {
            Some(article_id) => Some(Provenance {
                article_id,
                url: r.get(14)?,
                outlet: r.get(15)?,
                published: r.get(16)?,
                appearances: r.get(17)?,
            }),
            None => None,
        },
        score,
    })
}

impl Store {
    /// Ids of the entities with a surface form whose key is `norm` (at most 1000).
    fn entity_ids(&self, norm: &str) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT entity_id FROM entity_names WHERE norm = ?1 LIMIT 1000",
            )
            .map_err(|e| self.err(e))?;
        st.query_map([norm], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Run a search. With words: ranked by BM25 over the quote content
    /// (best first) among the [`RANK_CAP`] most recently ingested quotes that
    /// match the words and filters (every match when there are fewer).
    /// Without words: newest first (by publication date).
    ///
    /// Filters on speaker entity, mentioned entity, kind, outlet and
    /// publication year/month are FTS5 terms of the `facets` column, so the
    /// index intersects them with the words; dates are then checked to the
    /// day and a speaker without entity by name.
    ///
    /// Errors: [`Error::Invalid`] for a bad date, limit or offset, or a query
    /// text over [`MAX_QUERY_BYTES`]; a SQLite failure.
    pub fn search(&self, q: &Query) -> Result<Vec<Hit>> {
        let (limit, offset) = q.check()?;
        let mut args: Vec<Value> = Vec::new();
        // SQL filters of the no-words path, and the checks both paths need
        let mut filters = String::new();
        let mut checks = String::new();
        // FTS5 terms (AND-ed) for the words path
        let mut terms: Vec<String> = Vec::new();
        let mut speaker_ids: Vec<i64> = Vec::new();
        let any = |tokens: &[String]| -> String {
            let t: Vec<String> = tokens.iter().map(|t| format!("\"{t}\"")).collect();
            format!("facets : ({})", t.join(" OR "))
        };
        if let Some(s) = q.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
            // the entities known by that name, looked up first so the
            // attribution filter is an indexed IN list
            let ids = self.entity_ids(&norm_name(s))?;
            if ids.is_empty() {
                args.push(Value::Text(s.trim().to_string()));
                filters.push_str(&format!(
                    " AND a.speaker_entity IS NULL AND a.speaker = ?{} COLLATE NOCASE",
                    args.len()
                ));
                terms.extend(facets::speaker_name(s).map(|t| any(&[t])));
            } else {
                let tokens: Vec<String> = ids.iter().map(|&id| facets::speaker(id)).collect();
                speaker_ids = ids;
                terms.push(any(&tokens));
            }
        }
        if let Some(s) = q.about.as_deref().filter(|s| !s.trim().is_empty()) {
            let ids = self.entity_ids(&norm_name(s))?;
            if ids.is_empty() {
                return Ok(vec![]);
            }
            let list: Vec<String> = ids.iter().map(i64::to_string).collect();
            filters.push_str(&format!(
                " AND a.id IN (SELECT attribution_id FROM attribution_entities WHERE entity_id IN ({}))",
                list.join(",")
            ));
            let tokens: Vec<String> = ids.iter().map(|&id| facets::about(id)).collect();
            terms.push(any(&tokens));
        }
        if let Some(d) = &q.since {
            args.push(Value::Text(d.clone()));
            let f = format!(" AND a.published >= ?{}", args.len());
            filters.push_str(&f);
            checks.push_str(&f);
        }
        if let Some(d) = &q.until {
            // inclusive of every later precision: '~' sorts after digits and 'T'
            args.push(Value::Text(format!("{d}~")));
            let f = format!(" AND a.published <= ?{}", args.len());
            filters.push_str(&f);
            checks.push_str(&f);
        }
        if (q.since.is_some() || q.until.is_some())
            && let Some(tokens) = self.date_terms(q.since.as_deref(), q.until.as_deref())?
        {
            terms.push(any(&tokens));
        }
        if let Some(o) = q.outlet.as_deref().filter(|s| !s.trim().is_empty()) {
            args.push(Value::Text(o.trim().to_string()));
            filters.push_str(&format!(" AND a.outlet = ?{} COLLATE NOCASE", args.len()));
            terms.extend(facets::outlet(o).map(|t| any(&[t])));
        }
        if let Some(k) = q.kind {
            args.push(Value::Text(k.name().into()));
            filters.push_str(&format!(" AND a.kind = ?{}", args.len()));
            terms.push(any(&[facets::kind(k.name())]));
        }
        args.push(Value::Integer(limit as i64));
        let l = args.len();
        args.push(Value::Integer(offset as i64));
        let o = args.len();
        // Two steps: find one page on the index, then fetch the columns of
        // that page only (provenance counts included).
        let ranked = match fts_expr(&q.text) {
            Some(expr) => {
                // the content phrases come first: the rank scores them only
                // (every part of `expr` is one `"..."` phrase)
                let phrases = expr.matches('"').count() / 2;
                terms.insert(0, format!("{{content}} : ({expr})"));
                args.push(Value::Text(terms.join(" AND ")));
                let m = args.len();
                args.push(Value::Integer((RANK_CAP.max(limit + offset)) as i64));
                let cap = args.len();
                // the newest `cap` matches (a rowid-ordered walk of the
                // index, stopped early), ranked by BM25 over the content
                let rank = crate::rank::NAME;
                let candidates = if checks.is_empty() {
                    format!(
                        "SELECT rowid AS id, {rank}(quotes_fts, {phrases}) AS score
                         FROM quotes_fts WHERE quotes_fts MATCH ?{m}
                         ORDER BY rowid DESC LIMIT ?{cap}"
                    )
                } else {
                    format!(
                        "SELECT f.rowid AS id, {rank}(quotes_fts, {phrases}) AS score
                         FROM quotes_fts f JOIN attributions a ON a.id = f.rowid
                         WHERE quotes_fts MATCH ?{m} {checks}
                         ORDER BY f.rowid DESC LIMIT ?{cap}"
                    )
                };
                format!(
                    "SELECT c.id AS id, c.score AS score
                     FROM ({candidates}) c ORDER BY c.score, c.id LIMIT ?{l} OFFSET ?{o}"
                )
            }
            None if speaker_ids.len() > 1 && speaker_ids.len() <= MAX_ARMS => {
                // one index range per speaker entity, each in date order and
                // cut to one page, merged: no sort of every quote of them all
                let arms: Vec<String> = speaker_ids
                    .iter()
                    .map(|id| {
                        format!(
                            "SELECT * FROM (SELECT a.id AS id, a.published AS p FROM attributions a
                             WHERE a.speaker_entity = {id} {filters}
                             ORDER BY a.published DESC, a.id LIMIT ?{l} + ?{o})"
                        )
                    })
                    .collect();
                format!(
                    "SELECT id, NULL AS score FROM ({}) ORDER BY p DESC, id LIMIT ?{l} OFFSET ?{o}",
                    arms.join(" UNION ALL ")
                )
            }
            None => {
                if !speaker_ids.is_empty() {
                    let list: Vec<String> = speaker_ids.iter().map(i64::to_string).collect();
                    filters.push_str(&format!(" AND a.speaker_entity IN ({})", list.join(",")));
                }
                format!(
                    "SELECT a.id AS id, NULL AS score FROM attributions a
                     WHERE 1 {filters} ORDER BY a.published DESC, a.id LIMIT ?{l} OFFSET ?{o}"
                )
            }
        };
        let sql = format!(
            "WITH page AS MATERIALIZED ({ranked})
             SELECT {HIT_COLUMNS}, page.score FROM page
             JOIN attributions a ON a.id = page.id
             JOIN articles ar ON ar.id = a.article_id
             LEFT JOIN quote_first q ON q.quote_hash = a.quote_hash
             ORDER BY page.score IS NULL, page.score, a.published DESC, a.id"
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args), |r| {
                let score: Option<f64> = r.get(18)?;
                hit(r, score)
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// The year/month facet tokens covering `since..=until` (an open end
    /// is the oldest/newest publication date stored); `None` when no
    /// narrowing is possible (the range is too wide or nothing is dated).
    fn date_terms(&self, since: Option<&str>, until: Option<&str>) -> Result<Option<Vec<String>>> {
        let (lo, hi): (Option<String>, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT min(published) FROM attributions WHERE published IS NOT NULL),
                        (SELECT max(published) FROM attributions)",
            )
            .map_err(|e| self.err(e))?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        let from = since.or(lo.as_deref()).and_then(facets::year_month);
        let to = until.or(hi.as_deref()).and_then(facets::year_month);
        let (Some((y1, m1)), Some((y2, m2))) = (from, to) else {
            return Ok(None);
        };
        let from = (y1, m1.max(1));
        let to = (y2, if m2 == 0 { 12 } else { m2 });
        Ok(facets::date_cover(from, to))
    }
}

/// An attribution in the article view (spans in code points of the text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionView {
    /// Attribution id.
    pub id: i64,
    /// direct, indirect, mixed.
    pub kind: String,
    /// Content spans.
    pub content: Vec<[usize; 2]>,
    /// Cue spans.
    pub cue: Vec<[usize; 2]>,
    /// Source spans.
    pub source: Vec<[usize; 2]>,
    /// Speaker name.
    pub speaker: Option<String>,
    /// Speaker entity id.
    pub speaker_id: Option<i64>,
}

/// A copy of an article under another URL.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Copy {
    /// Its URL.
    pub url: Option<String>,
    /// The id of its record.
    pub record_id: String,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its date.
    pub published: Option<String>,
}

/// An article with its attributions, for the article view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleView {
    /// Article id.
    pub id: i64,
    /// The record's id.
    pub record_id: String,
    /// URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Byline names.
    pub authors: Vec<String>,
    /// Main text; every span is code points into it.
    pub text: String,
    /// Times the article was replaced by a new version, plus one.
    pub version: i64,
    /// Attributions in record order.
    pub attributions: Vec<AttributionView>,
    /// Other URLs with the same body.
    pub copies: Vec<Copy>,
}

/// An entity as a link target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRef {
    /// Entity id.
    pub id: i64,
    /// Canonical name.
    pub name: String,
    /// PERSON, ORGANIZATION, ...
    #[serde(rename = "type")]
    pub kind: String,
}

/// Quotes per month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`, or `unknown` for undated articles.
    pub month: String,
    /// Quotes that month.
    pub count: i64,
}

/// An entity a speaker talks about, with how often.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityCount {
    /// The entity.
    #[serde(flatten)]
    pub entity: EntityRef,
    /// Quotes of the speaker mentioning it.
    pub count: i64,
}

/// A speaker: names, quotes over time, topics, latest quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeakerView {
    /// The entity.
    #[serde(flatten)]
    pub entity: EntityRef,
    /// Every name it was mentioned by.
    pub names: Vec<String>,
    /// Quotes attributed to it.
    pub quotes: i64,
    /// Quotes per month, oldest first.
    pub timeline: Vec<MonthCount>,
    /// Entities its latest [`TOPIC_QUOTES`] quotes mention, most frequent
    /// first (at most 20).
    pub topics: Vec<EntityCount>,
    /// Its latest quotes (at most 50).
    pub latest: Vec<Hit>,
}

fn spans(s: String) -> Vec<[usize; 2]> {
    serde_json::from_str(&s).unwrap_or_default()
}

impl Store {
    /// The article `id` with its attributions and copies.
    ///
    /// Errors: [`Error::NotFound`]; a SQLite failure.
    pub fn article(&self, id: i64) -> Result<ArticleView> {
        let e = |e| self.err(e);
        let mut view = self
            .conn
            .prepare_cached(
                "SELECT id, record_id, url, title, outlet, published, authors, text, version
                 FROM articles WHERE id = ?1",
            )
            .map_err(e)?
            .query_row([id], |r| {
                Ok(ArticleView {
                    id: r.get(0)?,
                    record_id: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    outlet: r.get(4)?,
                    published: r.get(5)?,
                    authors: serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default(),
                    text: r.get(7)?,
                    version: r.get(8)?,
                    attributions: vec![],
                    copies: vec![],
                })
            })
            .optional()
            .map_err(e)?
            .ok_or_else(|| Error::NotFound(format!("article {id}")))?;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, kind, content_spans, cue_spans, source_spans, speaker, speaker_entity
                 FROM attributions WHERE article_id = ?1 ORDER BY ord",
            )
            .map_err(e)?;
        view.attributions = st
            .query_map([id], |r| {
                Ok(AttributionView {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    content: spans(r.get(2)?),
                    cue: spans(r.get(3)?),
                    source: spans(r.get(4)?),
                    speaker: r.get(5)?,
                    speaker_id: r.get(6)?,
                })
            })
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT url, record_id, outlet, published FROM article_urls
                 WHERE article_id = ?1 AND is_copy = 1 ORDER BY published, key",
            )
            .map_err(e)?;
        view.copies = st
            .query_map([id], |r| {
                Ok(Copy {
                    url: r.get(0)?,
                    record_id: r.get(1)?,
                    outlet: r.get(2)?,
                    published: r.get(3)?,
                })
            })
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        Ok(view)
    }

    /// Entities whose names match `name` (case-insensitive, any surface
    /// form), speakers first; at most `limit` (≤ [`MAX_LIMIT`]).
    pub fn entities(&self, name: &str, limit: usize) -> Result<Vec<EntityRef>> {
        let e = |e| self.err(e);
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.name, e.type FROM entities e
                 WHERE e.id IN (SELECT entity_id FROM entity_names WHERE norm = ?1)
                 ORDER BY (SELECT count(*) FROM attributions a WHERE a.speaker_entity = e.id) DESC,
                          e.id LIMIT ?2",
            )
            .map_err(e)?;
        st.query_map(params![norm_name(name), limit.min(MAX_LIMIT) as i64], |r| {
            Ok(EntityRef {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
            })
        })
        .map_err(e)?
        .collect::<rusqlite::Result<_>>()
        .map_err(e)
    }

    /// The speaker view of entity `id`.
    ///
    /// Errors: [`Error::NotFound`]; a SQLite failure.
    pub fn speaker(&self, id: i64) -> Result<SpeakerView> {
        let e = |e| self.err(e);
        let entity = self
            .conn
            .prepare_cached("SELECT id, name, type FROM entities WHERE id = ?1")
            .map_err(e)?
            .query_row([id], |r| {
                Ok(EntityRef {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                })
            })
            .optional()
            .map_err(e)?
            .ok_or_else(|| Error::NotFound(format!("speaker {id}")))?;
        let names = self
            .conn
            .prepare_cached("SELECT DISTINCT name FROM entity_names WHERE entity_id = ?1 ORDER BY name LIMIT 50")
            .map_err(e)?
            .query_map([id], |r| r.get(0))
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        let quotes = self
            .conn
            .prepare_cached("SELECT count(*) FROM attributions WHERE speaker_entity = ?1")
            .map_err(e)?
            .query_row([id], |r| r.get(0))
            .map_err(e)?;
        let timeline = self
            .conn
            .prepare_cached(
                "SELECT coalesce(substr(published, 1, 7), 'unknown') AS m, count(*)
                 FROM attributions WHERE speaker_entity = ?1 GROUP BY m ORDER BY m",
            )
            .map_err(e)?
            .query_map([id], |r| {
                Ok(MonthCount {
                    month: r.get(0)?,
                    count: r.get(1)?,
                })
            })
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        let topics = self
            .conn
            .prepare_cached(
                "SELECT e.id, e.name, e.type, count(*) AS n FROM
                   (SELECT id FROM attributions WHERE speaker_entity = ?1
                    ORDER BY published DESC LIMIT ?2) a
                 JOIN attribution_entities ae ON ae.attribution_id = a.id
                 JOIN entities e ON e.id = ae.entity_id
                 GROUP BY e.id ORDER BY n DESC, e.name LIMIT 20",
            )
            .map_err(e)?
            .query_map([id, TOPIC_QUOTES as i64], |r| {
                Ok(EntityCount {
                    entity: EntityRef {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        kind: r.get(2)?,
                    },
                    count: r.get(3)?,
                })
            })
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        let sql = format!(
            "SELECT {HIT_COLUMNS}, NULL FROM attributions a
             JOIN articles ar ON ar.id = a.article_id
             LEFT JOIN quote_first q ON q.quote_hash = a.quote_hash
             WHERE a.speaker_entity = ?1 ORDER BY a.published DESC, a.id LIMIT 50"
        );
        let latest = self
            .conn
            .prepare_cached(&sql)
            .map_err(e)?
            .query_map([id], |r| hit(r, None))
            .map_err(e)?
            .collect::<rusqlite::Result<_>>()
            .map_err(e)?;
        Ok(SpeakerView {
            entity,
            names,
            quotes,
            timeline,
            topics,
            latest,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_expressions_cannot_inject_syntax() {
        assert_eq!(
            fts_expr("ready meeting").as_deref(),
            Some("\"ready\" \"meeting\"")
        );
        assert_eq!(
            fts_expr("\"fresh air\" OR NEAR(").as_deref(),
            Some("\"fresh air\" \"or\" \"near\"")
        );
        assert_eq!(fts_expr("  *** ").as_deref(), None);
    }
}

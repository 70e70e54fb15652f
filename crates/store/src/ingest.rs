//! Ingest: records into the tables, one transaction per batch.
//!
//! Identity of an article: its URL (or `id:` + record id without URL) and
//! the hash of its body (whitespace collapsed). Same key and same body:
//! nothing to do. Same key, new body: the article is replaced (its rows
//! deleted and written anew under the same article id, `version` + 1). New
//! key, known body: a copy, stored as one more `article_urls` row of the
//! existing article (syndicated when the outlet differs).

use crate::text::{body_hash, distinct_words, is_name, norm_name, quote_hash};
use crate::{Result, Store, facets};
use quotewire_doc::Record;
use quotewire_export::Chars;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::{BTreeSet, HashMap, HashSet};

/// Entries kept in each ingest cache at most (then it starts afresh).
const CACHE_MAX: usize = 1 << 20;

/// What ingest already knows of the database: entity ids by (type, norm)
/// and the (entity, surface form) pairs stored. Entities and names are
/// never deleted, so an entry stays true; a failed batch clears the cache
/// (its rows were rolled back).
#[derive(Default)]
pub(crate) struct Cache {
    entities: HashMap<(String, String), i64>,
    names: HashSet<(i64, String)>,
}

impl Cache {
    fn bound(&mut self) {
        if self.entities.len() > CACHE_MAX {
            self.entities.clear();
        }
        if self.names.len() > CACHE_MAX {
            self.names.clear();
        }
    }
}

/// What ingesting one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new article was stored.
    Added {
        /// Its article id.
        article: i64,
    },
    /// The same record (same key, same body) was already stored.
    Unchanged {
        /// The stored article id.
        article: i64,
    },
    /// A known URL came with a new body: the article was replaced.
    Replaced {
        /// The article id now holding the record.
        article: i64,
    },
    /// The body was already stored under another URL: linked as a copy.
    Duplicate {
        /// The article it is a copy of.
        of: i64,
        /// The copy comes from another outlet (syndication).
        syndicated: bool,
    },
}

/// Totals of an ingest run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Records given.
    pub records: u64,
    /// New articles.
    pub added: u64,
    /// Records already stored as they are.
    pub unchanged: u64,
    /// Articles replaced by a new version.
    pub replaced: u64,
    /// Copies of a stored body under another URL.
    pub duplicates: u64,
    /// Of the duplicates, copies from another outlet.
    pub syndicated: u64,
    /// Attributions written (of added and replaced articles).
    pub quotes: u64,
}

impl IngestStats {
    /// Count one outcome (and the attributions it wrote).
    pub fn add(&mut self, outcome: Outcome, quotes: u64) {
        self.records += 1;
        match outcome {
            Outcome::Added { .. } => self.added += 1,
            Outcome::Unchanged { .. } => self.unchanged += 1,
            Outcome::Replaced { .. } => self.replaced += 1,
            Outcome::Duplicate { syndicated, .. } => {
                self.duplicates += 1;
                self.syndicated += u64::from(syndicated);
            }
        }
        if matches!(outcome, Outcome::Added { .. } | Outcome::Replaced { .. }) {
            self.quotes += quotes;
        }
    }
}

impl Store {
    /// Ingest a batch of records in one transaction; returns, per record,
    /// what happened and how many attributions it carries.
    ///
    /// The batch is atomic: after a crash either all of it or none of it is
    /// in the database, and ingesting it again completes the work without
    /// duplicates. Errors: a SQLite failure (disk full, locked database);
    /// the batch is then rolled back.
    pub fn ingest(&mut self, records: &[Record]) -> Result<Vec<(Outcome, u64)>> {
        let path = self.path.clone();
        let err = |e| crate::sql(&path, e);
        self.cache.bound();
        let cache = &mut self.cache;
        let result = (|| {
            let tx = self.conn.transaction()?;
            let mut out = Vec::with_capacity(records.len());
            for rec in records {
                let o = ingest_one(&tx, cache, rec)?;
                out.push((o, rec.attributions.len() as u64));
            }
            tx.commit()?;
            Ok(out)
        })();
        if result.is_err() {
            *cache = Cache::default();
        }
        result.map_err(err)
    }

    /// Start a bulk load. When the database holds no article yet, the
    /// secondary indexes that only queries use (`indexes.sql`) are dropped,
    /// to be built once, by sorting, in [`Store::finish_bulk`]; returns
    /// whether it did. On a database with articles it does nothing (adding
    /// a few records must not rebuild the indexes of millions).
    ///
    /// A run killed in between leaves a consistent database without those
    /// indexes; the next [`Store::open`] builds them.
    pub fn begin_bulk(&mut self) -> Result<bool> {
        let e = |e| crate::sql(&self.path, e);
        let any: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM articles)", [], |r| r.get(0))
            .map_err(e)?;
        if any {
            return Ok(false);
        }
        self.conn
            .execute_batch(
                "DROP INDEX IF EXISTS articles_published;
                 DROP INDEX IF EXISTS article_entities_entity;
                 DROP INDEX IF EXISTS attributions_speaker;
                 DROP INDEX IF EXISTS attributions_published;",
            )
            .map_err(e)?;
        Ok(true)
    }

    /// End a bulk load: build the secondary indexes that are missing (a
    /// no-op when none is).
    pub fn finish_bulk(&mut self) -> Result<()> {
        self.conn
            .execute_batch(include_str!("indexes.sql"))
            .map_err(|e| crate::sql(&self.path, e))
    }
}

/// The key an article is known by.
fn key_of(rec: &Record) -> String {
    match rec.url.as_deref().map(str::trim) {
        Some(u) if !u.is_empty() => u.to_string(),
        _ => format!("id:{}", rec.id),
    }
}

fn ingest_one(tx: &Transaction<'_>, cache: &mut Cache, rec: &Record) -> rusqlite::Result<Outcome> {
    let key = key_of(rec);
    let hash = body_hash(&rec.text);
    let known: Option<(i64, String, i64)> = tx
        .prepare_cached(
            "SELECT u.article_id, a.body_hash, u.is_copy FROM article_urls u
             JOIN articles a ON a.id = u.article_id WHERE u.key = ?1",
        )?
        .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let by_body: Option<(i64, Option<String>)> = tx
        .prepare_cached("SELECT id, outlet FROM articles WHERE body_hash = ?1")?
        .query_row([&hash], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match (known, by_body) {
        (Some((article, old_hash, _)), _) if old_hash == hash => Ok(Outcome::Unchanged { article }),
        (Some((old, _, _)), Some((other, _))) => {
            // the URL now carries a body stored elsewhere: it becomes a copy of it
            let stale = detach(tx, &key, old)?;
            link_copy(tx, &key, rec, other)?;
            refresh_provenance(tx, &stale)?;
            Ok(Outcome::Replaced { article: other })
        }
        (Some((old, _, _)), None) => {
            let others: i64 = tx
                .prepare_cached("SELECT count(*) FROM article_urls WHERE article_id = ?1")?
                .query_row([old], |r| r.get(0))?;
            let (id, version, stale) = if others <= 1 {
                let version: i64 = tx
                    .prepare_cached("SELECT version FROM articles WHERE id = ?1")?
                    .query_row([old], |r| r.get(0))?;
                let stale = delete_article(tx, old)?;
                (Some(old), version + 1, stale)
            } else {
                (None, 1, detach(tx, &key, old)?)
            };
            let article = insert_article(tx, cache, rec, &key, &hash, id, version)?;
            refresh_provenance(tx, &stale)?;
            Ok(Outcome::Replaced { article })
        }
        (None, Some((of, outlet))) => {
            link_copy(tx, &key, rec, of)?;
            let syndicated = match (&outlet, &rec.outlet) {
                (Some(a), Some(b)) => norm_name(a) != norm_name(b),
                _ => false,
            };
            Ok(Outcome::Duplicate { of, syndicated })
        }
        (None, None) => {
            let article = insert_article(tx, cache, rec, &key, &hash, None, 1)?;
            Ok(Outcome::Added { article })
        }
    }
}

/// Remove the URL row `key` of `article`; returns the quote hashes whose
/// provenance may have pointed there.
fn detach(tx: &Transaction<'_>, key: &str, article: i64) -> rusqlite::Result<BTreeSet<i64>> {
    let stale = hashes_of(tx, article)?;
    tx.prepare_cached("DELETE FROM article_urls WHERE key = ?1")?
        .execute([key])?;
    let left: i64 = tx
        .prepare_cached("SELECT count(*) FROM article_urls WHERE article_id = ?1")?
        .query_row([article], |r| r.get(0))?;
    if left == 0 {
        delete_article(tx, article)?;
    }
    Ok(stale)
}

fn hashes_of(tx: &Transaction<'_>, article: i64) -> rusqlite::Result<BTreeSet<i64>> {
    let mut st = tx.prepare_cached("SELECT quote_hash FROM attributions WHERE article_id = ?1")?;
    let rows = st.query_map([article], |r| r.get(0))?;
    rows.collect()
}

/// One `article_urls` row: `key` (the record's URL key) naming `article`,
/// as its first URL (`is_copy` false) or as a copy of it.
fn insert_url(
    tx: &Transaction<'_>,
    key: &str,
    rec: &Record,
    article: i64,
    is_copy: bool,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO article_urls(key, url, article_id, record_id, outlet, published, is_copy)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        key,
        rec.url,
        article,
        rec.id,
        rec.outlet,
        rec.published,
        i64::from(is_copy)
    ])?;
    Ok(())
}

/// Add `key` as a copy of `article` and let its quotes' provenance see it.
fn link_copy(tx: &Transaction<'_>, key: &str, rec: &Record, article: i64) -> rusqlite::Result<()> {
    insert_url(tx, key, rec, article, true)?;
    for h in hashes_of(tx, article)? {
        first_seen(
            tx,
            h,
            article,
            rec.url.as_deref(),
            rec.outlet.as_deref(),
            rec.published.as_deref(),
        )?;
    }
    Ok(())
}

/// Delete an article and every row hanging from it; returns its quote hashes.
fn delete_article(tx: &Transaction<'_>, article: i64) -> rusqlite::Result<BTreeSet<i64>> {
    let hashes = hashes_of(tx, article)?;
    tx.prepare_cached(
        "DELETE FROM quotes_fts WHERE rowid IN (SELECT id FROM attributions WHERE article_id = ?1)",
    )?
    .execute([article])?;
    tx.prepare_cached(
        "DELETE FROM attribution_entities WHERE attribution_id IN
         (SELECT id FROM attributions WHERE article_id = ?1)",
    )?
    .execute([article])?;
    for sql in [
        "DELETE FROM attributions WHERE article_id = ?1",
        "DELETE FROM article_entities WHERE article_id = ?1",
        "DELETE FROM timexes WHERE article_id = ?1",
        "DELETE FROM articles_fts WHERE rowid = ?1",
        "DELETE FROM article_urls WHERE article_id = ?1",
        "DELETE FROM articles WHERE id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([article])?;
    }
    Ok(hashes)
}

/// Recompute the first appearance of each quote hash from what is stored.
fn refresh_provenance(tx: &Transaction<'_>, hashes: &BTreeSet<i64>) -> rusqlite::Result<()> {
    for &h in hashes {
        tx.prepare_cached("DELETE FROM quote_first WHERE quote_hash = ?1")?
            .execute([h])?;
        tx.prepare_cached(
            "INSERT INTO quote_first(quote_hash, article_id, url, outlet, published)
             SELECT ?1, u.article_id, u.url, u.outlet, u.published
             FROM attributions a JOIN article_urls u ON u.article_id = a.article_id
             WHERE a.quote_hash = ?1
             ORDER BY u.published IS NULL, u.published, u.key LIMIT 1",
        )?
        .execute([h])?;
    }
    Ok(())
}

/// Keep (hash → this appearance) when it is the earliest known.
fn first_seen(
    tx: &Transaction<'_>,
    hash: i64,
    article: i64,
    url: Option<&str>,
    outlet: Option<&str>,
    published: Option<&str>,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO quote_first(quote_hash, article_id, url, outlet, published)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(quote_hash) DO UPDATE SET
           article_id = excluded.article_id, url = excluded.url,
           outlet = excluded.outlet, published = excluded.published
         WHERE excluded.published IS NOT NULL
           AND (quote_first.published IS NULL OR excluded.published < quote_first.published)",
    )?
    .execute(params![hash, article, url, outlet, published])?;
    Ok(())
}

/// The global entity id of (type, name), created when new.
fn entity_id(
    tx: &Transaction<'_>,
    cache: &mut Cache,
    kind: &str,
    name: &str,
) -> rusqlite::Result<i64> {
    let key = (kind.to_string(), norm_name(name));
    if let Some(&id) = cache.entities.get(&key) {
        return Ok(id);
    }
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM entities WHERE type = ?1 AND norm = ?2")?
        .query_row([kind, &key.1], |r| r.get(0))
        .optional()?;
    let id = match found {
        Some(id) => id,
        None => {
            tx.prepare_cached("INSERT INTO entities(name, type, norm) VALUES (?1, ?2, ?3)")?
                .execute([name, kind, &key.1])?;
            tx.last_insert_rowid()
        }
    };
    cache.entities.insert(key, id);
    Ok(id)
}

fn insert_article(
    tx: &Transaction<'_>,
    cache: &mut Cache,
    rec: &Record,
    key: &str,
    hash: &str,
    id: Option<i64>,
    version: i64,
) -> rusqlite::Result<i64> {
    let json = |v: &dyn erased::Json| v.json();
    let dl = rec.dateline.as_ref();
    tx.prepare_cached(
        "INSERT INTO articles(id, record_id, url, body_hash, title, outlet, published, updated,
            language, authors, tags, series, dateline_place, dateline_source, dateline_start,
            dateline_end, related, warnings, text, version, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )?
    .execute(params![
        id,
        rec.id,
        rec.url,
        hash,
        rec.title,
        rec.outlet,
        rec.published,
        rec.updated,
        rec.language,
        json(&rec.authors),
        json(&rec.tags),
        rec.series,
        dl.map(|d| d.place.as_str()),
        dl.and_then(|d| d.source.as_deref()),
        dl.and_then(|d| d.span).map(|s| s[0] as i64),
        dl.and_then(|d| d.span).map(|s| s[1] as i64),
        json(&rec.related),
        json(&rec.warnings),
        rec.text,
        version,
    ])?;
    let article = tx.last_insert_rowid();
    insert_url(tx, key, rec, article, false)?;
    tx.prepare_cached("INSERT INTO articles_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![
            article,
            rec.title.as_deref().unwrap_or(""),
            distinct_words(&rec.text)
        ])?;

    let chars = Chars::new(&rec.text);
    // record entity id ("E1") -> (global entity id, mention spans)
    let mut ents: HashMap<&str, (i64, &[[usize; 2]])> = HashMap::new();
    for e in &rec.entities {
        let kind = entity_type(e);
        let gid = entity_id(tx, cache, &kind, &e.name)?;
        tx.prepare_cached(
            "INSERT INTO article_entities(article_id, record_entity, entity_id, name, type, titles,
                mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            article,
            e.id,
            gid,
            e.name,
            kind,
            json(&e.titles),
            json(&e.mentions)
        ])?;
        // the name and every mention that is a name (not "he", "the president"),
        // each once; entity_names keeps the first spelling of a key
        let surfaces = std::iter::once(e.name.as_str()).chain(
            e.mentions
                .iter()
                .map(|m| chars.slice(*m).trim())
                .filter(|s| is_name(s)),
        );
        for surface in surfaces {
            let n = norm_name(surface);
            if n.is_empty() || cache.names.contains(&(gid, n.clone())) {
                continue;
            }
            tx.prepare_cached(
                "INSERT OR IGNORE INTO entity_names(entity_id, norm, name) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![gid, n, surface])?;
            cache.names.insert((gid, n));
        }
        ents.insert(e.id.as_str(), (gid, e.mentions.as_slice()));
    }

    let article_facets = facets::of_article(rec.outlet.as_deref(), rec.published.as_deref());
    for (ord, a) in rec.attributions.iter().enumerate() {
        let content = chars.join(&a.content);
        let cue = chars.join(&a.cue);
        let source = chars.join(&a.source);
        let speaker_entity = a
            .speaker
            .as_ref()
            .and_then(|s| s.entity.as_deref())
            .and_then(|e| ents.get(e))
            .map(|(g, _)| *g);
        let h = quote_hash(&content);
        let kind = kind_name(a);
        tx.prepare_cached(
            "INSERT INTO attributions(article_id, ord, kind, content, cue, source, content_spans,
                cue_spans, source_spans, speaker, speaker_entity, record_entity, confidence,
                quote_hash, published, outlet)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?
        .execute(params![
            article,
            ord as i64,
            kind,
            content,
            cue,
            source,
            json(&a.content),
            json(&a.cue),
            json(&a.source),
            a.speaker.as_ref().map(|s| s.name.as_str()),
            speaker_entity,
            a.speaker.as_ref().and_then(|s| s.entity.as_deref()),
            a.confidence.map(f64::from),
            h,
            rec.published,
            rec.outlet,
        ])?;
        let qid = tx.last_insert_rowid();
        // entities mentioned inside the content: what the quote is about
        let mut about: BTreeSet<i64> = BTreeSet::new();
        for (gid, mentions) in ents.values() {
            if Some(*gid) == speaker_entity {
                continue;
            }
            let inside = mentions
                .iter()
                .any(|m| a.content.iter().any(|c| c[0] <= m[0] && m[1] <= c[1]));
            if inside {
                about.insert(*gid);
            }
        }
        for &gid in &about {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO attribution_entities(attribution_id, entity_id) VALUES (?1, ?2)",
            )?
            .execute([qid, gid])?;
        }
        let about: Vec<i64> = about.into_iter().collect();
        tx.prepare_cached("INSERT INTO quotes_fts(rowid, content, facets) VALUES (?1, ?2, ?3)")?
            .execute(params![
                qid,
                content,
                facets::of_quote_in(
                    &kind,
                    speaker_entity,
                    a.speaker.as_ref().map(|s| s.name.as_str()),
                    &about,
                    &article_facets
                )
            ])?;
        first_seen(
            tx,
            h,
            article,
            rec.url.as_deref(),
            rec.outlet.as_deref(),
            rec.published.as_deref(),
        )?;
    }

    for t in &rec.timexes {
        tx.prepare_cached(
            "INSERT INTO timexes(article_id, start, \"end\", text, value) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![article, t.span[0] as i64, t.span[1] as i64, t.text, t.value])?;
    }
    Ok(article)
}

/// The record's string form of an attribution's kind ("direct", ...).
fn kind_name(a: &quotewire_doc::AttributionRecord) -> String {
    enum_name(&a.kind)
}

/// The record's string form of an entity's type ("PERSON", ...).
fn entity_type(e: &quotewire_doc::EntityRecord) -> String {
    enum_name(&e.kind)
}

fn enum_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// JSON text of a field, for the TEXT columns holding arrays.
mod erased {
    pub(crate) trait Json {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_else(|_| "null".into())
        }
    }
}

-- quotewire store schema, version 2 (documented in crates/store/README.md).
-- Plain tables with TEXT/INTEGER/REAL columns (JSON arrays as TEXT), so
-- sqlite3, Datasette and DuckDB read the database as it is. Offsets are the
-- record's: Unicode code points into articles.text, end-exclusive.

CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One row per distinct article body. A copy of the same body under another
-- URL (a syndicated or duplicated copy) is a row of article_urls instead.
CREATE TABLE IF NOT EXISTS articles (
    id              INTEGER PRIMARY KEY,
    record_id       TEXT NOT NULL,
    url             TEXT,
    body_hash       TEXT NOT NULL UNIQUE,
    title           TEXT,
    outlet          TEXT,
    published       TEXT,
    updated         TEXT,
    language        TEXT,
    authors         TEXT NOT NULL DEFAULT '[]',
    tags            TEXT NOT NULL DEFAULT '[]',
    series          TEXT,
    dateline_place  TEXT,
    dateline_source TEXT,
    dateline_start  INTEGER,
    dateline_end    INTEGER,
    related         TEXT NOT NULL DEFAULT '[]',
    warnings        TEXT NOT NULL DEFAULT '[]',
    text            TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    ingested_at     TEXT NOT NULL
);

-- Every place an article was seen: its own URL and every copy (same body
-- under another URL, possibly another outlet). `key` is the URL, or
-- 'id:' || record id for a record without URL.
CREATE TABLE IF NOT EXISTS article_urls (
    key        TEXT PRIMARY KEY,
    url        TEXT,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    record_id  TEXT NOT NULL,
    outlet     TEXT,
    published  TEXT,
    is_copy    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS article_urls_article ON article_urls(article_id);

-- Entities across articles: one row per (type, normalised name).
CREATE TABLE IF NOT EXISTS entities (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    norm TEXT NOT NULL,
    UNIQUE (type, norm)
);
-- Every surface form an entity was mentioned by (speaker search matches these).
CREATE TABLE IF NOT EXISTS entity_names (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    norm      TEXT NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (norm, entity_id)
) WITHOUT ROWID;

-- An entity of one article's record (`record_entity` is its id there, "E1"...).
CREATE TABLE IF NOT EXISTS article_entities (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id),
    record_entity TEXT NOT NULL,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    titles        TEXT NOT NULL DEFAULT '[]',
    -- its mentions: JSON [[start, end], ...], code points into articles.text
    mentions      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS article_entities_article ON article_entities(article_id);

-- Attributions (quotes). `content`, `cue`, `source` are the spans' text
-- (parts joined by " … "); the *_spans columns are the record's JSON spans.
CREATE TABLE IF NOT EXISTS attributions (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles(id),
    ord            INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    content        TEXT NOT NULL,
    cue            TEXT NOT NULL,
    source         TEXT NOT NULL,
    content_spans  TEXT NOT NULL,
    cue_spans      TEXT NOT NULL,
    source_spans   TEXT NOT NULL,
    speaker        TEXT,
    speaker_entity INTEGER REFERENCES entities(id),
    record_entity  TEXT,
    confidence     REAL,
    quote_hash     INTEGER NOT NULL,
    published      TEXT,
    outlet         TEXT
);
CREATE INDEX IF NOT EXISTS attributions_article ON attributions(article_id);
CREATE INDEX IF NOT EXISTS attributions_hash ON attributions(quote_hash);

-- Entities mentioned inside an attribution's content ("about").
CREATE TABLE IF NOT EXISTS attribution_entities (
    attribution_id INTEGER NOT NULL REFERENCES attributions(id),
    entity_id      INTEGER NOT NULL REFERENCES entities(id),
    PRIMARY KEY (entity_id, attribution_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS attribution_entities_attr ON attribution_entities(attribution_id);

-- Quote provenance: for each normalised quote content, its first appearance
-- (earliest published date over every article and copy carrying it).
CREATE TABLE IF NOT EXISTS quote_first (
    quote_hash INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    url        TEXT,
    outlet     TEXT,
    published  TEXT
);

-- Time expressions of an article.
CREATE TABLE IF NOT EXISTS timexes (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      TEXT
);
CREATE INDEX IF NOT EXISTS timexes_article ON timexes(article_id);

-- Full text: quote contents, and article title + text. `facets` holds
-- filter tokens (see crates/store/README.md: kind, speaker, mentioned
-- entities, outlet, year and month) so a search with words and filters is
-- one FTS5 intersection; bm25 weighs the content column only.
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    content, facets, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2'
);
-- Article text: words only (detail=none: no phrase or NEAR queries), which
-- halves the cost of indexing long texts. `text` is given the distinct
-- whitespace-separated words of the article (the same terms, each once).
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title, text, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 2'
);
-- FTS5 merges its index segments once 16 of one level exist (the default is
-- 4): each posting is rewritten about half as often while ingesting (7% less
-- ingest CPU at 1M quotes), and a search reads a few more segments (p99
-- unchanged at 1M quotes; BENCHMARKS.md, store ingest, fourth round).
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('automerge', 16);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16);

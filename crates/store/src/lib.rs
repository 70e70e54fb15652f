//! quotewire's embedded store: finished [`Record`]s into one SQLite file.
//!
//! * [`Store::open`] creates or opens a database (WAL journal, the schema of
//!   `schema.sql`, documented in this crate's README.md).
//! * [`Store::ingest`] adds a batch of records in one transaction: re-adding
//!   the same record changes nothing, a new body under a known URL replaces
//!   the article, the same body under another URL is stored once and linked
//!   as a copy, and every quote keeps its first appearance (provenance).
//! * [`Store::search`] answers full-text queries over what was said, with
//!   speaker, entity, date, outlet and kind filters, ranked by BM25.
//! * [`Store::article`], [`Store::speaker`] serve the article and speaker
//!   views; [`Store::quotes`] / [`Store::articles`] stream rows for export.
//!
//! The store never runs the analysis: it takes records as `quotewire analyze`
//! writes them. Offsets stay the record's (Unicode code points into the
//! article text, end-exclusive).

#![deny(missing_docs)]

mod dates;
mod facets;
mod ingest;
mod rank;
mod rows;
mod search;
mod text;
mod validate;

pub use ingest::{IngestStats, Outcome};
pub use rows::{ArticleRow, QuoteRow};
pub use search::{
    ArticleView, AttributionView, Copy, EntityCount, EntityRef, Hit, Kind, MAX_LIMIT, MonthCount,
    Provenance, Query, RANK_CAP, SpeakerView, TOPIC_QUOTES,
};
pub use validate::check_spans;

use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// The schema version this crate writes (`meta.schema_version`).
pub const SCHEMA_VERSION: &str = "2";

/// Errors of the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite failed (opening, a statement, a constraint).
    #[error("database {path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
    /// The file is a database of another schema version or not quotewire's.
    #[error(
        "database {path}: schema version {found} is not {SCHEMA_VERSION}; ingest into a new file"
    )]
    Schema {
        /// The database file.
        path: String,
        /// The version found.
        found: String,
    },
    /// A query argument is invalid (e.g. a malformed date).
    #[error("{0}")]
    Invalid(String),
    /// The item asked for does not exist.
    #[error("{0} not found")]
    NotFound(String),
}

/// Result of the store.
pub type Result<T> = std::result::Result<T, Error>;

/// An open quotewire database.
pub struct Store {
    conn: Connection,
    path: String,
    cache: ingest::Cache,
}

impl Store {
    /// Open (creating when missing) a database for reading and writing.
    ///
    /// Sets WAL mode and `synchronous=NORMAL`: each committed batch survives a
    /// crash of the process; a `kill -9` mid-batch rolls that batch back.
    ///
    /// Errors: the file cannot be created or is not a quotewire database.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| sql(&name, e))?;
        let store = Store {
            conn,
            path: name,
            cache: ingest::Cache::default(),
        };
        store
            .conn
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;
                 PRAGMA busy_timeout=5000; PRAGMA cache_size=-262144;
                 PRAGMA wal_autocheckpoint=16384; PRAGMA temp_store=MEMORY;",
            )
            .map_err(|e| store.err(e))?;
        rank::register(&store.conn).map_err(|e| store.err(e))?;
        store.check_version()?;
        store
            .conn
            .execute_batch(include_str!("schema.sql"))
            .map_err(|e| store.err(e))?;
        // an interrupted bulk load left these out: build them again
        store
            .conn
            .execute_batch(include_str!("indexes.sql"))
            .map_err(|e| store.err(e))?;
        store
            .conn
            .execute(
                "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?1)",
                [SCHEMA_VERSION],
            )
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    /// Open an existing database read-only (the server uses this).
    ///
    /// Errors: the file is missing, unreadable or not a quotewire database.
    pub fn open_readonly(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        if !path.is_file() {
            return Err(Error::NotFound(format!("database {name}")));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| sql(&name, e))?;
        let store = Store {
            conn,
            path: name,
            cache: ingest::Cache::default(),
        };
        store
            .conn
            .execute_batch(
                "PRAGMA busy_timeout=5000; PRAGMA query_only=1; PRAGMA cache_size=-65536;
                 PRAGMA mmap_size=4294967296; PRAGMA temp_store=MEMORY;",
            )
            .map_err(|e| store.err(e))?;
        rank::register(&store.conn).map_err(|e| store.err(e))?;
        match store.version()? {
            Some(v) if v == SCHEMA_VERSION => Ok(store),
            Some(found) => Err(Error::Schema {
                path: store.path.clone(),
                found,
            }),
            None => Err(Error::Schema {
                path: store.path.clone(),
                found: "none (not a quotewire database)".into(),
            }),
        }
    }

    /// The file this store was opened from.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The underlying connection (for tools that run their own SQL).
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Counts of the main tables: (articles, copies, attributions, entities).
    pub fn counts(&self) -> Result<(u64, u64, u64, u64)> {
        self.conn
            .query_row(
                "SELECT (SELECT count(*) FROM articles),
                        (SELECT count(*) FROM article_urls WHERE is_copy = 1),
                        (SELECT count(*) FROM attributions),
                        (SELECT count(*) FROM entities)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .map_err(|e| self.err(e))
    }

    fn version(&self) -> Result<Option<String>> {
        let has_meta: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'",
                [],
                |r| r.get::<_, i64>(0).map(|n| n > 0),
            )
            .map_err(|e| self.err(e))?;
        if !has_meta {
            return Ok(None);
        }
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT value FROM meta WHERE key='schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    fn check_version(&self) -> Result<()> {
        match self.version()? {
            Some(v) if v != SCHEMA_VERSION => Err(Error::Schema {
                path: self.path.clone(),
                found: v,
            }),
            Some(_) => Ok(()),
            None => {
                let tables: i64 = self
                    .conn
                    .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
                    .map_err(|e| self.err(e))?;
                if tables > 0 {
                    return Err(Error::Schema {
                        path: self.path.clone(),
                        found: "none (a database of something else)".into(),
                    });
                }
                Ok(())
            }
        }
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        sql(&self.path, e)
    }
}

fn sql(path: &str, source: rusqlite::Error) -> Error {
    Error::Sqlite {
        path: path.to_string(),
        source,
    }
}

//! Export rows out of the store, streamed in id order.

use crate::{Result, Store};
pub use quotewire_export::{ArticleRow, QuoteRow};

impl Store {
    /// Call `f` with every article row, in article id order.
    ///
    /// Errors: a SQLite failure, or the first error `f` returns (as
    /// [`crate::Error::Invalid`] with its message).
    pub fn articles(&self, mut f: impl FnMut(ArticleRow) -> std::io::Result<()>) -> Result<u64> {
        let e = |e| self.err(e);
        let mut st = self
            .conn
            .prepare(
                "SELECT a.id, a.record_id, a.url, a.title, a.outlet, a.published, a.updated,
                        a.language, a.authors, a.tags, a.dateline_place,
                        (SELECT count(*) FROM attributions t WHERE t.article_id = a.id),
                        (SELECT count(*) FROM article_entities t WHERE t.article_id = a.id),
                        (SELECT count(*) FROM article_urls u WHERE u.article_id = a.id AND u.is_copy = 1),
                        a.text
                 FROM articles a ORDER BY a.id",
            )
            .map_err(e)?;
        let mut rows = st.query([]).map_err(e)?;
        let mut n = 0;
        let list = |s: String| -> String {
            serde_json::from_str::<Vec<String>>(&s)
                .unwrap_or_default()
                .join("; ")
        };
        while let Some(r) = rows.next().map_err(e)? {
            let row = (|| -> rusqlite::Result<ArticleRow> {
                Ok(ArticleRow {
                    article_id: r.get(0)?,
                    record_id: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    outlet: r.get(4)?,
                    published: r.get(5)?,
                    updated: r.get(6)?,
                    language: r.get(7)?,
                    authors: list(r.get(8)?),
                    tags: list(r.get(9)?),
                    dateline: r.get(10)?,
                    quotes: r.get(11)?,
                    entities: r.get(12)?,
                    copies: r.get(13)?,
                    text: r.get(14)?,
                })
            })()
            .map_err(e)?;
            f(row).map_err(|x| crate::Error::Invalid(x.to_string()))?;
            n += 1;
        }
        Ok(n)
    }

    /// Call `f` with every quote row (with its first appearance), in
    /// attribution id order.
    ///
    /// Errors: as [`Store::articles`].
    pub fn quotes(&self, mut f: impl FnMut(QuoteRow) -> std::io::Result<()>) -> Result<u64> {
        let e = |e| self.err(e);
        let mut st = self
            .conn
            .prepare(
                "SELECT q.id, q.article_id, a.record_id, q.ord, q.kind, q.speaker, e.type, q.cue,
                        q.source, q.content, q.content_spans, q.cue_spans, q.source_spans,
                        a.url, a.outlet, a.published, a.title, f.url, f.outlet, f.published
                 FROM attributions q JOIN articles a ON a.id = q.article_id
                 LEFT JOIN entities e ON e.id = q.speaker_entity
                 LEFT JOIN quote_first f ON f.quote_hash = q.quote_hash
                 ORDER BY q.id",
            )
            .map_err(e)?;
        let mut rows = st.query([]).map_err(e)?;
        let mut n = 0;
        while let Some(r) = rows.next().map_err(e)? {
            let row = (|| -> rusqlite::Result<QuoteRow> {
                Ok(QuoteRow {
                    quote_id: r.get(0)?,
                    article_id: r.get(1)?,
                    record_id: r.get(2)?,
                    ord: r.get(3)?,
                    kind: r.get(4)?,
                    speaker: r.get(5)?,
                    speaker_type: r.get(6)?,
                    cue: r.get(7)?,
                    source: r.get(8)?,
                    content: r.get(9)?,
                    content_spans: r.get(10)?,
                    cue_spans: r.get(11)?,
                    source_spans: r.get(12)?,
                    url: r.get(13)?,
                    outlet: r.get(14)?,
                    published: r.get(15)?,
                    title: r.get(16)?,
                    first_url: r.get(17)?,
                    first_outlet: r.get(18)?,
                    first_published: r.get(19)?,
                })
            })()
            .map_err(e)?;
            f(row).map_err(|x| crate::Error::Invalid(x.to_string()))?;
            n += 1;
        }
        Ok(n)
    }
}

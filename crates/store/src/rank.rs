//! `qw_bm25(quotes_fts, n)`: BM25 over the first `n` phrases of the query,
//! an FTS5 auxiliary function registered on every connection of the store.
//!
//! A search is one FTS5 expression: the words of the quote content first,
//! then the filter tokens of the `facets` column (`crate::facets`). The
//! built-in `bm25(quotes_fts, 1.0, 0.0)` gives the facet phrases weight 0,
//! so they never change a score, but it still computes an IDF for every
//! phrase of the expression by walking its whole document list once per
//! query: for a filter matching a third of a million quotes (`kdirect`)
//! that walk was most of the query time (31 ms of a 32 ms search at one
//! million quotes). `qw_bm25` computes the same score, term for term (the
//! formula and constants of SQLite's `fts5_aux.c`: k1 = 1.2, b = 0.75,
//! IDF = ln((N − n + 0.5) / (n + 0.5)) floored at 1e-6, document length
//! over all columns), with IDFs for the first `n` phrases only — the content
//! words, which the caller puts first. Instances in any column but the
//! first (`content`) count zero, as with weight 0.
//!
//! Source: SQLite FTS5, "Custom Auxiliary Functions" and `fts5_aux.c`
//! (`fts5Bm25Function`), <https://sqlite.org/fts5.html>.

use rusqlite::Connection;
use rusqlite::ffi;
use std::ffi::{c_char, c_int, c_void};
use std::ptr;

/// The function's SQL name.
pub(crate) const NAME: &str = "qw_bm25";

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Per-query data kept between rows (FTS5 auxdata).
struct Data {
    avgdl: f64,
    idf: Vec<f64>,
    freq: Vec<f64>,
}

unsafe extern "C" fn free_data(p: *mut c_void) {
    if !p.is_null() {
        // SAFETY: `p` was made by `Box::into_raw` in `data` and FTS5 frees it once.
        drop(unsafe { Box::from_raw(p.cast::<Data>()) });
    }
}

unsafe extern "C" fn count_row(
    _api: *const ffi::Fts5ExtensionApi,
    _fts: *mut ffi::Fts5Context,
    user: *mut c_void,
) -> c_int {
    // SAFETY: `user` is the `i64` counter passed by `data`.
    unsafe { *user.cast::<i64>() += 1 };
    ffi::SQLITE_OK
}

/// The query's [`Data`], computed at the first row.
///
/// # Safety
/// `api` and `fts` are the pointers FTS5 passed to the function.
unsafe fn data<'a>(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n: usize,
) -> Result<&'a mut Data, c_int> {
    // SAFETY (whole body): the API functions are called as fts5.h documents,
    // with the context FTS5 gave us.
    unsafe {
        let get = api.xGetAuxdata.ok_or(ffi::SQLITE_ERROR)?;
        let p = get(fts, 0).cast::<Data>();
        if !p.is_null() {
            return Ok(&mut *p);
        }
        let phrases = (api.xPhraseCount.ok_or(ffi::SQLITE_ERROR)?)(fts).max(0) as usize;
        let n = n.min(phrases);
        let mut rows: i64 = 0;
        let mut tokens: i64 = 0;
        check((api.xRowCount.ok_or(ffi::SQLITE_ERROR)?)(fts, &mut rows))?;
        check((api.xColumnTotalSize.ok_or(ffi::SQLITE_ERROR)?)(
            fts,
            -1,
            &mut tokens,
        ))?;
        let query = api.xQueryPhrase.ok_or(ffi::SQLITE_ERROR)?;
        let mut idf = Vec::with_capacity(n);
        for i in 0..n {
            let mut hits: i64 = 0;
            check(query(
                fts,
                i as c_int,
                (&mut hits as *mut i64).cast(),
                Some(count_row),
            ))?;
            let v = (((rows - hits) as f64 + 0.5) / (hits as f64 + 0.5)).ln();
            idf.push(if v <= 0.0 { 1e-6 } else { v });
        }
        let d = Box::new(Data {
            avgdl: tokens as f64 / rows.max(1) as f64,
            freq: vec![0.0; n],
            idf,
        });
        let raw = Box::into_raw(d);
        let set = api.xSetAuxdata.ok_or(ffi::SQLITE_ERROR)?;
        // on failure FTS5 calls `free_data` itself
        check(set(fts, raw.cast(), Some(free_data)))?;
        Ok(&mut *raw)
    }
}

fn check(rc: c_int) -> Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

/// The score of the current row (negative: lower is better, as `bm25()`).
///
/// # Safety
/// As [`data`].
unsafe fn score(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n: usize,
) -> Result<f64, c_int> {
    // SAFETY: see `data`.
    unsafe {
        let d = data(api, fts, n)?;
        d.freq.iter_mut().for_each(|f| *f = 0.0);
        let mut count: c_int = 0;
        check((api.xInstCount.ok_or(ffi::SQLITE_ERROR)?)(fts, &mut count))?;
        let inst = api.xInst.ok_or(ffi::SQLITE_ERROR)?;
        for i in 0..count {
            let (mut phrase, mut col, mut off) = (0, 0, 0);
            check(inst(fts, i, &mut phrase, &mut col, &mut off))?;
            if col == 0
                && let Some(f) = d.freq.get_mut(phrase.max(0) as usize)
            {
                *f += 1.0;
            }
        }
        let mut size: c_int = 0;
        check((api.xColumnSize.ok_or(ffi::SQLITE_ERROR)?)(
            fts, -1, &mut size,
        ))?;
        let len = f64::from(size);
        let mut s = 0.0;
        for (idf, f) in d.idf.iter().zip(&d.freq) {
            s += idf * ((f * (K1 + 1.0)) / (f + K1 * (1.0 - B + B * len / d.avgdl)));
        }
        Ok(-s)
    }
}

unsafe extern "C" fn qw_bm25(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n_val: c_int,
    values: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 passes valid pointers and `n_val` values.
    unsafe {
        let n = if n_val >= 1 {
            ffi::sqlite3_value_int64(*values).max(0) as usize
        } else {
            usize::MAX
        };
        match score(&*api, fts, n) {
            Ok(s) => ffi::sqlite3_result_double(ctx, s),
            Err(rc) => ffi::sqlite3_result_error_code(ctx, rc),
        }
    }
}

/// Register [`NAME`] on `conn`.
///
/// Errors: FTS5 is missing from the SQLite build, or registration failed.
pub(crate) fn register(conn: &Connection) -> rusqlite::Result<()> {
    // SAFETY: the fts5_api pointer is fetched as fts5.h documents
    // (`SELECT fts5(?1)` with a bound pointer of type "fts5_api_ptr") and
    // used on this connection only, while it is open.
    unsafe {
        let db = conn.handle();
        let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
        let sql = c"SELECT fts5(?1)";
        let rc = ffi::sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut());
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None));
        }
        let mut api: *mut ffi::fts5_api = ptr::null_mut();
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&mut api as *mut *mut ffi::fts5_api).cast(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        if api.is_null() || (*api).iVersion < 2 {
            return Err(rusqlite::Error::SqliteFailure(
                ffi::Error::new(ffi::SQLITE_ERROR),
                Some("FTS5 is not available in this SQLite".into()),
            ));
        }
        let create = (*api).xCreateFunction.ok_or_else(|| {
            rusqlite::Error::SqliteFailure(ffi::Error::new(ffi::SQLITE_ERROR), None)
        })?;
        let name = c"qw_bm25";
        let rc = create(
            api,
            name.as_ptr() as *const c_char,
            ptr::null_mut(),
            Some(qw_bm25),
            None,
        );
        if rc != ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(ffi::Error::new(rc), None));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `qw_bm25(t, n)` equals `bm25(t, 1.0, 0.0)` when the phrases after
    /// the first `n` are restricted to the second column.
    #[test]
    fn same_scores_as_bm25_with_zero_weight_facets() {
        let c = Connection::open_in_memory().unwrap();
        register(&c).unwrap();
        c.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(content, facets);
             INSERT INTO t VALUES ('the plan is on track, the minister said', 'kdirect s1');
             INSERT INTO t VALUES ('a plan', 'kindirect s2');
             INSERT INTO t VALUES ('the plan the plan the plan and more words here', 'kdirect s2');
             INSERT INTO t VALUES ('nothing to see', 'kdirect s1');
             INSERT INTO t VALUES ('plan b is the minister''s plan', 'kmixed s1 s2');",
        )
        .unwrap();
        for (expr, n) in [
            ("{content} : (\"plan\")", 1),
            ("{content} : (\"plan\" \"the\")", 2),
            ("{content} : (\"the plan\") AND facets : (\"kdirect\")", 1),
            (
                "{content} : (\"plan\") AND facets : (\"s1\" OR \"s2\") AND facets : (\"kdirect\")",
                1,
            ),
        ] {
            let mut st = c
                .prepare(&format!(
                    "SELECT rowid, bm25(t, 1.0, 0.0), {NAME}(t, ?2) FROM t WHERE t MATCH ?1 ORDER BY rowid"
                ))
                .unwrap();
            let rows: Vec<(i64, f64, f64)> = st
                .query_map(rusqlite::params![expr, n], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(!rows.is_empty(), "{expr}");
            for (id, a, b) in rows {
                assert!(a < 0.0, "{expr} row {id}: bm25 {a}");
                assert_eq!(a.to_bits(), b.to_bits(), "{expr} row {id}: {a} vs {b}");
            }
        }
    }
}

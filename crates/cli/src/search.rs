//! `quotewire search`: full-text search over what was said, with filters.

use quotewire_store::{Hit, Kind, Query, Store};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output formats of `search`.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum SearchFormat {
    /// Readable lines: speaker, cue, quote, outlet, date, URL, first appearance.
    Table,
    /// One JSON object per result.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// Kinds of attribution.
#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum KindArg {
    /// Content inside quotation marks.
    Direct,
    /// Paraphrase.
    Indirect,
    /// Partly quoted.
    Mixed,
}

/// Arguments of `quotewire search`.
#[derive(clap::Args)]
pub(crate) struct SearchArgs {
    /// Words of what was said (every word must match; "..." for a phrase); may be empty with filters.
    #[arg(value_name = "QUERY", default_value = "")]
    query: String,
    /// Said by this speaker (any name the speaker was mentioned by, e.g. "Putin").
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Mentioning this entity inside the quote (any of its names).
    #[arg(long, value_name = "ENTITY")]
    about: Option<String>,
    /// Published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD, a real date).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Published on or before DATE, inclusive (YYYY, YYYY-MM or YYYY-MM-DD, a real date).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    /// From this outlet (case-insensitive).
    #[arg(long, value_name = "X")]
    outlet: Option<String>,
    /// Only this kind of attribution.
    #[arg(long, value_enum)]
    kind: Option<KindArg>,
    /// Results at most (1-500).
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
    /// Skip this many results first, for the next page (0-10000): `--limit 20 --offset 20` gives results 21-40.
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: SearchFormat,
    /// The database file.
    #[arg(long, value_name = "FILE", default_value = "quotewire.db")]
    db: PathBuf,
}

/// Run `quotewire search`.
pub(crate) fn search(args: SearchArgs) -> ExitCode {
    let store = match Store::open_readonly(&args.db) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "quotewire: error: {}",
                crate::output::db_error(&e, &args.db)
            );
            return ExitCode::FAILURE;
        }
    };
    if args.limit == 0 {
        eprintln!("quotewire: error: --limit must be at least 1");
        return ExitCode::from(2);
    }
    let q = Query {
        text: args.query.clone(),
        speaker: args.speaker.clone(),
        about: args.about.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        outlet: args.outlet.clone(),
        kind: args.kind.map(|k| match k {
            KindArg::Direct => Kind::Direct,
            KindArg::Indirect => Kind::Indirect,
            KindArg::Mixed => Kind::Mixed,
        }),
        limit: args.limit,
        offset: args.offset,
    };
    let hits = match store.search(&q) {
        Ok(h) => h,
        Err(quotewire_store::Error::Invalid(msg)) => {
            eprintln!("quotewire: error: {msg}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("quotewire: error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = io::stdout();
    let mut out = io::BufWriter::new(out.lock());
    let r = match args.format {
        SearchFormat::Table => table(&mut out, &hits, args.offset),
        SearchFormat::Jsonl => hits.iter().try_for_each(|h| {
            serde_json::to_writer(&mut out, h)?;
            out.write_all(b"\n")
        }),
        SearchFormat::Csv => csv_out(&mut out, &hits),
    }
    .and_then(|()| out.flush());
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("quotewire: error: cannot write to standard output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The quote as the table shows it: in curly quotation marks, unless the
/// content already carries its own (a direct quote's content holds them).
fn shown_quote(q: &str) -> String {
    let marks = ['"', '“', '”', '«', '»', '„', '\''];
    let t = q.trim();
    if t.starts_with(marks) && t.ends_with(marks) && t.chars().count() > 1 {
        t.to_string()
    } else {
        format!("“{t}”")
    }
}

fn table(out: &mut impl Write, hits: &[Hit], offset: usize) -> io::Result<()> {
    if hits.is_empty() {
        eprintln!("quotewire: no quote matches");
    }
    for (i, h) in hits.iter().enumerate() {
        let speaker = h.speaker.as_deref().unwrap_or("(unknown speaker)");
        let cue = if h.cue.is_empty() { "" } else { h.cue.as_str() };
        writeln!(
            out,
            "{}. {speaker} {cue} ({}) — {}, {}",
            offset + i + 1,
            h.kind,
            h.outlet.as_deref().unwrap_or("?"),
            h.published.as_deref().unwrap_or("undated"),
        )?;
        writeln!(out, "   {}", shown_quote(&h.quote))?;
        match h.url.as_deref() {
            Some(u) => writeln!(out, "   {u}")?,
            // a text input has no URL: name its record instead
            None => writeln!(out, "   record {}", h.record_id)?,
        }
        if let Some(f) = &h.first {
            writeln!(
                out,
                "   first: {}, {}, {} ({} {})",
                f.outlet.as_deref().unwrap_or("?"),
                f.published.as_deref().unwrap_or("undated"),
                f.url.as_deref().unwrap_or("-"),
                f.appearances,
                if f.appearances == 1 {
                    "appearance"
                } else {
                    "appearances"
                }
            )?;
        }
    }
    Ok(())
}

fn csv_out(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "article_id",
        "record_id",
        "kind",
        "speaker",
        "cue",
        "source",
        "quote",
        "outlet",
        "published",
        "url",
        "title",
        "first_url",
        "first_outlet",
        "first_published",
        "appearances",
        "score",
    ])?;
    for h in hits {
        let f = h.first.as_ref();
        w.write_record([
            h.id.to_string(),
            h.article_id.to_string(),
            h.record_id.clone(),
            h.kind.clone(),
            h.speaker.clone().unwrap_or_default(),
            h.cue.clone(),
            h.source.clone(),
            h.quote.clone(),
            h.outlet.clone().unwrap_or_default(),
            h.published.clone().unwrap_or_default(),
            h.url.clone().unwrap_or_default(),
            h.title.clone().unwrap_or_default(),
            f.and_then(|f| f.url.clone()).unwrap_or_default(),
            f.and_then(|f| f.outlet.clone()).unwrap_or_default(),
            f.and_then(|f| f.published.clone()).unwrap_or_default(),
            f.map(|f| f.appearances.to_string()).unwrap_or_default(),
            h.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
        ])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::shown_quote;

    #[test]
    fn a_quote_is_marked_once() {
        assert_eq!(shown_quote("\"We are ready\""), "\"We are ready\"");
        assert_eq!(shown_quote("“We are ready”"), "“We are ready”");
        assert_eq!(
            shown_quote("the plan was on track"),
            "“the plan was on track”"
        );
    }
}

//! Writers of row tables: JSON Lines, CSV (RFC 4180, header row) or Parquet.

use crate::{ArticleRow, QuoteRow};
use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::{self, BufWriter, Write};
use std::sync::Arc;

/// Rows per Parquet row group (and rows buffered in memory at most).
pub const ROW_GROUP: usize = 8192;

/// Output format of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// Apache Parquet (snappy).
    Parquet,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "jsonl" => Ok(Format::Jsonl),
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            _ => Err(format!("unknown format {s:?}: use jsonl, csv or parquet")),
        }
    }
}

/// Which table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// One row per article ([`ArticleRow`]).
    Articles,
    /// One row per attribution ([`QuoteRow`]).
    Quotes,
}

enum Cell<'a> {
    Str(Option<&'a str>),
    Int(Option<i64>),
}

/// A row type with its columns (name, is-integer) and cells in that order.
trait Row: serde::Serialize {
    const COLUMNS: &'static [(&'static str, bool)];
    fn cells(&self) -> Vec<Cell<'_>>;
}

impl Row for ArticleRow {
    const COLUMNS: &'static [(&'static str, bool)] = &[
        ("article_id", true),
        ("record_id", false),
        ("url", false),
        ("title", false),
        ("outlet", false),
        ("published", false),
        ("updated", false),
        ("language", false),
        ("authors", false),
        ("tags", false),
        ("dateline", false),
        ("quotes", true),
        ("entities", true),
        ("copies", true),
        ("text", false),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        use Cell::*;
        vec![
            Int(self.article_id),
            Str(Some(&self.record_id)),
            Str(self.url.as_deref()),
            Str(self.title.as_deref()),
            Str(self.outlet.as_deref()),
            Str(self.published.as_deref()),
            Str(self.updated.as_deref()),
            Str(self.language.as_deref()),
            Str(Some(&self.authors)),
            Str(Some(&self.tags)),
            Str(self.dateline.as_deref()),
            Int(Some(self.quotes)),
            Int(Some(self.entities)),
            Int(Some(self.copies)),
            Str(Some(&self.text)),
        ]
    }
}

impl Row for QuoteRow {
    const COLUMNS: &'static [(&'static str, bool)] = &[
        ("quote_id", true),
        ("article_id", true),
        ("record_id", false),
        ("ord", true),
        ("kind", false),
        ("speaker", false),
        ("speaker_type", false),
        ("cue", false),
        ("source", false),
        ("content", false),
        ("content_spans", false),
        ("cue_spans", false),
        ("source_spans", false),
        ("url", false),
        ("outlet", false),
        ("published", false),
        ("title", false),
        ("first_url", false),
        ("first_outlet", false),
        ("first_published", false),
    ];
    fn cells(&self) -> Vec<Cell<'_>> {
        use Cell::*;
        vec![
            Int(self.quote_id),
            Int(self.article_id),
            Str(Some(&self.record_id)),
            Int(Some(self.ord)),
            Str(Some(&self.kind)),
            Str(self.speaker.as_deref()),
            Str(self.speaker_type.as_deref()),
            Str(Some(&self.cue)),
            Str(Some(&self.source)),
            Str(Some(&self.content)),
            Str(Some(&self.content_spans)),
            Str(Some(&self.cue_spans)),
            Str(Some(&self.source_spans)),
            Str(self.url.as_deref()),
            Str(self.outlet.as_deref()),
            Str(self.published.as_deref()),
            Str(self.title.as_deref()),
            Str(self.first_url.as_deref()),
            Str(self.first_outlet.as_deref()),
            Str(self.first_published.as_deref()),
        ]
    }
}

/// Column buffers of a Parquet row group.
enum Column {
    Str(Vec<Option<String>>),
    Int(Vec<Option<i64>>),
}

enum Inner<W: Write + Send> {
    Jsonl(BufWriter<W>),
    Csv(Box<csv::Writer<W>>),
    Parquet {
        writer: Box<ArrowWriter<W>>,
        schema: Arc<Schema>,
        columns: Vec<Column>,
        buffered: usize,
    },
}

/// A sink of rows of one [`Table`] in one [`Format`].
///
/// Call [`finish`](Self::finish) at the end: a Parquet file is only valid
/// once its footer is written.
pub struct TableWriter<W: Write + Send> {
    inner: Inner<W>,
    table: Table,
    rows: u64,
}

fn columns_of(table: Table) -> &'static [(&'static str, bool)] {
    match table {
        Table::Articles => ArticleRow::COLUMNS,
        Table::Quotes => QuoteRow::COLUMNS,
    }
}

fn empty_columns(table: Table) -> Vec<Column> {
    columns_of(table)
        .iter()
        .map(|&(_, int)| {
            if int {
                Column::Int(Vec::new())
            } else {
                Column::Str(Vec::new())
            }
        })
        .collect()
}

fn pq(e: parquet::errors::ParquetError) -> io::Error {
    io::Error::other(format!("parquet: {e}"))
}

impl<W: Write + Send> TableWriter<W> {
    /// Start writing `table` as `format` to `out`.
    ///
    /// Errors: writing the Parquet header fails.
    pub fn new(out: W, format: Format, table: Table) -> io::Result<TableWriter<W>> {
        let inner = match format {
            Format::Jsonl => Inner::Jsonl(BufWriter::new(out)),
            Format::Csv => Inner::Csv(Box::new(csv::Writer::from_writer(out))),
            Format::Parquet => {
                let fields: Vec<Field> = columns_of(table)
                    .iter()
                    .map(|&(name, int)| {
                        let t = if int { DataType::Int64 } else { DataType::Utf8 };
                        Field::new(name, t, true)
                    })
                    .collect();
                let schema = Arc::new(Schema::new(fields));
                let props = WriterProperties::builder()
                    .set_compression(Compression::SNAPPY)
                    .set_max_row_group_row_count(Some(ROW_GROUP))
                    .build();
                let writer =
                    ArrowWriter::try_new(out, Arc::clone(&schema), Some(props)).map_err(pq)?;
                Inner::Parquet {
                    writer: Box::new(writer),
                    schema,
                    columns: empty_columns(table),
                    buffered: 0,
                }
            }
        };
        Ok(TableWriter {
            inner,
            table,
            rows: 0,
        })
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Write an article row. Errors: the table is not [`Table::Articles`], or writing fails.
    pub fn article(&mut self, row: &ArticleRow) -> io::Result<()> {
        if self.table != Table::Articles {
            return Err(io::Error::other("an article row in the quotes table"));
        }
        self.row(row)
    }

    /// Write a quote row. Errors: the table is not [`Table::Quotes`], or writing fails.
    pub fn quote(&mut self, row: &QuoteRow) -> io::Result<()> {
        if self.table != Table::Quotes {
            return Err(io::Error::other("a quote row in the articles table"));
        }
        self.row(row)
    }

    fn row<R: Row>(&mut self, row: &R) -> io::Result<()> {
        match &mut self.inner {
            Inner::Jsonl(w) => {
                serde_json::to_writer(&mut *w, row)?;
                w.write_all(b"\n")?;
            }
            Inner::Csv(w) => w.serialize(row).map_err(io::Error::other)?,
            Inner::Parquet {
                columns, buffered, ..
            } => {
                for (col, cell) in columns.iter_mut().zip(row.cells()) {
                    match (col, cell) {
                        (Column::Str(v), Cell::Str(s)) => v.push(s.map(str::to_string)),
                        (Column::Int(v), Cell::Int(i)) => v.push(i),
                        _ => return Err(io::Error::other("column type mismatch")),
                    }
                }
                *buffered += 1;
                if *buffered >= ROW_GROUP {
                    self.flush_group()?;
                }
            }
        }
        self.rows += 1;
        Ok(())
    }

    fn flush_group(&mut self) -> io::Result<()> {
        let table = self.table;
        if let Inner::Parquet {
            writer,
            schema,
            columns,
            buffered,
        } = &mut self.inner
        {
            if *buffered == 0 {
                return Ok(());
            }
            let cols = std::mem::replace(columns, empty_columns(table));
            let arrays: Vec<ArrayRef> = cols
                .into_iter()
                .map(|c| match c {
                    Column::Str(v) => Arc::new(StringArray::from(v)) as ArrayRef,
                    Column::Int(v) => Arc::new(Int64Array::from(v)) as ArrayRef,
                })
                .collect();
            let batch =
                RecordBatch::try_new(Arc::clone(schema), arrays).map_err(io::Error::other)?;
            writer.write(&batch).map_err(pq)?;
            *buffered = 0;
        }
        Ok(())
    }

    /// Flush everything (the Parquet footer included) and return the sink.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush_group()?;
        match self.inner {
            Inner::Jsonl(w) => w.into_inner().map_err(|e| e.into_error()),
            Inner::Csv(w) => (*w).into_inner().map_err(|e| e.into_error()),
            Inner::Parquet { writer, .. } => writer.into_inner().map_err(pq),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{quote_rows, tests::sample};
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn csv_has_a_header_and_quotes_fields() {
        let rows = quote_rows(&sample());
        let mut w = TableWriter::new(Vec::new(), Format::Csv, Table::Quotes).unwrap();
        w.quote(&rows[0]).unwrap();
        let out = String::from_utf8(w.finish().unwrap()).unwrap();
        let mut lines = out.lines();
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("quote_id,article_id,record_id,ord,kind,speaker")
        );
        let line = lines.next().unwrap();
        assert!(line.contains("\"[[1,6],[22,29]]\""), "{line}");
        assert!(line.contains("Ready … Not now"));
    }

    #[test]
    fn parquet_reads_back_with_every_row() {
        let rows = quote_rows(&sample());
        let file = tempfile::tempfile().unwrap();
        let mut w = TableWriter::new(file, Format::Parquet, Table::Quotes).unwrap();
        for _ in 0..(ROW_GROUP + 5) {
            w.quote(&rows[0]).unwrap();
        }
        assert!(w.article(&crate::article_row(&sample())).is_err());
        let file = w.finish().unwrap();
        let reader = SerializedFileReader::new(file).unwrap();
        let meta = reader.metadata();
        assert_eq!(meta.file_metadata().num_rows(), (ROW_GROUP + 5) as i64);
        assert_eq!(meta.num_row_groups(), 2);
        let schema = meta.file_metadata().schema_descr();
        assert_eq!(schema.num_columns(), QuoteRow::COLUMNS.len());
        assert_eq!(schema.column(9).name(), "content");
    }
}

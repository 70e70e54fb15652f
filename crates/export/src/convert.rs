//! A `Write` that takes JSON Lines of records and writes their rows.

use crate::{Format, Table, TableWriter, article_row, quote_rows};
use quotewire_doc::Record;
use std::io::{self, Write};

/// Turns the JSONL bytes of records written into it (as `quotewire
/// analyze` writes them) into rows of `table` in `format`.
///
/// [`flush`](Write::flush) completes the table (writes a Parquet footer): it
/// is meant to be called once, at the end; writing after it is an error.
pub struct RecordsToTable<W: Write + Send> {
    pending: Vec<u8>,
    out: Option<TableWriter<W>>,
    table: Table,
    line: u64,
}

impl<W: Write + Send> RecordsToTable<W> {
    /// Write rows of `table` as `format` into `out`.
    ///
    /// Errors: as [`TableWriter::new`].
    pub fn new(out: W, format: Format, table: Table) -> io::Result<RecordsToTable<W>> {
        Ok(RecordsToTable {
            pending: Vec::new(),
            out: Some(TableWriter::new(out, format, table)?),
            table,
            line: 0,
        })
    }

    fn line(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.line += 1;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let rec: Record = serde_json::from_slice(bytes).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("record {}: not a quotewire record: {e}", self.line),
            )
        })?;
        let out = self
            .out
            .as_mut()
            .ok_or_else(|| io::Error::other("table already finished"))?;
        match self.table {
            Table::Articles => out.article(&article_row(&rec)),
            Table::Quotes => quote_rows(&rec).iter().try_for_each(|r| out.quote(r)),
        }
    }
}

impl<W: Write + Send> Write for RecordsToTable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(i) = rest.iter().position(|&b| b == b'\n') {
            if self.pending.is_empty() {
                self.line(&rest[..i])?;
            } else {
                self.pending.extend_from_slice(&rest[..i]);
                let line = std::mem::take(&mut self.pending);
                self.line(&line)?;
            }
            rest = &rest[i + 1..];
        }
        self.pending.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.line(&line)?;
        }
        if let Some(out) = self.out.take() {
            out.finish()?.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_in_csv_out() {
        let rec = crate::tests::sample();
        let mut c = RecordsToTable::new(Vec::new(), Format::Csv, Table::Articles).unwrap();
        let mut line = serde_json::to_vec(&rec).unwrap();
        line.push(b'\n');
        // split mid-line, as a buffered writer may
        c.write_all(&line[..10]).unwrap();
        c.write_all(&line[10..]).unwrap();
        c.write_all(&line).unwrap();
        c.flush().unwrap();
        assert!(c.write_all(b"{}\n").is_err());
        let out = c.out.take();
        assert!(out.is_none());
        let mut bad = RecordsToTable::new(Vec::new(), Format::Csv, Table::Quotes).unwrap();
        let e = bad.write_all(b"not json\n").unwrap_err();
        assert!(e.to_string().contains("record 1"), "{e}");
    }
}

//! `quotewire serve`, and the help texts of the store commands.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quotewire serve`.
#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// The database file (opened read-only).
    #[arg(long, value_name = "FILE", default_value = "quotewire.db")]
    db: PathBuf,
    /// Address to listen on (IP:PORT or HOST:PORT, e.g. localhost:8080); the default serves
    /// this machine only.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080", value_parser = parse_addr)]
    addr: SocketAddr,
    /// Server threads.
    #[arg(short, long, value_name = "N", default_value_t = 2)]
    jobs: usize,
}

/// An address to listen on: `IP:PORT`, or `HOST:PORT` resolved (its first
/// IPv4 address, else its first address).
fn parse_addr(s: &str) -> Result<SocketAddr, String> {
    if let Ok(a) = s.parse() {
        return Ok(a);
    }
    let addrs: Vec<SocketAddr> = s
        .to_socket_addrs()
        .map_err(|e| format!("{s:?} is not IP:PORT or HOST:PORT ({e})"))?
        .collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or(addrs.first())
        .copied()
        .ok_or_else(|| format!("{s:?} resolves to no address"))
}

/// Run `quotewire serve`.
pub(crate) fn serve(args: ServeArgs) -> ExitCode {
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "quotewire: note: listening on {}, reachable from other machines; the API has no authentication",
            args.addr
        );
    }
    match quotewire_serve::run(&args.db, args.addr, args.jobs) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "quotewire: error: {}",
                crate::output::db_error(&e, &args.db)
            );
            ExitCode::FAILURE
        }
    }
}

pub(crate) const INGEST_HELP: &str = "\
Examples:
  quotewire analyze crawl.warc.gz -o records.jsonl && quotewire ingest records.jsonl
  quotewire ingest examples/ --db news.db          # pages analysed on the way
  quotewire analyze - < page.html | quotewire ingest -

Re-ingesting the same records adds nothing. A record whose URL is stored
with another body replaces the article (and says so); the same body under
another URL is stored once and linked as a copy (syndicated when the outlet
differs). Each quote keeps its first appearance (earliest date, outlet, URL).
Records are committed in batches of 1000 (SQLite WAL): a run that is killed
leaves a consistent database, and running it again completes it.";

pub(crate) const SEARCH_HELP: &str = "\
Examples:
  quotewire search \"fresh air\" --speaker Putin
  quotewire search sanctions --about Russia --since 2018-03 --kind direct
  quotewire search --outlet Sputnik --format csv --limit 500 > quotes.csv";

pub(crate) const EXPORT_HELP: &str = "\
Examples:
  quotewire export --format csv -o quotes.csv                 # one row per quote
  quotewire export --table articles --format parquet -o articles.parquet
  quotewire export --db news.db | head -n 3                   # JSONL to standard output

-o FILE is written atomically (FILE appears complete or not at all) with the
usual mode of a new file; it may not be the database itself or one of its
-wal/-shm files. Parquet is binary: it is not written to a terminal.";

pub(crate) const SERVE_HELP: &str = "\
Then open http://127.0.0.1:8080/ in a browser. The API is described at
/openapi.json; every answer is JSON, errors as {\"error\", \"status\"}.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_may_name_a_host() {
        assert_eq!(
            parse_addr("127.0.0.1:8080").unwrap(),
            "127.0.0.1:8080".parse::<SocketAddr>().unwrap()
        );
        let a = parse_addr("localhost:18779").unwrap();
        assert!(a.ip().is_loopback() && a.port() == 18779, "{a}");
        assert!(parse_addr("localhost").is_err());
    }
}

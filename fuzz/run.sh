#!/usr/bin/env bash
# fuzz/run.sh TARGET SECONDS [SHARED]
# Run one cargo-fuzz target for SECONDS (nightly toolchain, cargo-fuzz installed:
# `cargo install cargo-fuzz`). The seed corpus is copied from the shared data at run
# time into fuzz/corpus/TARGET (never committed), plus the repository's hostile inputs.
# One libFuzzer process; -timeout flags a hang (10 s per input), -rss_limit_mb an
# out-of-memory input. Crashes land in fuzz/artifacts/TARGET; the log, with the
# executions and coverage lines, in fuzz/logs/TARGET.log.
# TARGET: html | read | text | dates
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="${1:?usage: fuzz/run.sh TARGET SECONDS [SHARED]}"
secs="${2:?usage: fuzz/run.sh TARGET SECONDS [SHARED]}"
shared="${3:-$here/../../shared}"
corpus="$here/corpus/$target"
mkdir -p "$corpus" "$here/logs" "$here/artifacts/$target"

seed() { # copy files (at most $2 of them, at most 256 KB each) into the corpus
  local n=0
  while IFS= read -r -d '' f; do
    [ "$(stat -c %s "$f")" -le 262144 ] || continue
    cp -n "$f" "$corpus/$(basename "$f")" 2>/dev/null || true
    n=$((n + 1)); [ "$n" -lt "$2" ] || break
  done < <(find "$1" -type f -print0 2>/dev/null | sort -z)
}
if [ -d "$shared/data" ]; then
  case "$target" in
    html)  seed "$shared/data/article-extraction" 200; seed "$shared/data/cases" 50 ;;
    read)  seed "$shared/data/warc" 50; seed "$shared/data/article-extraction" 20 ;;
    text)  seed "$shared/data/polnear/dev/text" 100; seed "$shared/data/flattened" 60; seed "$shared/data/cases" 50 ;;
    dates)
      python3 - "$shared/data/dates/gold.json" "$corpus" <<'PY'
import json, sys, os
gold = json.load(open(sys.argv[1]))
body = "On Monday, two days ago, the minister said the plan would be reviewed in May 2021 and by 3 p.m. next Friday.\n"
lines = ["2018-12-20T10:30+05:00", "Dec. 20, 2018 8:03 pm ET", "20.12.2018 10:30", "7/4/21 6:56 AM EST",
         "Updated: 3 March 2020, 12:00 AM", "Thursday, 20 December 2018"]
for i, v in enumerate(gold.values()):
    if i >= 150: break
    lines += [str(v.get("published", "")), str(v.get("url", ""))]
for i, l in enumerate(lines):
    open(os.path.join(sys.argv[2], f"seed{i}"), "w").write(l + "\n" + body)
PY
      ;;
    *) echo "fuzz/run.sh: unknown target $target (html | read | text | dates)" >&2; exit 2 ;;
  esac
else
  echo "fuzz/run.sh: $shared/data not found: starting from the hostile inputs only" >&2
fi
# the hostile-input cases of the repository (small files) seed every target
find "$here/../tests/hostile/cases" -maxdepth 1 -type f -size -256k -exec cp -n {} "$corpus/" \; 2>/dev/null || true

# inputs at most this long: small inputs run hundreds of times faster and
# reach the same code (a seed longer than this is cut)
case "$target" in
  html) max_len=32768 ;; text) max_len=8192 ;; read) max_len=65536 ;; *) max_len=4096 ;;
esac
cd "$here"
exec nice -n 10 cargo +nightly fuzz run --sanitizer none "$target" "$corpus" -- \
  -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=$max_len \
  -artifact_prefix="$here/artifacts/$target/" -print_final_stats=1 \
  2>&1 | tee "$here/logs/$target.log"

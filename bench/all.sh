#!/usr/bin/env bash
# Every benchmark, all tables, ending with the side-by-side speed table.
# Usage: bench/all.sh [--quick] [OPTIONS]   (same options as bench/run.sh; --help for them)
set -euo pipefail
case "${1:-}" in
  -h|--help) echo "usage: bench/all.sh [--quick] [OPTIONS]  = bench/run.sh all [--quick] [OPTIONS]"; echo;;
esac
exec python3 "$(dirname "${BASH_SOURCE[0]}")/bench.py" all "$@"

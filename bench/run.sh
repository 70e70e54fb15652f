#!/usr/bin/env bash
# quotewire benchmarks: bench/run.sh COMMAND [OPTIONS]   (bench/run.sh --help lists them)
# COMMAND: extraction | flattened | attribution | dates | seed | cases | wcxb | anchors | throughput | all | entities | speakers | timex
set -euo pipefail
exec python3 "$(dirname "${BASH_SOURCE[0]}")/bench.py" "$@"

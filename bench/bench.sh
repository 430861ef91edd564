#!/usr/bin/env bash
# Company-size benchmark with the DuckDB baseline (issue 10): `dsmart bench` generates a company at scale S once,
# then per run times ingest (full), transform, the DuckDB baseline of the four headline marts (which must agree with
# them: the bench exits 1 otherwise), an incremental day (ingest + transform), one report pack and the dashboard API
# under load (200 requests/s for 30 s: p50/p95/p99, failures); prints medians,
# peak heap and the ratios against the issue's targets and writes them to <data_dir>/bench.md.
# Usage: bench/bench.sh [scale=230] [runs=3] [data_dir]. Scale 230 is about 10M order lines and takes hours.
# Without data_dir a temporary directory is used and removed (bench.md is copied to cli/target/bench.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scale="${1:-230}"
runs="${2:-3}"
if [[ -n "${3:-}" ]]; then data="$3"; mkdir -p "$data"; else data="$(mktemp -d)"; trap 'rm -rf "$data"' EXIT; fi
"$root/dsmart" --version >/dev/null   # build the jar outside the measurement
status=0
"$root/dsmart" --set "data.dir=$data" bench --scale "$scale" --runs "$runs" || status=$?
if [[ -f "$data/bench.md" ]]; then mkdir -p "$root/cli/target"; cp "$data/bench.md" "$root/cli/target/bench.md"; fi
exit "$status"

#!/usr/bin/env bash
# Benchmark of the transform (issue 4): generate a company at scale S over M months into the embedded databases,
# ingest it, build every mart; prints the wall time, peak RSS and CPU of ingest and transform, then each mart's time
# and rows from ops.runs. Usage: bench/marts.sh [scale=1] [months=18] [data_dir]. Without data_dir a temporary
# directory is used and removed. Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scale="${1:-1}"
months="${2:-18}"
if [[ -n "${3:-}" ]]; then data="$3"; mkdir -p "$data"; else data="$(mktemp -d)"; trap 'rm -rf "$data"' EXIT; fi
run=("$root/dsmart" --set "data.dir=$data" --set "generator.scale=$scale" --set "generator.months=$months")
dsmart() { "${run[@]}" "$@"; }
dsmart --version >/dev/null   # build the jar outside the measurement
timed() {
  local stage="$1"; shift
  /usr/bin/time -f "$stage: wall %e s, CPU %U s user %S s system, peak RSS %M KB" -o "$data/time.$stage" "$@" 2>"$data/$stage.err" >/dev/null \
    || { tail -20 "$data/$stage.err" >&2; exit 1; }
  cat "$data/time.$stage"
}
timed generate "${run[@]}" generate
timed ingest "${run[@]}" ingest
timed transform "${run[@]}" transform
echo "order lines: $(dsmart sql --csv "SELECT COUNT(*) FROM raw.orders_order_lines WHERE _op = 'U'" | tail -1)"
dsmart sql "SELECT target, status, rows_written, CAST(date_diff('millisecond', started_at, finished_at) / 1000.0 AS DECIMAL(9,1)) AS seconds
  FROM ops.runs WHERE stage = 'transform' AND run_id = (SELECT MAX(run_id) FROM ops.runs WHERE stage = 'transform')
  ORDER BY started_at"

#!/usr/bin/env bash
# Benchmark of the walking skeleton: `dsmart demo --no-serve` (wall time, peak RSS) and the time from
# starting `dsmart serve` to its first answered dashboard API request (health, login, sales data). Usage: bench/demo.sh [runs=3] [scale=1]
# Writes into a temporary data directory; needs /usr/bin/time (Debian package `time`) and curl.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
scale="${2:-1}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
"$root/dsmart" --version >/dev/null   # build the jar outside the measurement

echo "run  demo_wall_s  demo_peak_rss_mb  serve_first_request_s"
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f "%e %M" -o "$data/time" "$root/dsmart" --set "data.dir=$data" --set "generator.scale=$scale" \
    demo --no-serve >/dev/null 2>"$data/demo.err"
  read -r wall rss < "$data/time"
  port=$((7600 + i))
  start=$(date +%s.%N)
  "$root/dsmart" --set "data.dir=$data" serve --port "$port" >/dev/null 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.05; done
  curl -sf -o /dev/null -c "$data/cookies" -d "name=exec&password=dsmart" "http://127.0.0.1:$port/login" || true
  curl -sf -o /dev/null -b "$data/cookies" "http://127.0.0.1:$port/api/sales-monthly"
  first=$(echo "$(date +%s.%N) - $start" | bc)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  printf "%3d  %11s  %16d  %21.2f\n" "$i" "$wall" "$((rss / 1024))" "$first"
done

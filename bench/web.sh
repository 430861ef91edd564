#!/usr/bin/env bash
# Dashboard benchmark: API latency (p50/p95/p99) at a fixed request rate with a warm cache, and the sales
# page's load time in headless Chromium (Navigation Timing). Everything runs on 127.0.0.1.
# Usage: bench/web.sh [rate=200] [seconds=30] [data_dir]
#   data_dir: a demo data directory (lake under data_dir/lake); without it one is made in a temporary
#   directory with `./dsmart --set data.dir=... demo --no-serve` (builds the jar first if needed).
#   data_dir "synthetic": a small in-memory mart instead (no lake, no result cache).
# Writes web/target/web-bench.md.
set -euo pipefail
cd "$(dirname "$0")/.."
rate="${1:-200}"
seconds="${2:-30}"
data="${3:-}"
if [[ -z "$data" ]]; then
  data="$(mktemp -d)/data"
  echo "bench/web.sh: building a demo lake in $data" >&2
  ./dsmart --set "data.dir=$data" demo --no-serve >&2
fi
mvn -B -q -pl web -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="web/target/test-classes:web/target/classes:$(cat web/target/bench.classpath)"
flags=(-Xmx2g -Duser.timezone=UTC -Dfile.encoding=UTF-8 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED)
args=(--rate "$rate" --seconds "$seconds")
if [[ "$data" != "synthetic" ]]; then
  args+=(--data-dir "$(cd "$data" && pwd)")
fi
java "${flags[@]}" -cp "$cp" dsmart.web.WebBench "${args[@]}"

#!/usr/bin/env bash
# Report benchmarks (issue 8), each in a fresh JVM limited to a 1 GB heap:
#  1. the executive-sales pack over a year of ~10,000 detail rows: PDF alone and the whole pack (PDF + XLSX + CSV),
#     cold (first use: template compiled) and warm (3 unmeasured runs, then median and max of WARM_RUNS);
#  2. the customer-sales export of 200,000 rows: streamed XLSX (SXSSF) + CSV, time and peak heap.
# Usage: bench/reports.sh [warm_runs=5] [export_rows=200000]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
rows="${2:-200000}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
mvn -B -q -pl reports -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/reports/target/bench.cp" -Dmdep.includeScope=test >&2
cp="reports/target/test-classes:reports/target/classes:$(cat reports/target/bench.cp)"
flags=(-Xmx1g -Duser.timezone=UTC -Dfile.encoding=UTF-8 -Djava.awt.headless=true -Dlog4j2.statusLoggerLevel=OFF)
java "${flags[@]}" -cp "$cp" dsmart.reports.ReportsBench "$runs" "$out/pdf"
for i in 1 2 3; do
  java "${flags[@]}" -cp "$cp" dsmart.reports.LargeExport "$rows" "$out/export-$i" | sed 's/ manifest=.*//'
done

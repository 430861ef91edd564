#!/usr/bin/env bash
# Benchmark of JDBC ingestion from PostgreSQL: full load and incremental loads of an order-lines table.
# Usage: bench/ingest.sh [rows=1000000] [reload=true] (false skips the final --full reload); TRACE=1 prints where each run spends its time. Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust); creates and
# drops its own database and lake. Builds the ingestion module and its test classes (no install).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-1000000}"
reload="${2:-true}"
cd "$root"
mvn -B -q -pl ingestion -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="ingestion/target/test-classes:ingestion/target/classes:lake-spark/target/classes:lake/target/classes:$(cat ingestion/target/bench.classpath)"
flags="$(sed -n "s:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p" pom.xml)"
# shellcheck disable=SC2086
exec java ${TRACE:+-Ddsmart.trace} -Xmx6g -Duser.timezone=UTC -Dfile.encoding=UTF-8 $flags -cp "$cp" dsmart.ingestion.IngestBench "$rows" "$reload"

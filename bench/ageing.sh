#!/usr/bin/env bash
# Benchmark of the receivables marts (issue 5): mart.ar_ledger, mart.ar_on_account and mart.ar_ageing over a synthetic
# ledger of N invoices over 24 months (25 as-of dates), each mart with its reconciliation gate; wall time per mart,
# peak heap (JVM pools) and peak RSS. Usage: bench/ageing.sh [invoices=1050000]. Builds the transforms module and its
# test classes (no install); uses a temporary lake. Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
invoices="${1:-1050000}"
cd "$root"
mvn -B -q -pl transforms -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="transforms/target/test-classes:transforms/target/classes:lake-spark/target/classes:lake/target/classes:$(cat transforms/target/bench.classpath)"
flags="$(sed -n "s:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p" pom.xml)"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
# shellcheck disable=SC2086
/usr/bin/time -f "peak RSS %M KB, wall %e s, CPU %U s user %S s system" \
  java -Xmx6g -Duser.timezone=UTC -Dfile.encoding=UTF-8 $flags -cp "$cp" dsmart.transforms.ArAgeingBench "$invoices" "$dir"

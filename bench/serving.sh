#!/usr/bin/env bash
# Latency p50/p95 of every query the reports and the dashboard run, cold and cached, on the embedded
# engine and on a real Trino 476 (needs /usr/lib/jvm/temurin-25-jdk-amd64 and PostgreSQL on 127.0.0.1:5432).
# Writes cli/target/serving-latency.md. Usage: bench/serving.sh [cold_runs=7] [cached_runs=50]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests
mvn -B -pl cli verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ServingLatencyBench \
  -Dbench.cold="${1:-7}" -Dbench.cached="${2:-50}" | grep -E "^\|" || true
cat cli/target/serving-latency.md

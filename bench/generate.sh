#!/usr/bin/env bash
# Benchmark of `dsmart generate`: wall and CPU time, peak RSS and rows/s for a scale and a number of
# months, into embedded H2 databases in a temporary data directory, with a heap cap that shows the
# memory bound. Usage: bench/generate.sh [scale=1] [months=18] [heap=512m]
# Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scale="${1:-1}"
months="${2:-18}"
heap="${3:-512m}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT
"$root/dsmart" --version >/dev/null   # build the jar outside the measurement

# the jar directly (generate needs no Spark flags), so that the heap cap is ours
/usr/bin/time -f "%e %U %M" -o "$data/time" java "-Xmx$heap" -Duser.timezone=UTC -Dfile.encoding=UTF-8 \
  -jar "$root/cli/target/dsmart.jar" --set "data.dir=$data" --set "generator.months=$months" generate --scale "$scale" \
  2>"$data/generate.err" >/dev/null || { cat "$data/generate.err" >&2; exit 1; }
read -r wall cpu rss < "$data/time"
rows=$(sed -n 's/.*generator.properties.*//; s/^rows=\([0-9]*\)$/\1/p' "$data/sources/truth/generator.properties")
grep -E "done|rows in" "$data/generate.err" | sed 's/^/  /'
echo "scale $scale, $months months, -Xmx$heap: $rows rows in ${wall} s wall (${cpu} s CPU), $(awk "BEGIN{printf \"%d\", $rows / $wall}") rows/s, peak RSS $((rss / 1024)) MB, databases $(du -sh "$data/sources" | cut -f1)"

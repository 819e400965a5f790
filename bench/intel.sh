#!/usr/bin/env bash
# Benchmarks of `kagami intel` (results go in docs/BENCHMARKS.md, section "kagami intel"):
#   1. importing N indicators (default 1,000,000) from CSV with the real CLI, against the peer: the sqlite3 shell
#      importing the same CSV into a bare table (the floor for any SQLite-backed store);
#   2. look-ups per second of the in-memory matching API on a mixed workload (JMH), against the peer: the same
#      look-ups as indexed SQLite point queries.
# Usage: bench/intel.sh [N]          (needs: JDK 17, Maven, sqlite3)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-1000000}"
WORK="$ROOT/bench/work/intel"
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$ROOT"

echo "== machine"
echo "cpus: $(nproc), memory: $(free -g | awk '/Mem:/{print $2}') GiB, load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -version 2>&1 | head -1
sqlite3 --version | cut -d' ' -f1

echo "== build"
mvn -B -q -DskipTests package -pl kagami-cli -am
mvn -B -q -pl kagami-intel -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
  -Dmdep.includeScope=test
CP="kagami-intel/target/test-classes:kagami-intel/target/classes:$(cat kagami-intel/target/cp.txt)"

echo "== data: $N indicators"
java -cp "$CP" kagami.intel.store.BenchCsv "$WORK/indicators.csv" "$N"
ls -l "$WORK/indicators.csv" | awk '{print $5 " bytes"}'

echo "== import with kagami (one transaction, normalisation, STIX objects, versioning, indexes)"
KAGAMI_NO_BUILD=1 /usr/bin/time -f "kagami import: %e s wall, %U s user, %M KiB max RSS" \
  "$ROOT/kagami" intel import --db "$WORK/kagami.db" "$WORK/indicators.csv"
ls -l "$WORK"/kagami.db* | awk '{s+=$5} END {print "store size: " s " bytes"}'
KAGAMI_NO_BUILD=1 "$ROOT/kagami" intel stats --db "$WORK/kagami.db" | head -3

echo "== peer: sqlite3 .import of the same CSV into a bare table with one index"
/usr/bin/time -f "sqlite3 import: %e s wall, %U s user" sqlite3 "$WORK/peer.db" \
  "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=NORMAL;" \
  "CREATE TABLE t(type TEXT, value TEXT, tlp TEXT, confidence INTEGER);" \
  ".import --csv --skip 1 $WORK/indicators.csv t" "CREATE INDEX t_value ON t(type, value);" > /dev/null

echo "== matcher look-ups (JMH)"
java -Xmx4g -cp "$CP" org.openjdk.jmh.Main 'kagami.intel.match.MatcherBenchmark' -f 1 -wi 3 -w 5s -i 5 -r 5s \
  -p indicators="$N" -rf text -rff "$WORK/jmh.txt" | tail -5
cat "$WORK/jmh.txt"
rm -f "$WORK"/*.db "$WORK"/*.db-*

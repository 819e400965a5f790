#!/usr/bin/env bash
# Whole-process throughput of the Sigma engine (kagami-sigma) on a large input, as a hunt runs it: the same file
# read only (EVTX through kagami-evtx, or evtx-crate JSON lines: the "dump" cost) and read + matched against all
# 2,858 SigmaHQ Windows rules + correlated, interleaved for ROUNDS rounds in one JVM after a cold rule load.
#
# Usage: bench/sigma-throughput.sh INPUT [ROUNDS]
#   INPUT: a large EVTX (e.g. python3 ../shared/tools/splice_evtx.py /tmp/big.evtx 300 ../shared/testdata/evtx/edge-cases)
#          or JSON lines from bench/sigma-corpus.py
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIGMA="${KAGAMI_SHARED:-$ROOT/../shared}/testdata/sigma"
cd "$ROOT"
mvn -B -q -P jmh -DskipTests -Djqwik.skip=true package -pl kagami-sigma -am >&2
CP="kagami-sigma/target/classes:$(cat kagami-sigma/target/jmh-classpath.txt)"
exec java -XX:+UseParallelGC -cp "$CP" kagami.sigma.bench.Throughput "${2:-3}" \
  "$SIGMA/rules" "$SIGMA/rules-emerging-threats" "$SIGMA/rules-threat-hunting" -- "$1"

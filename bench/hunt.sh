#!/usr/bin/env bash
# Whole-process benchmark of `kagami hunt`: the same event file hunted with all SigmaHQ Windows rules and with an
# empty rule folder (reading and parsing only), interleaved, RUNS times each; prints events/s and the ratio.
#
# Usage: bench/hunt.sh EVENTS.jsonl [RUNS]
#   EVENTS.jsonl: evtx-crate JSON lines, e.g. built by bench/sigma-corpus.py from real EVTX files
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIGMA="${KAGAMI_SHARED:-$ROOT/../shared}/testdata/sigma"
INPUT="$1"
RUNS="${2:-3}"
EMPTY="$(mktemp -d)"
trap 'rm -rf "$EMPTY"' EXIT
"$ROOT/kagami" --version >/dev/null   # build once, outside the timings
EVENTS=$(wc -l < "$INPUT")

run() { # $@: rule folders as --rules args; prints seconds
  local start end
  start=$(date +%s.%N)
  KAGAMI_NO_BUILD=1 "$ROOT/kagami" --lang en hunt "$INPUT" "$@" -o /dev/null 2>/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

declare -a NONE ALL
for i in $(seq "$RUNS"); do
  NONE+=("$(run --rules "$EMPTY")")
  ALL+=("$(run --rules "$SIGMA/rules" --rules "$SIGMA/rules-emerging-threats" --rules "$SIGMA/rules-threat-hunting")")
done
best() { printf '%s\n' "$@" | sort -n | head -1; }
B_NONE=$(best "${NONE[@]}")
B_ALL=$(best "${ALL[@]}")
TIMEFORMAT=%R
LOAD=$( { time KAGAMI_NO_BUILD=1 "$ROOT/kagami" rules validate "$SIGMA/rules" "$SIGMA/rules-emerging-threats" \
  "$SIGMA/rules-threat-hunting" >/dev/null 2>&1 || true; } 2>&1 | tail -1 )
echo "events:                       $EVENTS"
echo "no rules  (best of $RUNS):      ${B_NONE}s  $(echo "$EVENTS / $B_NONE" | bc) events/s   runs: ${NONE[*]}"
echo "all rules (best of $RUNS):      ${B_ALL}s  $(echo "$EVENTS / $B_ALL" | bc) events/s   runs: ${ALL[*]}"
echo "ratio all/none (throughput):  $(echo "scale=2; $B_NONE / $B_ALL" | bc)"
echo "rules validate (JVM start + load + compile 2,858 rules): ${LOAD}s"

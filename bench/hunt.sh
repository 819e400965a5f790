#!/usr/bin/env bash
# Whole-process benchmark of `kagami hunt`: the same event file hunted with all SigmaHQ Windows rules and with an
# empty rule folder (reading and parsing only: the "dump" cost of this input), interleaved, RUNS times each.
# Prints wall time and CPU time (user+sys, less sensitive to other work on the machine), events/s and the ratios.
#
# Usage: bench/hunt.sh EVENTS.jsonl [RUNS]
#   EVENTS.jsonl: evtx-crate JSON lines, e.g. built by bench/sigma-corpus.py from real EVTX files
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIGMA="${KAGAMI_SHARED:-$ROOT/../shared}/testdata/sigma"
INPUT="$1"
RUNS="${2:-3}"
EMPTY="$(mktemp -d)"
OUT="$(mktemp)"
trap 'rm -rf "$EMPTY" "$OUT"' EXIT
"$ROOT/kagami" --version >/dev/null   # build once, outside the timings
EVENTS=$(wc -l < "$INPUT")
ALL_RULES=(--rules "$SIGMA/rules" --rules "$SIGMA/rules-emerging-threats" --rules "$SIGMA/rules-threat-hunting")

run() { # $@: kagami arguments; prints "wall cpu"
  /usr/bin/time -q -o "$OUT" -f "%e %U %S" env KAGAMI_NO_BUILD=1 "$ROOT/kagami" --lang en "$@" >/dev/null 2>&1 || true
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$OUT"
}

declare -a NW NC AW AC
for i in $(seq "$RUNS"); do
  read -r w c < <(run hunt "$INPUT" --rules "$EMPTY" -o /dev/null); NW+=("$w"); NC+=("$c")
  read -r w c < <(run hunt "$INPUT" "${ALL_RULES[@]}" -o /dev/null); AW+=("$w"); AC+=("$c")
done
read -r LW LC < <(run rules validate "$SIGMA/rules" "$SIGMA/rules-emerging-threats" "$SIGMA/rules-threat-hunting")
best() { printf '%s\n' "$@" | sort -n | head -1; }
BNW=$(best "${NW[@]}"); BNC=$(best "${NC[@]}"); BAW=$(best "${AW[@]}"); BAC=$(best "${AC[@]}")
rate() { echo "$EVENTS / $1" | bc; }
echo "events: $EVENTS (best of $RUNS; all runs wall/cpu: none ${NW[*]} / ${NC[*]}; all ${AW[*]} / ${AC[*]})"
echo "no rules:  wall ${BNW}s ($(rate "$BNW") ev/s)  cpu ${BNC}s ($(rate "$BNC") ev/cpu-s)"
echo "all rules: wall ${BAW}s ($(rate "$BAW") ev/s)  cpu ${BAC}s ($(rate "$BAC") ev/cpu-s)"
echo "ratio all/none: wall $(echo "scale=2; $BNW / $BAW" | bc)  cpu $(echo "scale=2; $BNC / $BAC" | bc)"
echo "kagami rules validate, 2,858 rules (JVM start + load + compile): wall ${LW}s cpu ${LC}s"

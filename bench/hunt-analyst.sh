#!/usr/bin/env bash
# Benchmark of `kagami hunt` for docs/BENCHMARKS.md ("kagami hunt" section).
#
#   bench/hunt-analyst.sh [EVENTS]
#
# 1. JSON throughput (always): a JSON Lines file of EVENTS (default 200000) real Windows events - SigmaHQ's
#    regression events repeated with distinct record numbers - hunted with all 2,858 shared SigmaHQ rules, in
#    sorted and in streaming (--unsorted) mode, heap capped at 768 MiB; wall time, events/s and peak RSS
#    (/usr/bin/time). Peer in the same run: `kagami metrics` on the same file (read + parse, no rules), so the
#    ratio hunt/metrics says what matching costs on top of reading.
# 2. EVTX (when the EVTX reader is built in, i.e. `kagami dump` exists): a spliced EVTX of SIZE_MB (default 300,
#    dense chunks only: MIN_RECORDS=40) from ../shared/testdata/evtx/edge-cases; `kagami dump` vs `kagami hunt
#    --unsorted` with the same rules, interleaved twice; hunt sorted and with one thread; hunt of a header-only
#    EVTX (the fixed cost: loading and compiling the rules). With BIG_MB set, streaming hunt of a file that size
#    too, for peak RSS (deleted afterwards).
# SKIP_JSON=1 runs only part 2. Writes its work files under bench/work/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SHARED="${KAGAMI_SHARED:-$ROOT/../shared}"
WORK="$ROOT/bench/work/hunt"
EVENTS="${1:-200000}"
SIZE_MB="${SIZE_MB:-300}"
mkdir -p "$WORK"
export KAGAMI_JAVA_OPTS="${KAGAMI_JAVA_OPTS:--XX:+UseParallelGC -Xss4m -Xmx768m}"
RULES=(--rules "$SHARED/testdata/sigma/rules" --rules "$SHARED/testdata/sigma/rules-emerging-threats"
       --rules "$SHARED/testdata/sigma/rules-threat-hunting" --no-bundled-rules)
./kagami --version >/dev/null

measure() { # label, command...: prints "label wall_seconds cpu_seconds peak_rss_mib"
  local label="$1"; shift
  /usr/bin/time -f '%e %U %S %M' "$@" >/dev/null 2>"$WORK/err.log" || true
  local t; t="$(tail -1 "$WORK/err.log")"
  echo "$label $(echo "$t" | awk '{printf "%s %.2f %.0f", $1, $2 + $3, $4 / 1024}')"
}

JSONL="$WORK/events-$EVENTS.jsonl"
if [[ -n "${SKIP_JSON:-}" ]]; then
  echo "# JSON: skipped (SKIP_JSON)"
else
if [[ ! -f "$JSONL" ]]; then
  python3 - "$SHARED/testdata/sigma/regression_data" "$JSONL" "$EVENTS" <<'PY'
import json, os, sys
root, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
dec = json.JSONDecoder(); docs = []
for d, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        if f.endswith('.json'):
            text = open(os.path.join(d, f), encoding='utf-8').read(); i = 0
            while True:
                while i < len(text) and text[i].isspace(): i += 1
                if i >= len(text): break
                obj, i = dec.raw_decode(text, i); docs.append(obj)
with open(out, 'w', encoding='utf-8') as w:
    for k in range(n):
        doc = json.loads(json.dumps(docs[k % len(docs)]))
        doc['Event']['System']['EventRecordID'] = k + 1
        w.write(json.dumps(doc, separators=(',', ':')) + '\n')
PY
fi
echo "# JSON: $EVENTS events, $(du -m "$JSONL" | cut -f1) MiB, 2,858 SigmaHQ rules, heap cap: $KAGAMI_JAVA_OPTS"
measure metrics ./kagami metrics "$JSONL"
measure hunt-sorted ./kagami hunt "$JSONL" "${RULES[@]}" -U --no-summary -o "$WORK/sorted.csv"
measure hunt-streaming ./kagami hunt "$JSONL" "${RULES[@]}" -U --no-summary --unsorted -o "$WORK/streaming.csv"
echo "detections: $(($(wc -l < "$WORK/sorted.csv") - 1))"
fi

if ./kagami --help 2>/dev/null | grep -qE "^ +dump( |$)"; then
  EVTX="$WORK/spliced-$SIZE_MB.evtx"
  [[ -f "$EVTX" ]] || MIN_RECORDS=40 python3 "$SHARED/tools/splice_evtx.py" "$EVTX" "$SIZE_MB" "$SHARED/testdata/evtx/edge-cases"
  RECORDS="$(./kagami dump "$EVTX" --format jsonl 2>&1 >/dev/null | grep -oE '[0-9,]+ records' | tr -d ', records')"
  echo "# EVTX: $(du -m "$EVTX" | cut -f1) MiB spliced from edge-cases, $RECORDS records; columns: label wall_s cpu_s peak_rss_MiB"
  # A header-only EVTX: the hunt loads and compiles the rules and reads nothing (the fixed cost of a run).
  head -c 4096 "$EVTX" > "$WORK/header-only.evtx"
  for round in 1 2; do  # interleaved, so load from other work on the machine hits both sides alike
    measure "dump#$round" ./kagami dump "$EVTX" --format jsonl -o "$WORK/dump.jsonl"
    measure "hunt-evtx-streaming#$round" ./kagami hunt "$EVTX" "${RULES[@]}" -U --no-summary --unsorted -o "$WORK/evtx.csv"
  done
  measure hunt-evtx-sorted ./kagami hunt "$EVTX" "${RULES[@]}" -U --no-summary -o "$WORK/evtx-sorted.csv"
  measure hunt-evtx-1-thread ./kagami hunt "$EVTX" "${RULES[@]}" -U --no-summary --unsorted --threads 1 -o "$WORK/evtx-1.csv"
  measure hunt-rules-only ./kagami hunt "$WORK/header-only.evtx" "${RULES[@]}" -U --no-summary --unsorted -o "$WORK/none.csv"
  echo "detections: $(($(wc -l < "$WORK/evtx.csv") - 1))"
  if [[ -n "${BIG_MB:-}" ]]; then  # peak RSS of streaming mode on a larger file: it must not grow with the input
    BIG="$WORK/spliced-$BIG_MB.evtx"
    [[ -f "$BIG" ]] || MIN_RECORDS=40 python3 "$SHARED/tools/splice_evtx.py" "$BIG" "$BIG_MB" "$SHARED/testdata/evtx/edge-cases"
    measure "dump-${BIG_MB}MB" ./kagami dump "$BIG" --format jsonl -o "$WORK/big.jsonl"
    measure "hunt-evtx-streaming-${BIG_MB}MB" ./kagami hunt "$BIG" "${RULES[@]}" -U --no-summary --unsorted -o "$WORK/big.csv"
    rm -f "$BIG" "$WORK/big.csv" "$WORK/big.jsonl"
  fi
else
  echo "# EVTX: skipped, this build has no EVTX reader (kagami dump)"
fi

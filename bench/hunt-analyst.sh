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
# 2. EVTX (when the EVTX reader is built in, i.e. `kagami dump` exists): a spliced EVTX of SIZE_MB (default 200)
#    from ../shared/testdata/evtx/edge-cases, `kagami dump` vs `kagami hunt --unsorted` with the same rules.
# Writes its work files under bench/work/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SHARED="${KAGAMI_SHARED:-$ROOT/../shared}"
WORK="$ROOT/bench/work/hunt"
EVENTS="${1:-200000}"
SIZE_MB="${SIZE_MB:-200}"
mkdir -p "$WORK"
export KAGAMI_JAVA_OPTS="${KAGAMI_JAVA_OPTS:--XX:+UseParallelGC -Xss4m -Xmx768m}"
RULES=(--rules "$SHARED/testdata/sigma/rules" --rules "$SHARED/testdata/sigma/rules-emerging-threats"
       --rules "$SHARED/testdata/sigma/rules-threat-hunting" --no-bundled-rules)
./kagami --version >/dev/null

measure() { # label, command...: prints "label seconds peak_rss_mib"
  local label="$1"; shift
  local t; t="$( { /usr/bin/time -f '%e %M' "$@" >/dev/null 2>"$WORK/err.log"; } 2>&1 || true)"
  t="$(tail -1 "$WORK/err.log")"
  local secs rss; secs="$(echo "$t" | awk '{print $1}')"; rss="$(echo "$t" | awk '{printf "%.0f", $2/1024}')"
  echo "$label $secs $rss"
}

JSONL="$WORK/events-$EVENTS.jsonl"
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

if ./kagami --help 2>/dev/null | grep -qE "^ +dump( |$)"; then
  EVTX="$WORK/spliced-$SIZE_MB.evtx"
  [[ -f "$EVTX" ]] || MIN_RECORDS=40 python3 "$SHARED/tools/splice_evtx.py" "$EVTX" "$SIZE_MB" "$SHARED/testdata/evtx/edge-cases"
  echo "# EVTX: $(du -m "$EVTX" | cut -f1) MiB spliced from edge-cases"
  measure dump ./kagami dump "$EVTX" --format jsonl -o "$WORK/dump.jsonl"
  measure hunt-evtx-streaming ./kagami hunt "$EVTX" "${RULES[@]}" -U --no-summary --unsorted -o "$WORK/evtx.csv"
else
  echo "# EVTX: skipped, this build has no EVTX reader (kagami dump)"
fi

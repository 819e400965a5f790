#!/usr/bin/env bash
# Benchmark of `kagami hunt` for docs/BENCHMARKS.md ("kagami hunt" section).
#
#   bench/hunt-analyst.sh [EVENTS]
#
# 1. JSON throughput (always): a JSON Lines file of EVENTS (default 200000) real Windows events - SigmaHQ's
#    regression events repeated with distinct record numbers - hunted with all 2,858 shared SigmaHQ rules, in
#    sorted and in streaming (--unsorted) mode, heap capped at 768 MiB (KAGAMI_JAVA_OPTS replaces that); wall time, events/s and peak RSS
#    (/usr/bin/time). Peer in the same run: `kagami metrics` on the same file (read + parse, no rules), so the
#    ratio hunt/metrics says what matching costs on top of reading.
# 2. EVTX (when the EVTX reader is built in, i.e. `kagami dump` exists): a spliced EVTX of SIZE_MB (default 300,
#    dense chunks only: MIN_RECORDS=40) from ../shared/testdata/evtx/edge-cases; `kagami dump` vs `kagami hunt
#    --unsorted` with the same rules, interleaved (ROUNDS, default 2), with THREADS (default "2 1") reader threads;
#    each hunt twice: with the compiled rules from the rule cache (warmed first; KAGAMI_RULE_CACHE=bench/work/...)
#    and with the cache off (load + compile every run). Then hunt sorted, hunt of a header-only EVTX (the fixed cost:
#    the rules, cached and not), and cold `kagami rules validate` of the rules (cached and not). Every line ends
#    with the 1-minute load average when it started. With BIG_MB set, the same interleaving on a file that size too
#    (2 threads; peak RSS must not grow with the input; deleted afterwards).
# SKIP_JSON=1 runs only part 2. Writes its work files under bench/work/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SHARED="${KAGAMI_SHARED:-$ROOT/../shared}"
WORK="$ROOT/bench/work/hunt"
EVENTS="${1:-200000}"
SIZE_MB="${SIZE_MB:-300}"
mkdir -p "$WORK"
# JSON part: heap capped at 768 MiB (peak RSS under a cap); EVTX part: the launcher's own JVM options, as users run
# it (per-command JIT settings included), unless KAGAMI_JAVA_OPTS is set.
JSON_OPTS="${KAGAMI_JAVA_OPTS:--XX:+UseParallelGC -Xss4m -Xmx768m}"
export KAGAMI_RULE_CACHE="$WORK/rule-cache"  # the benchmark's own rule cache, never the user's
RULES=(--rules "$SHARED/testdata/sigma/rules" --rules "$SHARED/testdata/sigma/rules-emerging-threats"
       --rules "$SHARED/testdata/sigma/rules-threat-hunting" --no-bundled-rules)
./kagami --version >/dev/null

measure() { # label, command...: prints "label wall_seconds cpu_seconds peak_rss_mib load_average"
  local label="$1"; shift
  local load; load="$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
  /usr/bin/time -f '%e %U %S %M' "$@" >/dev/null 2>"$WORK/err.log" || true
  local t; t="$(tail -1 "$WORK/err.log")"
  echo "$label $(echo "$t" | awk '{printf "%s %.2f %.0f", $1, $2 + $3, $4 / 1024}') load=$load"
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
echo "# JSON: $EVENTS events, $(du -m "$JSONL" | cut -f1) MiB, 2,858 SigmaHQ rules, JVM options: $JSON_OPTS"
KAGAMI_JAVA_OPTS="$JSON_OPTS" measure metrics ./kagami metrics "$JSONL"
KAGAMI_JAVA_OPTS="$JSON_OPTS" measure hunt-sorted ./kagami hunt "$JSONL" "${RULES[@]}" -U --no-summary -o "$WORK/sorted.csv"
KAGAMI_JAVA_OPTS="$JSON_OPTS" measure hunt-streaming ./kagami hunt "$JSONL" "${RULES[@]}" -U --no-summary --unsorted \
  -o "$WORK/streaming.csv"
echo "detections: $(($(wc -l < "$WORK/sorted.csv") - 1))"
fi

if ./kagami --help 2>/dev/null | grep -qE "^ +dump( |$)"; then
  EVTX="$WORK/spliced-$SIZE_MB.evtx"
  [[ -f "$EVTX" ]] || MIN_RECORDS=40 python3 "$SHARED/tools/splice_evtx.py" "$EVTX" "$SIZE_MB" "$SHARED/testdata/evtx/edge-cases" \
    "$SHARED/testdata/sigma/regression_data"
  RECORDS="$(./kagami dump "$EVTX" --format jsonl 2>&1 >/dev/null | grep -oE '[0-9,]+ records' | tr -d ', records')"
  echo "# EVTX: $(du -mL "$EVTX" | cut -f1) MiB spliced from edge-cases, $RECORDS records; columns: label wall_s cpu_s peak_rss_MiB load"
  CACHE="$KAGAMI_RULE_CACHE"
  # A header-only EVTX: the hunt loads and compiles the rules and reads nothing (the fixed cost of a run).
  head -c 4096 "$EVTX" > "$WORK/header-only.evtx"
  KAGAMI_RULE_CACHE="$CACHE" ./kagami hunt "$WORK/header-only.evtx" "${RULES[@]}" -U --no-summary -o /dev/null >/dev/null 2>&1 || true
  interleave() { # file, threads, rounds, label suffix: dump vs hunt (rule cache) vs hunt (no rule cache)
    local f="$1" t="$2" n="$3" sfx="$4"
    for round in $(seq 1 "$n"); do  # interleaved, so load from other work on the machine hits all alike
      measure "dump$sfx-t$t#$round" ./kagami dump "$f" --threads "$t" --format jsonl -o "$WORK/dump.jsonl"
      KAGAMI_RULE_CACHE="$CACHE" measure "hunt-cached$sfx-t$t#$round" ./kagami hunt "$f" "${RULES[@]}" --threads "$t" \
        -U --no-summary --unsorted -o "$WORK/evtx.csv"
      KAGAMI_RULE_CACHE=off measure "hunt-uncached$sfx-t$t#$round" ./kagami hunt "$f" "${RULES[@]}" --threads "$t" \
        -U --no-summary --unsorted -o "$WORK/evtx-uncached.csv"
    done
    cmp -s "$WORK/evtx.csv" "$WORK/evtx-uncached.csv" || echo "WARNING: cached and uncached hunts differ"
  }
  for t in ${THREADS:-2 1}; do
    interleave "$EVTX" "$t" "${ROUNDS:-2}" ""
  done
  KAGAMI_RULE_CACHE="$CACHE" measure hunt-cached-sorted ./kagami hunt "$EVTX" "${RULES[@]}" -U --no-summary -o "$WORK/evtx-sorted.csv"
  KAGAMI_RULE_CACHE="$CACHE" measure hunt-cached-rules-only ./kagami hunt "$WORK/header-only.evtx" "${RULES[@]}" -U --no-summary --unsorted -o "$WORK/none.csv"
  KAGAMI_RULE_CACHE=off measure hunt-uncached-rules-only ./kagami hunt "$WORK/header-only.evtx" "${RULES[@]}" -U --no-summary --unsorted -o "$WORK/none.csv"
  SIGMA=("$SHARED/testdata/sigma/rules" "$SHARED/testdata/sigma/rules-emerging-threats" "$SHARED/testdata/sigma/rules-threat-hunting")
  for round in 1 2; do
    KAGAMI_RULE_CACHE="$CACHE" measure "rules-validate-cached#$round" ./kagami rules validate "${SIGMA[@]}"
    KAGAMI_RULE_CACHE=off measure "rules-validate-uncached#$round" ./kagami rules validate "${SIGMA[@]}"
  done
  echo "detections: $(($(wc -l < "$WORK/evtx.csv") - 1))"
  if [[ -n "${BIG_MB:-}" ]]; then  # peak RSS of streaming mode on a larger file: it must not grow with the input
    BIG="$WORK/spliced-$BIG_MB.evtx"
    [[ -f "$BIG" ]] || MIN_RECORDS=40 python3 "$SHARED/tools/splice_evtx.py" "$BIG" "$BIG_MB" "$SHARED/testdata/evtx/edge-cases" \
      "$SHARED/testdata/sigma/regression_data"
    interleave "$BIG" 2 1 "-${BIG_MB}MB"
    rm -f "$BIG" "$WORK/evtx.csv" "$WORK/evtx-uncached.csv" "$WORK/dump.jsonl"
  fi
  rm -f "$WORK/dump.jsonl"
else
  echo "# EVTX: skipped, this build has no EVTX reader (kagami dump)"
fi

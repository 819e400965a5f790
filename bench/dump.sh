#!/usr/bin/env bash
# Speed of `kagami dump --format jsonl` at --threads 1 and 2 against libevtx's `evtxexport -f xml`, in the same
# run, on one large spliced EVTX file. Writes bench/work/dump-results.md (figures for docs/BENCHMARKS.md).
#
# usage: bench/dump.sh [SIZE_MB]        SIZE_MB: size of the spliced file (default 1024)
#        REPEAT=N bench/dump.sh         runs per tool, best wall time kept (default 3)
#        DEVNULL=1 bench/dump.sh        also runs each tool with its output to /dev/null
# needs: libevtx-utils (evtxexport, evtxinfo), python3, /usr/bin/time (GNU time), a JDK 17 and Maven
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SHARED="$ROOT/../shared"
WORK="$ROOT/bench/work"
SIZE_MB="${1:-1024}"
REPEAT="${REPEAT:-3}"
mkdir -p "$WORK"

# Inputs both tools read to the end: evtxexport gives up on a whole file at its first unreadable record, which
# the two CAPI2 samples (entity references in attributes) and the forwarded-event samples (no dependency
# identifiers) hold, so they are left out; everything else of the edge cases and the SigmaHQ regression data goes in.
INPUTS="$WORK/inputs"
rm -rf "$INPUTS"
mkdir -p "$INPUTS"
for f in "$SHARED"/testdata/evtx/edge-cases/*.evtx; do
  case "$(basename "$f")" in
    *CAPI2*|MSExchange_Management_wec.evtx|issue_201.evtx) ;;
    *) ln -s "$f" "$INPUTS/" ;;
  esac
done
SPLICED="$WORK/spliced-${SIZE_MB}MB.evtx"
if [[ ! -f "$SPLICED" ]]; then
  MIN_RECORDS=40 python3 "$SHARED/tools/splice_evtx.py" "$SPLICED" "$SIZE_MB" "$INPUTS" \
      "$SHARED/testdata/sigma/regression_data" >&2
fi
BYTES=$(stat -c %s "$SPLICED")

./kagami --version >/dev/null   # builds the CLI if needed, outside the measurements

# run NAME OUTPUT COMMAND... : one timed run writing OUTPUT; appends "name wall user sys maxrss_kb" to
# $WORK/times.tsv. Before it, untimed, OUTPUT is deleted and everything written so far is written back (sync), so
# that no run pays for truncating its previous output, or competes with the write-back of another run's 1.5-2 GB.
run() {
  local name="$1"; shift
  local output="$1"; shift
  [[ "$output" == /dev/null ]] || rm -f "$output"
  sync
  /usr/bin/time -f "$name %e %U %S %M" -a -o "$WORK/times.tsv" "$@"
}

: > "$WORK/times.tsv"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for i in $(seq "$REPEAT"); do
  run evtxexport "$WORK/evtxexport.xml" sh -c "evtxexport -f xml '$SPLICED' > '$WORK/evtxexport.xml' 2>/dev/null"
  run kagami-t1 "$WORK/kagami.jsonl" sh -c "./kagami dump --format jsonl --threads 1 '$SPLICED' -o '$WORK/kagami.jsonl' 2> '$WORK/kagami-t1.err'"
  run kagami-t2 "$WORK/kagami.jsonl" sh -c "./kagami dump --format jsonl --threads 2 '$SPLICED' -o '$WORK/kagami.jsonl' 2> '$WORK/kagami-t2.err'"
  if [[ -n "${DEVNULL:-}" ]]; then
    # The tools' own work, without the kernel's page-cache copy of 1.5-2.3 GB of output (which on this VM costs
    # 1-4 s of system time, varying from run to run).
    run evtxexport-null /dev/null sh -c "evtxexport -f xml '$SPLICED' > /dev/null 2>/dev/null"
    run kagami-t1-null /dev/null sh -c "./kagami dump --format jsonl --threads 1 '$SPLICED' -o /dev/null 2>/dev/null"
    run kagami-t2-null /dev/null sh -c "./kagami dump --format jsonl --threads 2 '$SPLICED' -o /dev/null 2>/dev/null"
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

ORACLE_RECORDS=$(grep -c '^<Event ' "$WORK/evtxexport.xml" || true)
KAGAMI_RECORDS=$(grep -o '[0-9,]* records' "$WORK/kagami-t1.err" | tail -1 | tr -d ', records')
KAGAMI_LINES=$(wc -l < "$WORK/kagami.jsonl")
rm -f "$WORK/evtxexport.xml" "$WORK/kagami.jsonl"

python3 - "$WORK/times.tsv" "$BYTES" "$ORACLE_RECORDS" "$KAGAMI_RECORDS" "$KAGAMI_LINES" "$LOAD_BEFORE" "$LOAD_AFTER" \
    "$SPLICED" "$REPEAT" > "$WORK/dump-results.md" <<'PY'
import sys, subprocess, platform
times, size, oracle_records, kagami_records, kagami_lines, load_before, load_after, spliced, repeat = sys.argv[1:]
size = int(size); oracle_records = int(oracle_records); kagami_records = int(kagami_records)
runs = {}
for line in open(times):
    name, wall, user, sys_, rss = line.split()
    runs.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss)))
def best(name):
    r = runs[name]
    return min(x[0] for x in r), min(x[1] for x in r), max(x[2] for x in r)
def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except Exception:
        return "?"
cpu = sh("lscpu | sed -n 's/^Model name: *//p'") or platform.processor()
cores = sh("nproc")
mem = sh("awk '/MemTotal/ {printf \"%.1f GiB\", $2/1048576}' /proc/meminfo")
java = sh("java -version 2>&1 | head -1")
libevtx = sh("evtxexport -V 2>&1 | head -1")
ev = best("evtxexport"); k1 = best("kagami-t1"); k2 = best("kagami-t2")
mb = size / 1e6
def row(name, b, records):
    wall, cpu_s, rss = b
    return f"| {name} | {wall:.2f} | {cpu_s:.2f} | {mb / wall:.1f} | {records / wall:,.0f} | {rss / 1024:.0f} |"
print(f"# kagami dump vs evtxexport ({size / 2**20:.0f} MiB spliced file)\n")
print(f"- file: `{spliced}` ({size:,} bytes; chunks of the edge-case samples and SigmaHQ regression data, MIN_RECORDS=40)")
print(f"- records: evtxexport {oracle_records:,}, kagami {kagami_records:,} (JSON lines written: {int(kagami_lines):,})")
print(f"- machine: {cpu}, {cores} cores, {mem}; {java}; {libevtx}")
print(f"- load average before/after: {load_before} / {load_after} (other jobs share the machine)")
print(f"- best of {repeat} runs each, interleaved; CPU = user + sys of the whole process; RSS = peak resident set\n")
def table(suffix, ev, k1, k2):
    """The three tools' rows and the three ratios; `suffix` names where the output went."""
    print("| tool | wall s | CPU s | MB/s | records/s | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print(row(f"evtxexport -f xml{suffix}", ev, oracle_records))
    print(row(f"kagami dump --format jsonl --threads 1{suffix}", k1, kagami_records))
    print(row(f"kagami dump --format jsonl --threads 2{suffix}", k2, kagami_records))
    print()
    print(f"- kagami (1 thread) / evtxexport: **{ev[0] / k1[0]:.1f}x** by wall time, {ev[1] / k1[1]:.1f}x by CPU time")
    print(f"- kagami (2 threads) / evtxexport: **{ev[0] / k2[0]:.1f}x** by wall time")
    print(f"- kagami 2 threads / 1 thread: **{k1[0] / k2[0]:.2f}x** by wall time")
table("", ev, k1, k2)
if "evtxexport-null" in runs:
    print("\nOutput to /dev/null (the tools' own work, without the kernel's copy of the output into the page cache):\n")
    table(" > /dev/null", best("evtxexport-null"), best("kagami-t1-null"), best("kagami-t2-null"))
print("\nAll runs (name wall user+sys rss_kb):\n")
for name, r in runs.items():
    print(f"- {name}: " + "; ".join(f"{w:.2f}s {c:.2f}s {x}KB" for w, c, x in r))
PY
cat "$WORK/dump-results.md"

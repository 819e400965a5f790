#!/usr/bin/env bash
# What the launcher's JVM options cost and save (docs/BENCHMARKS.md, "Start-up and the launcher's JVM options").
#   bench/launcher.sh [SIZE_MB ...]        (default: 100 500)
# 1. Start-up: `./kagami --version` and `./kagami mail` on one message, 15 runs each, interleaved, with the previous
#    launcher options (C2 JIT, no class-data archive: KAGAMI_CDS=0 KAGAMI_JAVA_OPTS="-XX:+UseParallelGC -Xss4m") and
#    with the current ones (the command's AppCDS archive; C1 for mail).
# 2. Long runs: `kagami dump` of a spliced EVTX of each size (../shared/tools/splice_evtx.py over the edge-case
#    files) and `kagami hunt` with the bundled rules over that dump's JSON lines, with C2 (the default for these
#    commands) and with -XX:TieredStopAtLevel=1, two runs each, alternating; the AppCDS archive in both.
# Medians of wall and CPU (user + sys) time; writes bench/work/launcher/ and prints Markdown.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="$ROOT/../shared"
WORK="$ROOT/bench/work/launcher"
rm -rf "$WORK"; mkdir -p "$WORK"
if [[ $# -gt 0 ]]; then SIZES=("$@"); else SIZES=(100 500); fi
K="$ROOT/kagami"
MAIL="$SHARED/testdata/mail/phishing/sample-1266.eml"
BEFORE_ENV=(env KAGAMI_CDS=0 KAGAMI_JAVA_OPTS="-XX:+UseParallelGC -Xss4m")
T() { /usr/bin/time -f "$1 %e %U %S" -a -o "$WORK/times" "${@:2}"; }

(cd "$ROOT" && mvn -B -q -DskipTests package -pl kagami-cli -am >/dev/null)
"$K" --version >/dev/null; "$K" mail "$MAIL" >/dev/null || true   # the first runs after a build make the archives
for i in $(seq 15); do
  T "before-version" "${BEFORE_ENV[@]}" "$K" --version >/dev/null
  T "after-version" "$K" --version >/dev/null
  T "before-mail1" "${BEFORE_ENV[@]}" "$K" mail "$MAIL" >/dev/null || true
  T "after-mail1" "$K" mail "$MAIL" >/dev/null || true
done

C2="-XX:+UseParallelGC -Xss4m"
C1="-XX:+UseParallelGC -Xss4m -XX:TieredStopAtLevel=1"
for size in "${SIZES[@]}"; do
  evtx="$WORK/spliced-$size.evtx"
  python3 "$SHARED/tools/splice_evtx.py" "$evtx" "$size" "$SHARED/testdata/evtx/edge-cases" >/dev/null
  "$K" dump --format jsonl "$evtx" > "$WORK/spliced-$size.jsonl" 2>/dev/null || true
  for rep in 1 2; do
    for jit in C2 C1; do
      T "dump-$size-$jit" env KAGAMI_JAVA_OPTS="${!jit}" "$K" dump --format jsonl "$evtx" >/dev/null 2>&1 || true
      T "hunt-$size-$jit" env KAGAMI_JAVA_OPTS="${!jit}" "$K" hunt -o /dev/null "$WORK/spliced-$size.jsonl" \
          >/dev/null 2>&1 || true
    done
  done
  rm -f "$evtx" "$WORK/spliced-$size.jsonl"
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" \
  > "$WORK/machine.txt"

python3 - "$WORK" <<'EOF'
import collections, statistics, sys
from pathlib import Path
work = Path(sys.argv[1])
runs = collections.defaultdict(list)
for line in (work / "times").read_text().splitlines():
    label, wall, user, sys_ = line.split()
    runs[label].append((float(wall), float(user) + float(sys_)))
med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v), len(v)) for k, v in runs.items()}
print((work / "machine.txt").read_text().strip())
print()
print("| start-up | previous options: wall s, CPU s | current: wall s, CPU s | runs |")
print("| --- | --- | --- | --- |")
for what, label in (("version", "`./kagami --version`"), ("mail1", "`./kagami mail` one message")):
    b, a = med[f"before-{what}"], med[f"after-{what}"]
    print(f"| {label} | {b[0]:.2f}, {b[1]:.2f} | {a[0]:.2f}, {a[1]:.2f} | {a[2]} |")
print()
print("| long run | C2 (default): wall s, CPU s | C1 only: wall s, CPU s | C1 / C2 (wall, CPU) |")
print("| --- | --- | --- | --- |")
for key in sorted({k.rsplit("-", 1)[0] for k in med if k.startswith(("dump-", "hunt-"))},
                  key=lambda k: (int(k.split("-")[1]), k)):
    c2, c1 = med[f"{key}-C2"], med[f"{key}-C1"]
    cmd, size = key.split("-")
    what = f"`kagami dump` {size} MB EVTX" if cmd == "dump" else f"`kagami hunt` its {size} MB EVTX as JSON lines"
    print(f"| {what} | {c2[0]:.1f}, {c2[1]:.1f} | {c1[0]:.1f}, {c1[1]:.1f} | {c1[0] / c2[0]:.2f}, {c1[1] / c2[1]:.2f} |")
EOF

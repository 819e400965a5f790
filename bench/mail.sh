#!/usr/bin/env bash
# Quality and speed of `kagami mail` beside SpamAssassin on the same files, in the same run.
#   bench/mail.sh [TESTDATA_MAIL_DIR]      (default ../shared/testdata/mail)
# Writes bench/work/mail/* and prints the Markdown used in docs/BENCHMARKS.md (section "kagami mail").
#
# Both tools read all 200 messages in one process (SpamAssassin from an mbox: `spamassassin -L -t --mbox`,
# the same local rules as `spamassassin -L -t < MAIL`, without a Perl start per message). Wall time and CPU time
# (user + sys, from /usr/bin/time) are recorded: on a shared machine CPU time is the steadier measure.
# SA_EACH=1 also runs `spamassassin -L -t < MAIL` once per message (about 8 minutes here).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${1:-$ROOT/../shared/testdata/mail}"
WORK="$ROOT/bench/work/mail"
rm -rf "$WORK"; mkdir -p "$WORK"
command -v spamassassin >/dev/null || { echo "spamassassin is required (apt-get install spamassassin)" >&2; exit 2; }

(cd "$ROOT" && mvn -B -q -DskipTests package -pl kagami-cli -am >/dev/null)
# The launcher as users run it: for `mail`, C1 JIT and the command's AppCDS archive (see ./kagami). The archive is
# made by the first run after a build, so one untimed run comes first; it stores class metadata, not results.
KAGAMI=("$ROOT/kagami" mail --format jsonl)
# The launcher's defaults before the start-up work (C2, no archive), and the archive alone (C2 with AppCDS).
BEFORE=(java -XX:+UseParallelGC -Xss4m -jar "$ROOT/kagami-cli/target/kagami-cli.jar" mail --format jsonl)
C2CDS=(env KAGAMI_JAVA_OPTS="-XX:+UseParallelGC -Xss4m" "$ROOT/kagami" mail --format jsonl)
TIME=(/usr/bin/time -f "%e %U %S")

files=("$DATA"/phishing/*.eml "$DATA"/ham/*.eml)
echo "${#files[@]}" > "$WORK/count"
"${KAGAMI[@]}" --threads 1 "${files[@]}" > /dev/null
"${TIME[@]}" -o "$WORK/kagami-t1.time" "${KAGAMI[@]}" --threads 1 "${files[@]}" > "$WORK/kagami-default.jsonl"
"${TIME[@]}" -o "$WORK/kagami-t2.time" "${KAGAMI[@]}" --threads 2 "${files[@]}" > /dev/null
"${TIME[@]}" -o "$WORK/kagami-before.time" "${BEFORE[@]}" --threads 1 "${files[@]}" > "$WORK/kagami-before.jsonl"
"${TIME[@]}" -o "$WORK/kagami-c2cds.time" "${C2CDS[@]}" --threads 1 "${files[@]}" > /dev/null
"${KAGAMI[@]}" --org "$ROOT/bench/mail-org-m365.conf" "${files[@]}" > "$WORK/kagami-m365.jsonl"

: > "$WORK/all.mbox"
for f in "${files[@]}"; do
  echo "From kagami-bench@localhost Thu Jan  1 00:00:00 1970" >> "$WORK/all.mbox"
  # the message itself, without its own mbox separator line; body lines starting "From " are quoted (mboxrd)
  sed -e '1{/^From /d}' -e 's/^\(>*From \)/>\1/' "$f" >> "$WORK/all.mbox"; echo >> "$WORK/all.mbox"
  echo "$f" >> "$WORK/mbox-order.txt"
done
"${TIME[@]}" -o "$WORK/sa-mbox.time" spamassassin -L -t --mbox < "$WORK/all.mbox" > "$WORK/sa-mbox.out" 2>/dev/null || true

# Throughput over 1,000 messages (the 200, five times) so that neither tool's start-up dominates.
REPEAT=5
many=(); for i in $(seq $REPEAT); do many+=("${files[@]}"); done
"${TIME[@]}" -o "$WORK/kagami-1000.time" "${KAGAMI[@]}" --threads 1 "${many[@]}" > /dev/null
"${TIME[@]}" -o "$WORK/kagami-before-1000.time" "${BEFORE[@]}" --threads 1 "${many[@]}" > /dev/null
for i in $(seq $REPEAT); do cat "$WORK/all.mbox"; done > "$WORK/all-1000.mbox"
"${TIME[@]}" -o "$WORK/sa-1000.time" spamassassin -L -t --mbox < "$WORK/all-1000.mbox" > /dev/null 2>&1 || true

if [[ "${SA_EACH:-}" == "1" ]]; then
  start=$(date +%s.%N)
  for f in "${files[@]}"; do
    echo "$f	$(spamassassin -L -t < "$f" 2>/dev/null | grep -m1 -i '^X-Spam-Status:' || true)" >> "$WORK/sa-each.txt"
  done
  echo "$(date +%s.%N) - $start" | bc > "$WORK/sa-each.seconds"
fi
{ echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"; } > "$WORK/machine.txt"
python3 "$ROOT/bench/mail_report.py" "$WORK"

#!/usr/bin/env bash
# JMH benchmarks of the EVTX reader's hot path (kagami-evtx/src/jmh/java), built with the `bench` profile so
# they stay out of the normal build. usage: bench/jmh.sh [JMH options, e.g. -p sample=sysmon.evtx:1 renderJson]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -B -q -Pbench -DskipTests test-compile dependency:build-classpath -pl kagami-evtx -am \
    -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >&2
CP="$ROOT/kagami-evtx/target/test-classes:$ROOT/kagami-evtx/target/classes:$(cat "$CP_FILE")"
exec java -Dkagami.shared="$ROOT/../shared" -cp "$CP" org.openjdk.jmh.Main "$@"

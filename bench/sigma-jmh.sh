#!/usr/bin/env bash
# JMH benchmarks of the Sigma engine (kagami-sigma, profile "jmh"): events/s with all SigmaHQ rules vs none, and
# the time to load + compile all rules. Usage: bench/sigma-jmh.sh [JMH options, e.g. -prof gc]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="${KAGAMI_SHARED:-$ROOT/../shared}"
cd "$ROOT"
mvn -B -q -P jmh -DskipTests -Djqwik.skip=true package -pl kagami-sigma -am >&2
CP="kagami-sigma/target/classes:$(cat kagami-sigma/target/jmh-classpath.txt)"
exec java -Dkagami.shared="$SHARED" -cp "$CP" org.openjdk.jmh.Main kagami.sigma.bench "$@"

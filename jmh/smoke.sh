#!/usr/bin/env bash
# CI smoke run: proves benchmarks.jar starts and one benchmark completes (a few seconds).
# Not a measurement. Needs the shaded jar, which 'mvn -B verify' (or package) at the root builds.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  echo "no $jar: run 'mvn -B verify' at the repository root first" >&2
  exit 1
fi
exec java -jar "$jar" 'SpanLifecycleBenchmark\.startAndEnd$' \
  -p capture=SPANPROOF -p attributes=FOUR -p parent=ROOT -p sessions=SHARED \
  -f 1 -wi 0 -i 1 -r 1s -foe true

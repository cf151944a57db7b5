#!/usr/bin/env bash
# Full measurement of the spanproof JMH suites. Expected run time: about 34 minutes
# (79 benchmark/parameter combinations, 2 forks each, 1 s iterations; see docs/benchmarks.md).
#
# Run on a quiet machine: nothing else busy, laptop on mains power. Needs the shaded jar:
#   mvn -B -q -pl jmh -am package -DskipTests      (or mvn -B verify at the root)
#   jmh/run-benchmarks.sh                          -> jmh/results/*.json, *.txt, *.png
#
# Extra arguments go to every JMH invocation, e.g. jmh/run-benchmarks.sh -f 3 for more forks.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
out="$here/results"
if [[ ! -f "$jar" ]]; then
  echo "no $jar: build it with 'mvn -B -q -pl jmh -am package -DskipTests'" >&2
  exit 1
fi
mkdir -p "$out"

run() {
  local name="$1"
  shift
  echo "== $name: $*" >&2
  java -jar "$jar" "$@" -rf json -rff "$out/$name.json" "${extra[@]}" | tee "$out/$name.txt"
}
extra=("$@")

# Span lifecycle, one thread, every capture, 0/4/16 attributes, each span a new trace (~6.3 min).
run lifecycle-root 'SpanLifecycleBenchmark\.startAndEnd$' -p parent=ROOT -p sessions=SHARED -prof gc
# The same under one long-lived parent, as most spans of a test are (~2.1 min).
run lifecycle-child 'SpanLifecycleBenchmark\.startAndEnd$' -p parent=CHILD -p attributes=FOUR -p sessions=SHARED -prof gc
# Two threads sharing one harness and exporter; one shared session, or one session each (~4.2 min).
run lifecycle-2threads 'SpanLifecycleBenchmark\.startAndEndTwoThreads$' -p parent=ROOT -p attributes=FOUR -prof gc
# Start stacks at JMH depth and 60 frames deeper against NOOP and Simple + InMemory, and the stack capture alone (~5.8 min).
run start-stacks 'StartStackBenchmark|StackCaptureBenchmark' -prof gc
# Trees and assertion chains over 10 / 1,000 / 100,000 spans (~3.6 min).
run trees 'TraceTreeBenchmark' -prof gc
# Per-test cost of the JUnit extensions through the JUnit Platform Launcher (~3.3 min).
run extension 'ExtensionOverheadBenchmark' -prof gc
# Trace-context validation vs OpenTelemetry's extraction, valid and invalid headers (~3.4 min).
run propagation 'PropagationBenchmark' -prof gc
# Strict context handling: one makeCurrent/close pair with and without the scope wrapper, and per
# test through the Launcher with and without it; each variant in forks of its own (~5 min).
run scope-strictness 'ScopeStorageBenchmark|ScopeStrictnessPerTestBenchmark' -prof gc

"$here/chart/chart.sh" "$out"/*.json
echo "results and charts in $out" >&2

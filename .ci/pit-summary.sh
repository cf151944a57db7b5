#!/usr/bin/env bash
# Prints one line per module from the XML reports that mvn -B verify -Pmutation leaves in
# <module>/target/pit-reports/mutations.xml: mutations, killed (PIT's "detected": killed, timed
# out or crashed the test JVM), no coverage, mutation score and test strength (killed among the
# mutants some test reached). Modules without a report are named, not skipped silently.
set -euo pipefail
cd "$(dirname "$0")/.."

printf '%-22s %9s %7s %11s %6s %9s\n' module mutations killed no-coverage score strength
# The modules to report: those given, else all four.
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
  modules=(harness-core assertions junit-extension wiremock-propagation)
fi
for module in "${modules[@]}"; do
  report="$module/target/pit-reports/mutations.xml"
  if [ ! -f "$report" ]; then
    printf '%-22s no report at %s\n' "$module" "$report"
    continue
  fi
  # One <mutation ...> element per mutant; PIT writes the attributes with single quotes.
  total=$(grep -o "<mutation " "$report" | wc -l)
  killed=$(grep -oE "detected=['\"]true['\"]" "$report" | wc -l)
  uncovered=$(grep -oE "status=['\"]NO_COVERAGE['\"]" "$report" | wc -l)
  awk -v m="$module" -v t="$total" -v k="$killed" -v u="$uncovered" 'BEGIN {
    score = t > 0 ? 100 * k / t : 0
    strength = t - u > 0 ? 100 * k / (t - u) : 0
    printf "%-22s %9d %7d %11d %5.1f%% %8.1f%%\n", m, t, k, u, score, strength
  }'
done

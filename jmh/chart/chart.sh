#!/usr/bin/env bash
# Turns JMH JSON results into PNG bar charts with error bars: results/x.json -> results/x.png.
# Pure JDK (java.awt in headless mode): no Python packages needed.
# With --summary first: prints markdown tables (overhead above NOOP, ratio, per-test cost) instead.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ $# -eq 0 ]]; then
  echo "usage: $0 result.json..." >&2
  exit 2
fi
exec java -Djava.awt.headless=true "$here/JmhChart.java" "$@"

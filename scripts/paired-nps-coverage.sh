#!/usr/bin/env bash
# Large-scale coverage of the paired NPS intervals (docs/nps.md §Paired waves): score and paired Wald against the Wald
# interval on the independent-samples SE, two scenarios × n = 30, 100, 535, 2000, seed 20261206 + scenario.
# Usage: scripts/paired-nps-coverage.sh [replicates, default 20000]  (prints one line per scenario and n)
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-20000}"
dotnet build tests/TrustMetrics.Tests -c Release >/dev/null
TM_PAIRED_COVERAGE_REPS="$reps" dotnet test tests/TrustMetrics.Tests -c Release --no-build \
  --filter "FullyQualifiedName~PairedNpsTests.Score_interval_covers" --logger "console;verbosity=detailed" | grep "scenario"

#!/usr/bin/env bash
# Full coverage run of the 90 % purchase-count interval (issue 14 item 2; docs/clv.md §15): 200 seeded BG/NBD panels × 400
# customers (FHL's CDNOW parameters, 39-week holdout), BG/NBD refitted per panel. Prints one "coverage …" line.
# Third argument "value": the 90 % CLV interval instead (BG/NBD + Gamma–Gamma panels, 9-month horizon, both models refitted),
# e.g. scripts/clv-interval-coverage.sh 200 400 value
# Needs a Release build of the tests: dotnet build tests/TrustMetrics.Tests -c Release
set -euo pipefail
cd "$(dirname "$0")/.."
TRUSTMETRICS_COVERAGE_PANELS="${1:-200}" TRUSTMETRICS_COVERAGE_CUSTOMERS="${2:-400}" \
  dotnet test tests/TrustMetrics.Tests -c Release --no-build \
  --filter "$( [ "${3:-count}" = value ] && echo "FullyQualifiedName~ValueIntervalTests.Ninety_percent_clv_interval_covers_the_realised_holdout_value" || echo "FullyQualifiedName~PredictionIntervalTests.Ninety_percent_interval_covers_the_holdout_count" )" \
  --logger "console;verbosity=normal" | grep -E "^coverage|Passed|Failed"

#!/usr/bin/env bash
# False-alarm rate of the report's monitors on null streams (MonitorFalseAlarmTests at scale): RUNS runs (default 1000), seed 20261206.
# Usage: benchmarks/cli/report-monitor-false-alarms.sh [RUNS]   (builds tests/TrustMetrics.Cli.Tests in Release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/TrustMetrics.Cli.Tests -c Release -v q >/dev/null
TRUSTMETRICS_FALSE_ALARM_RUNS="${1:-1000}" dotnet test tests/TrustMetrics.Cli.Tests -c Release --no-build \
  --filter "FullyQualifiedName~MonitorFalseAlarmTests" --logger "console;verbosity=detailed" | grep -E "^ *runs [0-9]+:" | head -1

#!/usr/bin/env bash
# False-alarm rate of the report's monitors on null streams (MonitorFalseAlarmTests at scale): RUNS runs (default 1000), seed 20261206.
# CUSUM/GLR run with thresholds guaranteed for the estimated baseline (EstimatedBaseline, Gandy & Kvaløy 2013); the month-versus-baseline
# test at (α/2)/(4 series · months) per look. A run is one null file (three groups + everyone); the line gives the share of runs with any
# alarm and its 95% Wilson interval.
# Usage: benchmarks/cli/report-monitor-false-alarms.sh [RUNS]   (builds tests/TrustMetrics.Cli.Tests in Release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/TrustMetrics.Cli.Tests -c Release -v q >/dev/null
log="$(mktemp)"
TRUSTMETRICS_FALSE_ALARM_RUNS="${1:-1000}" dotnet test tests/TrustMetrics.Cli.Tests -c Release --no-build \
  --filter "FullyQualifiedName~MonitorFalseAlarmTests" --logger "console;verbosity=detailed" >"$log" 2>&1 || true
if ! grep -E "runs [0-9]+:" "$log" | head -1; then
  tail -40 "$log"
fi
rm -f "$log"

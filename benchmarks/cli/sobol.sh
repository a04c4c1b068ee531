#!/usr/bin/env bash
# Cost of `trust-index --sobol N` (sampling vs method, issue 15 item 8): whole-process wall time and peak RSS of the same
# trust-index run with and without --sobol, interleaved in every round so both see the same machine load; medians of RUNS.
#
#   benchmarks/cli/sobol.sh [RUNS=3] [N=1024]
#
# Inputs: the embedded sample company (src/TrustMetrics.Cli/Sample/survey.csv, 4,000 respondents) and 100,000 generated
# respondents (gen_trust.py). Uses the Release build of the CLI (built here if missing). Outputs in $BENCH_DIR.
set -euo pipefail
runs=${1:-3} n=${2:-1024}
repo=$(cd "$(dirname "$0")/../.." && pwd)
dir=${BENCH_DIR:-/tmp/trustmetrics-sobol-bench}
mkdir -p "$dir"
dll="$repo/src/TrustMetrics.Cli/bin/Release/net10.0/TrustMetrics.Cli.dll"
[ -f "$dll" ] || dotnet build "$repo/src/TrustMetrics.Cli" -c Release >/dev/null
[ -f "$dir/trust_100k.csv" ] || /usr/bin/python3 "$repo/benchmarks/cli/gen_trust.py" "$dir/trust_100k.csv" 100000

measure() { # label, args…
  local label=$1; shift
  /usr/bin/time -v dotnet "$dll" trust-index "$@" --format json --output "$dir/$label.json" 2> "$dir/$label.time" >/dev/null
  local wall rss
  wall=$(grep "Elapsed (wall clock)" "$dir/$label.time" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep "Maximum resident" "$dir/$label.time" | awk '{print $NF}')
  echo "$label $wall $rss" >> "$dir/results.txt"
}

: > "$dir/results.txt"
for input in "$repo/src/TrustMetrics.Cli/Sample/survey.csv:sample" "$dir/trust_100k.csv:100k"; do
  file=${input%%:*} name=${input##*:}
  for r in $(seq "$runs"); do
    measure "$name-plain" --input "$file" --group segment --bootstrap 200
    measure "$name-sobol" --input "$file" --group segment --bootstrap 200 --sobol "$n"
  done
done

echo "medians over $runs runs (wall s, peak RSS KB); --sobol $n, 200 resamples, 200 replicates:"
for label in sample-plain sample-sobol 100k-plain 100k-sobol; do
  grep "^$label " "$dir/results.txt" | awk '{print $2, $3}' | sort -n | awk -v l="$label" '{w[NR]=$1; m[NR]=$2} END {print l, w[int((NR+1)/2)], m[int((NR+1)/2)]}'
done

#!/usr/bin/env bash
# Whole-process timing of `trustmetrics clv predict --interval 0.9` against `trustmetrics clv fit` on the same file (issue 14
# item 5: "clv predict --interval on the same file within 3× of the fit"): the peers' bgnbd_1000000.csv, 1,000,000 customers,
# 985,394 distinct (x, t_x, T) rows.
#
#   benchmarks/cli/clv-predict-interval.sh [RUNS]     (default 3 interleaved rounds)
#
# Runs the Release build of the CLI (src/TrustMetrics.Cli/bin/Release/net10.0/TrustMetrics.Cli, JIT; built first unless
# NOBUILD=1), or TRUSTMETRICS=PATH: that binary instead, e.g. the tool as `dotnet tool install` gives it on linux-x64 (Native AOT:
# scripts/pack-tool.sh FEED TOOL, then TRUSTMETRICS=TOOL/trustmetrics). Each round: fit, then predict --interval (BG/NBD,
# horizon 39), then predict without intervals (the floor the intervals add to), back to back so all see the same load. Reported: median wall time, CPU time (user + sys) and peak RSS
# (/usr/bin/time), the load average before and after, and the ratio predict/fit of the medians. OUT (default /tmp/clv-predict-bench).
set -euo pipefail
runs=${1:-3}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
file=${PEERS_DIR:-/work/peers}/synth/bgnbd_1000000.csv
out=${OUT:-/tmp/clv-predict-bench}
mkdir -p "$out"
if [[ -n ${TRUSTMETRICS:-} ]]; then
  cli=$TRUSTMETRICS
else
  [[ ${NOBUILD:-0} == 1 ]] || dotnet build "$root/src/TrustMetrics.Cli" -c Release > "$out/build.log" 2>&1 || { tail -n 30 "$out/build.log"; exit 1; }
  cli=$root/src/TrustMetrics.Cli/bin/Release/net10.0/TrustMetrics.Cli
fi
echo "ours: $cli"
run() { # name command...
  local name=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o "$out/$name.time" "$@" > "$out/$name.out" 2> "$out/$name.err" || { cat "$out/$name.err"; exit 1; }
  read -r wall rss user system < "$out/$name.time"
  echo "$wall" >> "$out/$name.walls"; echo "$rss" >> "$out/$name.rss"; echo "$user + $system" | bc -l >> "$out/$name.cpu"
  printf '  %-28s %6.2f s %7.0f MB  (CPU %.2f s user + %.2f s sys)\n' "$name" "$wall" "$(echo "$rss / 1024" | bc -l)" "$user" "$system"
}
rm -f "$out"/*.walls "$out"/*.rss "$out"/*.cpu
echo "== $runs interleaved rounds on $file (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
for ((i = 1; i <= runs; i++)); do
  echo "round $i"
  run fit "$cli" clv fit --input "$file" --model bgnbd --format json
  run predict-interval "$cli" clv predict --input "$file" --model bgnbd --horizon 39 --interval 0.9 --output "$out/predictions.csv"
  run predict-point "$cli" clv predict --input "$file" --model bgnbd --horizon 39 --output "$out/points.csv"
done
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
fit=$(median "$out/fit.walls"); predict=$(median "$out/predict-interval.walls")
echo "== medians (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
fitcpu=$(median "$out/fit.cpu"); predictcpu=$(median "$out/predict-interval.cpu")
printf '  fit %.2f s (%.2f s CPU, %.0f MB), predict --interval %.2f s (%.2f s CPU, %.0f MB): ratio %.2f wall, %.2f CPU (target ≤ 3 wall)\n' \
  "$fit" "$fitcpu" "$(echo "$(median "$out/fit.rss") / 1024" | bc -l)" "$predict" "$predictcpu" "$(echo "$(median "$out/predict-interval.rss") / 1024" | bc -l)" \
  "$(echo "$predict / $fit" | bc -l)" "$(echo "$predictcpu / $fitcpu" | bc -l)"
point=$(median "$out/predict-point.walls")
printf '  predict without intervals %.2f s (%.0f MB): ratio to the fit %.2f; the intervals cost %.2f× the point predictions\n' \
  "$point" "$(echo "$(median "$out/predict-point.rss") / 1024" | bc -l)" "$(echo "$point / $fit" | bc -l)" "$(echo "$predict / $point" | bc -l)"

#!/usr/bin/env bash
# Whole-process timing of `trustmetrics clv fit --model bgnbd` against lifetimes on the peers' real-shaped summary
# (issue 14 item 5): 1,000,000 customers, 985,394 distinct (x, t_x, T) rows, 6-decimal recency and T.
#
#   benchmarks/cli/clv-fit.sh [RUNS]          (default 3 rounds; run from anywhere inside the repository)
#
# Each round runs, back to back so all three see the same load: lifetimes (fit_once.py), ours as a user runs it after
# `dotnet tool install` (packed from this tree by scripts/pack-tool.sh into a local feed and installed with --tool-path: the
# Native AOT binary on linux-x64), and the portable fallback package TrustMetrics.Cli.any (JIT, what other platforms get).
# Reported: median wall time and median peak RSS (/usr/bin/time), the ratio lifetimes/ours of the medians, the parameters
# each printed, and the load average.
# Environment: PEERS_DIR (default /work/peers), PEERS_SCRIPTS (default /work/shared/peers), OUT (default /tmp/clv-fit-bench),
# REBUILD=1 to repack even when OUT already holds the installed tool and the portable package.
set -euo pipefail
runs=${1:-3}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
export PEERS_DIR=${PEERS_DIR:-/work/peers}
export PYTHONPATH=${PYTHONPATH:-$PEERS_DIR/lifetimes:$PEERS_DIR/autograd}
scripts=${PEERS_SCRIPTS:-/work/shared/peers}
file=$PEERS_DIR/synth/bgnbd_1000000.csv
out=${OUT:-/tmp/clv-fit-bench}
mkdir -p "$out"
case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac

tool=$out/tool/trustmetrics portable=$out/portable/trustmetrics
if [[ ! -x $tool || ! -x $portable || ${REBUILD:-0} == 1 ]]; then
  echo "== packing the tool into $out/feed (scripts/pack-tool.sh) and installing it with dotnet tool install --tool-path $out/tool"
  rm -rf "$out/feed" "$out/portable"
  "$root/scripts/pack-tool.sh" "$out/feed" "$out/tool" "$out/portable" > "$out/pack.log" 2>&1 || { tail -n 30 "$out/pack.log"; exit 1; }
  tail -n 2 "$out/pack.log"
fi

declare -A names=([lifetimes]="lifetimes 0.11.3 (fit_once.py)" [tool]="trustmetrics (dotnet tool install)" [portable]="trustmetrics (portable, TrustMetrics.Cli.any)")
run() { # name command...
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" > "$out/$name.out" 2> "$out/$name.err" || { cat "$out/$name.err"; exit 1; }
  read -r wall rss < "$out/$name.time"
  echo "$wall" >> "$out/$name.walls"; echo "$rss" >> "$out/$name.rss"
  printf '  %-36s %6.2f s %7.0f MB\n' "${names[$name]}" "$wall" "$(echo "$rss / 1024" | bc -l)"
}
rm -f "$out"/*.walls "$out"/*.rss
echo "== $runs interleaved rounds on $file (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
for ((i = 1; i <= runs; i++)); do
  echo "round $i"
  run lifetimes /usr/bin/python3 "$scripts/fit_once.py" bgnbd "$file"
  run tool "$tool" clv fit --input "$file" --model bgnbd --format json
  run portable "$portable" clv fit --input "$file" --model bgnbd --format json
done
median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "== medians of $runs rounds (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
base=$(median "$out/lifetimes.walls")
for name in lifetimes tool portable; do
  wall=$(median "$out/$name.walls"); rss=$(median "$out/$name.rss")
  printf '%-36s %6.3f s  %6.0f MB peak  lifetimes/ours %5.1fx\n' "${names[$name]}" "$wall" "$(echo "$rss / 1024" | bc -l)" "$(echo "$base / $wall" | bc -l)"
done
echo "== what each printed (last round)"
cat "$out/lifetimes.out"
sed -n '/"parameters"/,/}/p;/"logLikelihood"/p' "$out/tool.out" | tr -s ' ' | tr -d '\n'; echo

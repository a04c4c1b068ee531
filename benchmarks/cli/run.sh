#!/usr/bin/env bash
# Whole-process speed and memory of the trustmetrics command against its peers, in the same run (issue 17, item 5).
#
#   benchmarks/cli/run.sh [--runs N] [--no-portable] [--no-build] [--only km|clv|nps]
#
# Packs the tool as it ships (scripts/pack-tool.sh) and installs it with `dotnet tool install --tool-path`, which on linux-x64
# gives the Native AOT binary ("tool"); "portable" is the TrustMetrics.Cli.any package that other platforms get (JIT,
# installed by its own id). Then runs each job N times (default 3), interleaving
# tool / portable / peer in every round so all see the same machine load, and prints the medians of wall time and peak RSS
# (`/usr/bin/time -v`) with the ratios peer ÷ ours. Outputs go to $BENCH_DIR (default /tmp/trustmetrics-cli-bench).
# Needs the peers of /work/shared/peers/README.md: PEERS_DIR (default /work/peers) with synth/km_1m.csv and
# synth/tx_200k.csv, R with survival, Debian python3 with pandas; PEERS_SCRIPTS (default /work/shared/peers).
# About 6–8 minutes on the idle 2-core machine (the Native AOT pack is about half of it); --no-portable skips the portable runs.
set -euo pipefail

runs=3 with_portable=1 build=1 only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --no-portable) with_portable=0; shift ;;
    --no-build) build=0; shift ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 1 ;;
  esac
done

repo=$(cd "$(dirname "$0")/../.." && pwd)
export PEERS_DIR=${PEERS_DIR:-/work/peers}
scripts=${PEERS_SCRIPTS:-/work/shared/peers}
export PYTHONPATH=${PYTHONPATH:-$PEERS_DIR/lifetimes:$PEERS_DIR/autograd}
out=${BENCH_DIR:-/tmp/trustmetrics-cli-bench}
py=/usr/bin/python3
mkdir -p "$out"
km="$PEERS_DIR/synth/km_1m.csv" tx="$PEERS_DIR/synth/tx_200k.csv" survey="$out/survey_200mb.csv"
for f in "$km" "$tx"; do [ -f "$f" ] || { echo "missing $f (see $scripts/README.md)" >&2; exit 1; }; done

tool="$out/tool/trustmetrics" portable="$out/portable/trustmetrics"
if [ "$build" = 1 ]; then
  echo "== packing the tool (scripts/pack-tool.sh) and installing it with dotnet tool install"
  rm -rf "$out/nupkg" "$out/portable"
  "$repo/scripts/pack-tool.sh" "$out/nupkg" "$out/tool" "$out/portable" > "$out/pack.log" 2>&1 || { tail -n 20 "$out/pack.log"; exit 1; }
  tail -n 2 "$out/pack.log"
fi
[ -x "$tool" ] || { echo "no tool at $tool: run without --no-build" >&2; exit 1; }
if [ "$with_portable" = 1 ] && [ ! -x "$portable" ]; then echo "no portable tool at $portable: run without --no-build, or with --no-portable" >&2; exit 1; fi

if [ ! -f "$survey" ] && { [ -z "$only" ] || [ "$only" = nps ]; }; then
  echo "== generating the 200 MB survey CSV"
  "$py" "$repo/benchmarks/cli/gen_survey.py" "$survey" 200
fi

# measure NAME CMD...: one run; appends "NAME wall_s rss_kb" to $out/times.txt; stdout/stderr to $out/NAME.log.
measure() {
  local name=$1; shift
  /usr/bin/time -v -o "$out/$name.time" "$@" > "$out/$name.log" 2>&1 || { echo "FAILED: $*" >&2; tail -n 5 "$out/$name.log" >&2; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/$name.time")
  echo "$name $wall $rss" >> "$out/times.txt"
}

: > "$out/times.txt"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)   ($(nproc) cores, $runs rounds, interleaved)"
for round in $(seq 1 "$runs"); do
  echo "-- round $round"
  if [ -z "$only" ] || [ "$only" = km ]; then
    measure km.tool "$tool" survival --input "$km" --duration time --event event --format json --output "$out/km.tool.json"
    if [ "$with_portable" = 1 ]; then measure km.portable "$portable" survival --input "$km" --duration time --event event --format json --output "$out/km.portable.json"; fi
    measure km.peer Rscript "$scripts/km_table_once.R" "$km" "$out/km.peer.csv"
  fi
  if [ -z "$only" ] || [ "$only" = clv ]; then
    measure clv.tool "$tool" clv summarize --input "$tx" --customer customer_id --date date --amount amount --unit week --output "$out/clv.tool.csv"
    if [ "$with_portable" = 1 ]; then measure clv.portable "$portable" clv summarize --input "$tx" --customer customer_id --date date --amount amount --unit week --output "$out/clv.portable.csv"; fi
    measure clv.peer "$py" "$scripts/summary_once.py" "$tx" "$out/clv.peer.csv"
  fi
  if [ -z "$only" ] || [ "$only" = nps ]; then
    measure nps.tool "$tool" nps --input "$survey" --column score --group segment --format json --output "$out/nps.tool.json"
    if [ "$with_portable" = 1 ]; then measure nps.portable "$portable" nps --input "$survey" --column score --group segment --format json --output "$out/nps.portable.json"; fi
  fi
done
echo "== load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

# The outputs agree with the peers (same rows; the CLV summary value by value).
if [ -z "$only" ] || [ "$only" = km ]; then
  ours=$(grep -c '"atRisk"' "$out/km.tool.json"); theirs=$(($(wc -l < "$out/km.peer.csv") - 1))
  echo "check km: our table has $ours rows, R's $theirs"
fi
if [ -z "$only" ] || [ "$only" = clv ]; then
  "$py" - "$out/clv.tool.csv" "$out/clv.peer.csv" <<'PY'
import sys
import pandas as pd
ours = pd.read_csv(sys.argv[1]).set_index("customer_id").sort_index()
peer = pd.read_csv(sys.argv[2]).set_index("customer_id").sort_index()
same_ids = ours.index.equals(peer.index)
worst = max(((ours[c] - peer[c]).abs() / peer[c].abs().clip(lower=1)).max() for c in ["frequency", "recency", "T", "monetary_value"])
print(f"check clv: {len(ours)} customers (lifetimes {len(peer)}), same ids: {same_ids}, largest relative difference {worst:.2e}")
PY
fi

# Medians and ratios.
awk -v limits="km:200 clv:100 nps:64" '
  { split($1, p, "."); job = p[1]; who = p[2]; key = job SUBSEP who; n[key]++; wall[key, n[key]] = $2; rss[key, n[key]] = $3; jobs[job] = 1; whos[key] = 1 }
  function median(arr, key, count,   i, j, t, v) {
    for (i = 1; i <= count; i++) v[i] = arr[key, i]
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return count % 2 ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
  }
  END {
    split(limits, l, " "); for (i in l) { split(l[i], q, ":"); cap[q[1]] = q[2] }
    printf "\n%-5s %-9s %9s %9s %14s %14s %s\n", "job", "binary", "wall s", "RSS MB", "peer/ours wall", "peer/ours RSS", "RSS goal"
    split("km clv nps", order, " ")
    for (o = 1; o <= 3; o++) {
      job = order[o]; if (!(job in jobs)) continue
      pk = job SUBSEP "peer"; hasPeer = (pk in whos)
      if (hasPeer) { pw = median(wall, pk, n[pk]); pr = median(rss, pk, n[pk]) / 1024 }
      split("tool portable peer", bins, " ")
      for (b = 1; b <= 3; b++) {
        key = job SUBSEP bins[b]; if (!(key in whos)) continue
        w = median(wall, key, n[key]); r = median(rss, key, n[key]) / 1024
        ratioW = (hasPeer && bins[b] != "peer") ? sprintf("%.1f×", pw / w) : "–"
        ratioR = (hasPeer && bins[b] != "peer") ? sprintf("%.2f×", pr / r) : "–"
        goal = bins[b] == "peer" ? "" : sprintf("≤ %d MB: %s", cap[job], r <= cap[job] ? "met" : "NOT met")
        printf "%-5s %-9s %9.2f %9.1f %14s %14s %s\n", job, bins[b], w, r, ratioW, ratioR, goal
      }
    }
    print "\nkm: survival --format json --output on km_1m.csv vs Rscript km_table_once.R; clv: clv summarize --unit week on tx_200k.csv vs"
    print "lifetimes summary_once.py (freq W); nps: nps --group segment --format json on the 200 MB survey CSV (no peer: the goal is memory)."
    print "tool = `dotnet tool install` (Native AOT on linux-x64); portable = the TrustMetrics.Cli.any fallback (JIT). Medians of the rounds above."
  }' "$out/times.txt"

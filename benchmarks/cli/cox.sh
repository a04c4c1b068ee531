#!/usr/bin/env bash
# Whole-process timing of `trustmetrics cox` against R survival's coxph, interleaved (ours, R, ours, R, …) so both see the
# same machine load; /usr/bin/time -v gives wall time and peak memory (max RSS). Prints every run, the medians and the ratio.
#
#   benchmarks/cli/cox.sh [RUNS]            (default 3; from the repository root)
#   CASES=tv benchmarks/cli/cox.sh 3         (only one case: CASES="1m tv" is the default)
#
# Cases: (1) /work/peers/synth/cox_1m_10.csv (gen_cox.py 1000000 10: 1M customers × 10 covariates, Efron ties) against
# /work/shared/peers/cox_once.R; (2) 100,000 customers × 3 (start, stop] rows with time-varying covariates
# (benchmarks/cli/gen_cox_tv.py, generated into $OUT if missing) against benchmarks/cli/cox_tv_once.R.
# Ours is the Release build of the CLI (JIT): built (incrementally) first, so the timing is of the current source; NO_BUILD=1
# skips the build. TRUSTMETRICS=PATH times that binary instead, e.g. the tool as `dotnet tool install` gives it on linux-x64
# (Native AOT: scripts/pack-tool.sh FEED TOOL, then TRUSTMETRICS=TOOL/trustmetrics).
set -euo pipefail
RUNS=${1:-3}
CASES=${CASES:-1m tv}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PEERS_DIR=${PEERS_DIR:-/work/peers}
SHARED=${SHARED:-/work/shared}
OUT=${OUT:-/tmp/cox-bench}
mkdir -p "$OUT"
if [ -n "${TRUSTMETRICS:-}" ]; then
  CLI=$TRUSTMETRICS
else
  CLI="$ROOT/src/TrustMetrics.Cli/bin/Release/net10.0/TrustMetrics.Cli"
  [ "${NO_BUILD:-0}" = 1 ] && [ -x "$CLI" ] || dotnet build "$ROOT/src/TrustMetrics.Cli" -c Release >/dev/null
fi
echo "ours: $CLI"
BIG="$PEERS_DIR/synth/cox_1m_10.csv"
TV="$OUT/cox_tv_100k.csv"
[ -f "$TV" ] || /usr/bin/python3 "$ROOT/benchmarks/cli/gen_cox_tv.py" 100000 "$TV"

measure() { # label logfile command… : appends "label wall_s maxrss_kb cpu_s" to $OUT/results.txt (cpu = user + sys)
  local label=$1 log=$2; shift 2
  /usr/bin/time -v "$@" > "$log.out" 2> "$log.time"
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s }' "$log.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log.time")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$log.time")
  echo "$label $wall $rss $cpu" | tee -a "$OUT/results.txt"
}

: > "$OUT/results.txt"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
X10=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10
for i in $(seq 1 "$RUNS"); do
  if [[ " $CASES " == *" 1m "* ]]; then
    measure ours_1m "$OUT/ours_1m_$i" "$CLI" cox --input "$BIG" --duration time --event event --covariates $X10 --format json
    measure r_1m "$OUT/r_1m_$i" Rscript "$SHARED/peers/cox_once.R" "$BIG"
  fi
  if [[ " $CASES " == *" tv "* ]]; then
    measure ours_tv "$OUT/ours_tv_$i" "$CLI" cox --input "$TV" --start start --duration stop --event event --covariates x1,x2,x3,x4,x5 --format json
    measure r_tv "$OUT/r_tv_$i" Rscript "$ROOT/benchmarks/cli/cox_tv_once.R" "$TV"
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "R's in-process coxph time (tv case): $(grep -ho 'coxph [0-9.]* s' "$OUT"/r_tv_*.out | tr '\n' ' ')"
awk '
  { wall[$1] = wall[$1] " " $2; rss[$1] = rss[$1] " " $3; cpu[$1] = cpu[$1] " " $4 }
  function median(s,   a, n, i, j, t) { n = split(s, a, " "); for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }; return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  END {
    for (c in wall) { mw[c] = median(wall[c]); mr[c] = median(rss[c]); mc[c] = median(cpu[c]); printf "%-8s median %7.2f s wall  %7.2f s cpu  peak %6.0f MB   (wall runs:%s)\n", c, mw[c], mc[c], mr[c] / 1024, wall[c] }
    if (mw["ours_1m"] > 0) printf "1M x 10:   R / ours = %.1fx wall, %.1fx cpu (memory %.0f vs %.0f MB)\n", mw["r_1m"] / mw["ours_1m"], mc["r_1m"] / mc["ours_1m"], mr["ours_1m"] / 1024, mr["r_1m"] / 1024
    if (mw["ours_tv"] > 0) printf "100k x 3 (start, stop]: R / ours = %.1fx wall, %.1fx cpu (memory %.0f vs %.0f MB)\n", mw["r_tv"] / mw["ours_tv"], mc["r_tv"] / mc["ours_tv"], mr["ours_tv"] / 1024, mr["r_tv"] / 1024
  }' "$OUT/results.txt"
# Same answers: first coefficient of each (ours JSON vs R's printed value).
[ -f "$OUT/ours_1m_1.out" ] && echo "x1 coefficient, ours vs R (1M): $(grep -m1 '"coef"' "$OUT/ours_1m_1.out" | tr -d ' ,') / $(cut -d' ' -f2 "$OUT/r_1m_1.out")"
[ -f "$OUT/ours_tv_1.out" ] && echo "x1 coefficient, ours vs R (tv): $(grep -m1 '"coef"' "$OUT/ours_tv_1.out" | tr -d ' ,') / $(cut -d' ' -f2 "$OUT/r_tv_1.out")"
exit 0

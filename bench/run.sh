#!/usr/bin/env bash
# The benchmark of bench/README.md. For each size it generates
# an agency with `peerstat gen`, then measures on the same files:
#   floor    DuckDB alone reading the CSV files into tables (bench/floor),
#            with DuckDB's default CSV buffer; every ratio is to this one
#   floorbuf the same with the CSV buffer peerstat reads with (an eighth
#            of a file larger than 256 MB, else DuckDB's)
#   ingest   peerstat ingest (validated load)
#   metrics  peerstat metrics
#   report   peerstat report (computes the metrics for the agency and for
#            every payer, then writes the packets)
#   render   the part of report that writes the workbooks and HTML pages
#            (PEERSTAT_TRACE's render lines), which should not grow with rows
#   run      peerstat run (ingest + metrics + report, fresh database)
# and prints each step's wall time, its ratio to the floor and its peak
# memory (/usr/bin/time -v).
#
# The steps are measured BENCH_RUNS times (default 3), round after round
# (floor, floorbuf, ingest, metrics, report, run; again), so that a spell
# of a busy machine falls on every step alike. Each row gives the median
# time, its ratio to the median floor, every run's time, and the largest
# peak memory. On a shared 2-core machine the same step varies by 10-20%
# from one run to the next; one run's ratio is not a measurement.
#
# Usage: bench/run.sh [PARTICIPANTS ...]   (default: 7000 70000 700000, about 0.1, 1 and 10 million services)
# BENCH_DIR (default /tmp/peerstat-bench) holds the generated data; it is
# reused when present, so a rerun skips generation.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(7000 70000 700000)
work=${BENCH_DIR:-/tmp/peerstat-bench}
mkdir -p "$work"
go build -o "$work/peerstat" ./cmd/peerstat
go build -o "$work/floor" ./bench/floor

# measure CMD...: runs CMD under /usr/bin/time, sets secs and peak_mb.
measure() {
  local log="$work/time.log"
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$work/stderr.log" || {
    echo "bench: $* failed:" >&2; cat "$work/stderr.log" >&2; exit 1; }
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  peak_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
}

# median V...: the middle value (the lower middle of an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
largest() { printf '%s\n' "$@" | sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

runs=${BENCH_RUNS:-3}
steps=(floor floorbuf ingest metrics report render run)
printf '%-12s %-8s %10s %8s %10s  %s\n' services step seconds x_floor peak_MiB runs
for n in "${sizes[@]}"; do
  data="$work/data-$n"
  if [ ! -f "$data/.complete" ]; then
    rm -rf "$data"
    "$work/peerstat" gen --out "$data" --participants "$n" >/dev/null
    touch "$data/.complete"
  fi
  services=$(cat "$data"/services*.csv | wc -l)
  services=$((services - $(ls "$data"/services*.csv | wc -l)))
  declare -A times=() peaks=()
  db="$work/out-$n/peerstat.duckdb"
  for ((r = 1; r <= runs; r++)); do
    for step in "${steps[@]}"; do
      case $step in
        floor) rm -f "$work/floor-$n.duckdb"; measure "$work/floor" "$data" "$work/floor-$n.duckdb" ;;
        floorbuf) rm -f "$work/floor-$n.duckdb"; measure "$work/floor" -buffer-rule "$data" "$work/floor-$n.duckdb" ;;
        ingest) rm -rf "$work/out-$n"; mkdir -p "$work/out-$n"; measure "$work/peerstat" ingest --data "$data" --db "$db" ;;
        metrics) measure "$work/peerstat" metrics --db "$db" --out "$work/out-$n" ;;
        report) PEERSTAT_TRACE=1 measure "$work/peerstat" report --db "$db" --out "$work/out-$n" ;;
        render)
          secs=$(awk '/peerstat trace: .* render / {sub("s", "", $3); s += $3} END {printf "%.2f", s}' "$work/stderr.log")
          peak_mb=- ;;
        run) rm -rf "$work/run-$n"; measure "$work/peerstat" run --data "$data" --out "$work/run-$n" ;;
      esac
      times[$step]="${times[$step]:-} $secs"
      peaks[$step]="${peaks[$step]:-} $peak_mb"
    done
  done
  rm -f "$work/floor-$n.duckdb"
  floor=$(median ${times[floor]})
  for step in "${steps[@]}"; do
    secs=$(median ${times[$step]})
    peak=-
    [ "$step" = render ] || peak=$(largest ${peaks[$step]})
    all=$(printf '%s\n' ${times[$step]} | awk '{printf "%s%.2f", (NR > 1 ? " " : ""), $1}')
    printf '%-12s %-8s %10.2f %8s %10s  %s\n' "$services" "$step" "$secs" "$(ratio "$secs" "$floor")" "$peak" "$all"
  done
  unset times peaks
done

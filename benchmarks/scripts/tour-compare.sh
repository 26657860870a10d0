#!/usr/bin/env bash
# Usage: RUNS=6 benchmarks/scripts/tour-compare.sh <reference booking-engine.jar> <candidate booking-engine.jar>
# Alternates two standalone jars (A = reference, B = candidate), each on a fresh data dir: starts it, runs the README's
# curl tour against it and prints the tour's wall time and the CPU time the engine process spent on it (ms).
set -euo pipefail
A=$1; B=$2; RUNS=${RUNS:-5}; PORT=${PORT:-18180}; TICK=$(getconf CLK_TCK)
cpu() { awk -v t=$TICK '{print ($14 + $15) * 1000 / t}' /proc/$1/stat; }
run() {
  local jar=$1 dir; dir=$(mktemp -d)
  java -jar "$jar" --server.port=$PORT --booking.data-dir=$dir > $dir/log 2>&1 & local pid=$!
  for i in $(seq 1 120); do curl -sf localhost:$PORT/actuator/health >/dev/null 2>&1 && break; sleep 0.5; done
  sleep 2; local c0; c0=$(cpu $pid)
  local wall; wall=$(BASE=localhost:$PORT "$(dirname "$0")/curl-tour.sh")
  local c1; c1=$(cpu $pid)
  kill $pid; wait $pid 2>/dev/null || true; rm -rf $dir
  echo "wall_ms=$wall cpu_ms=$(awk -v a=$c0 -v b=$c1 'BEGIN{print b-a}')"
}
for r in $(seq 1 $RUNS); do echo "A $(run $A)"; echo "B $(run $B)"; done

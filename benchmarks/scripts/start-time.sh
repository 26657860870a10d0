#!/bin/bash
# One start of an engine jar on its embedded default, on a fresh data directory, -Xmx512m: prints the seconds from
# the launch until /actuator/health/readiness answers 200 and the CPU seconds the process had used by then; then
# kills it (kill -9: nothing to tidy, the data directory is thrown away).
# Usage: start-time.sh JAR [LABEL] [extra application arguments...]; PORT (default 18081) picks the port.
# Alternate two jars or two settings in one loop to compare them on a noisy machine, e.g.
#   for r in 1 2 3; do ./start-time.sh a.jar A; ./start-time.sh b.jar B; done
set -euo pipefail
JAR=$1; LABEL=${2:-$(basename "$JAR")}; shift $(( $# < 2 ? $# : 2 ))
PORT=${PORT:-18081}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
t0=$(date +%s.%N)
java -Xmx512m -jar "$JAR" --server.port="$PORT" --booking.data-dir="$DIR/data" "$@" > "$DIR/out.log" 2>&1 &
PID=$!
until curl -sf "localhost:$PORT/actuator/health/readiness" > /dev/null; do
  if ! kill -0 "$PID" 2> /dev/null; then echo "$LABEL: the process ended before it was healthy:"; tail -5 "$DIR/out.log"; exit 1; fi
  sleep 0.1
done
t1=$(date +%s.%N)
read -r -a STAT < "/proc/$PID/stat"
cpu=$(echo "(${STAT[13]} + ${STAT[14]}) / $(getconf CLK_TCK)" | bc -l)
kill -9 "$PID"; wait "$PID" 2> /dev/null || true
printf "%s: healthy after %.1f s, CPU %.1f s\n" "$LABEL" "$(echo "$t1 - $t0" | bc -l)" "$cpu"

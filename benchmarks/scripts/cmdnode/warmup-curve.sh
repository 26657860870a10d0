#!/bin/bash
# How long the engine takes to warm up under load: one standalone jar on its embedded default (fresh H2 directory),
# then consecutive windows of 16 booking clients against the same process; per window the bookings/s, latency, the
# engine's CPU per booking and the CPU seconds its JIT compiler threads used (from /proc). usage:
#   javac -d /tmp/emb benchmarks/scripts/cmdnode/Driver.java
#   DRIVER_CP=/tmp/emb benchmarks/scripts/cmdnode/warmup-curve.sh standalone/target/booking-engine.jar [windows] [seconds]
JAR=$1; WINDOWS=${2:-16}; SECONDS_EACH=${3:-20}
DATA=$(mktemp -d)
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
java -Xmx512m -Daxoniq.update-checker.disabled=true $JAVA_OPTS -jar $JAR --server.port=$PORT --booking.data-dir=$DATA \
  > ${OUT:-/tmp}/warmup-curve.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf $DATA' EXIT
until curl -sf -o /dev/null http://127.0.0.1:$PORT/actuator/health/readiness; do sleep 0.5; done
compiler_ticks() {
  python3 - $PID <<'PY'
import os, sys
pid, ticks = sys.argv[1], 0
for task in os.listdir(f'/proc/{pid}/task'):
    stat = open(f'/proc/{pid}/task/{task}/stat').read()
    if 'CompilerThre' in stat[stat.index('('):stat.rindex(')')]:
        fields = stat[stat.rindex(')') + 2:].split()
        ticks += int(fields[11]) + int(fields[12])
print(ticks)
PY
}
elapsed=0
for w in $(seq 1 $WINDOWS); do
  before=$(compiler_ticks)
  line=$(java -cp ${DRIVER_CP:-$(dirname $0)} Driver http://127.0.0.1:$PORT dev-owner dev-booker 16 0 $SECONDS_EACH $PID \
    2>&1 | tail -1)
  after=$(compiler_ticks)
  elapsed=$((elapsed + SECONDS_EACH))
  echo "window $w (load ${elapsed} s): $(echo "$line" | grep -o 'rate=.*errors=[0-9]*') engine_cpu_ms_per_booking=$(echo "$line" \
    | grep -o 'per pid)= [0-9.]*' | grep -o '[0-9.]*$') jit_cpu_s=$(echo "scale=1; ($after - $before) / 100" | bc)"
done

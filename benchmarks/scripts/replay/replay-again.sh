#!/bin/bash
# Replays the booking list once more over a store the load benchmark seeded and kept, with one build's query-side jar:
# the query node alone on that database (-Xmx512m), caught up first, then POST /api/v1/admin/processors/bookings/replay
# and followed until the projection has caught up again. Prints events/s, the node's CPU per event and the CPU per
# event of every postgres process, and appends that line to $OUT/summary.txt. Afterwards booking_view is vacuumed
# (outside the timed window), so each replay starts on a table of the same size: a replay deletes and inserts every
# row, and without it the dead rows of the runs before make the database's share grow from run to run.
#
# Seed once (the database's name is in the log: "database bench_<run>_split kept"):
#   java -cp benchmarks/target/classes:<benchmarks classpath> com.bookingengine.benchmarks.load.LoadBenchmark \
#     targets=split clients=16 point-seconds=2 warmup-seconds=2 contention-seconds=1 sellout-capacity=10 \
#     history=1000000 availability-bookings=300 appointment-bookings=20 availability-warmup=5 availability-samples=20 \
#     docs=none keep-databases=true
# then, alternating builds: replay-again.sh <jar root> bench_<run>_split <label> [jfr]
# (<jar root> holds query-side/target/booking-query-side.jar; EXTRA="--more --engine=options"; OUT, default /tmp/replay)
ROOT=$1; DB=$2; LABEL=$3; JFR=$4; EXTRA=${EXTRA:-}
OUT=${OUT:-/tmp/replay}; mkdir -p $OUT
PORT=$((20000 + RANDOM % 10000)); KEY=replay-operator-key-0123456789abcdef
JOPT="-Xmx512m -Daxoniq.update-checker.disabled=true"
[ -n "$JFR" ] && JOPT="$JOPT -XX:StartFlightRecording=filename=$OUT/$LABEL.jfr,settings=profile"
pgcpu() { cat /proc/$(pgrep -d ' /proc/' -x postgres | sed 's/ /\/stat /g')/stat 2>/dev/null | awk '{s+=$14+$15} END {print s}'; }
status() { curl -sf -H "Authorization: Bearer $KEY" localhost:$PORT/api/v1/admin/processors | python3 -c "$1"; }

BOOKING_SECURITY_API_KEYS_0_KEY=$KEY BOOKING_SECURITY_API_KEYS_0_NAME=replay BOOKING_SECURITY_API_KEYS_0_ROLES_0=OPERATOR \
java $JOPT -jar $ROOT/query-side/target/booking-query-side.jar --server.port=$PORT --spring.profiles.active=postgres \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --spring.datasource.username=root \
  --spring.datasource.hikari.maximum-pool-size=10 $EXTRA > $OUT/$LABEL.log 2>&1 &
PID=$!
until curl -sf localhost:$PORT/actuator/health/readiness >/dev/null; do sleep 0.5; kill -0 $PID || exit 1; done
until status 'import json,sys; sys.exit(0 if all(p.get("lag")==0 for p in json.load(sys.stdin)["processors"]) else 1)'; do
  sleep 0.5
done
PG0=$(pgcpu); CPU0=$(awk '{print $14+$15}' /proc/$PID/stat); T0=$(date +%s.%N)
curl -sf -X POST -H "Authorization: Bearer $KEY" localhost:$PORT/api/v1/admin/processors/bookings/replay -o /dev/null \
  -w "%{http_code}\n" | grep -q 202 || { echo "replay refused"; kill $PID; exit 1; }
sleep 1
until status 'import json,sys; b=[p for p in json.load(sys.stdin)["processors"] if p["name"]=="bookings"][0]
sys.exit(0 if not b["replaying"] and b["lag"]==0 and b["running"] else 1)'; do
  sleep 0.25
done
PG1=$(pgcpu); T1=$(date +%s.%N); CPU1=$(awk '{print $14+$15}' /proc/$PID/stat)
EV=$(psql -qtA -h 127.0.0.1 -U root -d $DB -c "select count(*) from domain_event_entry")
[ -n "$JFR" ] && jcmd $PID JFR.dump filename=$OUT/$LABEL.jfr >/dev/null
kill $PID; wait $PID 2>/dev/null
psql -qtA -h 127.0.0.1 -U root -d $DB -c "vacuum full analyze booking_view" >/dev/null
python3 -c "t=$T1-$T0; c=($CPU1-$CPU0)/100; pg=($PG1-$PG0)/100
print('$LABEL: %d events in %.1f s = %.0f events/s, node CPU %.1f us/event, postgres %.1f us/event, load %s'
      % ($EV, t, $EV/t, c*1e6/$EV, pg*1e6/$EV, open('/proc/loadavg').read().split()[0]))" | tee -a $OUT/summary.txt

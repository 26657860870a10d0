#!/bin/bash
# The standalone jar on its embedded default (H2, fresh data directory) under 16 booking clients: CPU per booking
# from /proc, as run.sh does for the command node. usage: run-embedded.sh <standalone jar> <label> [jfr]; env WARM,
# POINT, CLIENTS, JFRDELAY, JFRDUR, OUT, JAVA_OPTS, ARGS (more --options for the engine).
JAR=$1; LABEL=$2; JFR=$3; OUT=${OUT:-/tmp/emb}; mkdir -p $OUT
DATA=$(mktemp -d)
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
OPTS="-Xmx512m -Daxoniq.update-checker.disabled=true $JAVA_OPTS"
[ -n "$JFR" ] && OPTS="$OPTS -XX:StartFlightRecording=filename=$OUT/$LABEL.jfr,settings=profile,delay=${JFRDELAY:-20}s,duration=${JFRDUR:-15}s"
java $OPTS -jar $JAR --server.port=$PORT --booking.data-dir=$DATA $ARGS > $OUT/$LABEL.log 2>&1 &
JPID=$!
for i in $(seq 1 180); do curl -s -o /dev/null http://127.0.0.1:$PORT/actuator/health && break; sleep 1; done
java -cp ${DRIVER_CP:-$(dirname $0)} Driver http://127.0.0.1:$PORT dev-owner dev-booker ${CLIENTS:-16} ${WARM:-15} ${POINT:-15} $JPID 2>&1 | sed "s/^/$LABEL: /"
kill $JPID; wait $JPID 2>/dev/null
rm -rf $DATA

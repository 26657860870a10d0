#!/bin/bash
# Command node (postgres profile) alone under 16 booking clients: CPU per booking from /proc. Compile Driver.java
# here first (javac Driver.java). usage: run.sh <command jar> <label> [jfr]; env WARM, POINT, QUERY=1 (a query node
# too, its CPU second; QJFR=1 records it under JFR as <label>-query.jfr; QJAVA_OPTS, more JVM options for it), PG=1
# (the CPU of every postgres process last), ARGS (more --options for the node), JFRDELAY, JFRDUR, OUT (logs,
# recordings). docs/BENCHMARKS.md, "Command node on PostgreSQL".
# usage: run.sh <jar> <label> [jfr]
JAR=$1; LABEL=$2; JFR=$3
DB=cmdprof_$(date +%s%N | tail -c 8)
createdb -h 127.0.0.1 -U root $DB
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
export BOOKING_SECURITY_API_KEYS_0_KEY=ownerkey-0123456789abcdef BOOKING_SECURITY_API_KEYS_0_NAME=bench-owner BOOKING_SECURITY_API_KEYS_0_ROLES_0=OWNER
export BOOKING_SECURITY_API_KEYS_1_KEY=bookerkey-0123456789abcdef BOOKING_SECURITY_API_KEYS_1_NAME=bench-booker BOOKING_SECURITY_API_KEYS_1_ROLES_0=BOOKER
OPTS="-Xmx512m -Daxoniq.update-checker.disabled=true"
[ -n "$JFR" ] && OPTS="$OPTS -XX:StartFlightRecording=filename=${OUT:-/tmp/cmdprof}/$LABEL.jfr,settings=profile,delay=${JFRDELAY:-20}s,duration=${JFRDUR:-15}s"
java $OPTS -jar $JAR --server.port=$PORT --spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --spring.datasource.username=root --spring.datasource.hikari.maximum-pool-size=20 $ARGS > ${OUT:-/tmp/cmdprof}/$LABEL.log 2>&1 &
JPID=$!
for i in $(seq 1 180); do curl -s -o /dev/null http://127.0.0.1:$PORT/actuator/health && break; sleep 1; done
PIDS=$JPID
if [ -n "$QUERY" ]; then
  QPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
  QOPTS="-Xmx512m -Daxoniq.update-checker.disabled=true $QJAVA_OPTS"
  [ -n "$QJFR" ] && QOPTS="$QOPTS -XX:StartFlightRecording=filename=${OUT:-/tmp/cmdprof}/$LABEL-query.jfr,settings=profile,delay=${JFRDELAY:-20}s,duration=${JFRDUR:-15}s"
  java $QOPTS -jar ${QUERY_JAR:-query-side/target/booking-query-side.jar} --server.port=$QPORT --spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --spring.datasource.username=root --spring.datasource.hikari.maximum-pool-size=10 > ${OUT:-/tmp/cmdprof}/$LABEL-query.log 2>&1 &
  QPID=$!; PIDS=$JPID,$QPID
  for i in $(seq 1 180); do curl -s -o /dev/null http://127.0.0.1:$QPORT/actuator/health && break; sleep 1; done
fi
PGPID=$(head -1 /var/lib/postgresql/15/main/postmaster.pid 2>/dev/null)
java -cp ${DRIVER_CP:-$(dirname $0)} Driver http://127.0.0.1:$PORT ownerkey-0123456789abcdef bookerkey-0123456789abcdef 16 ${WARM:-15} ${POINT:-15} $PIDS${PG:+,postgres} 2>&1 | sed "s/^/$LABEL: /"
kill $JPID $QPID 2>/dev/null; wait $JPID $QPID 2>/dev/null
dropdb -h 127.0.0.1 -U root $DB

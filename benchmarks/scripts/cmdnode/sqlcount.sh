#!/bin/bash
# The SQL statements of one POST /api/v1/bookings on the postgres profile (log_statement=all on a fresh database).
# usage: sqlcount.sh <command jar>
JAR=$1
DB=cmdsql_$(date +%s%N | tail -c 8); createdb -h 127.0.0.1 -U root $DB
psql -h 127.0.0.1 -U root -d $DB -qc "alter database $DB set log_statement='all'"
PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("",0));print(s.getsockname()[1])')
export BOOKING_SECURITY_API_KEYS_0_KEY=ownerkey-0123456789abcdef BOOKING_SECURITY_API_KEYS_0_NAME=bench-owner BOOKING_SECURITY_API_KEYS_0_ROLES_0=OWNER
export BOOKING_SECURITY_API_KEYS_1_KEY=bookerkey-0123456789abcdef BOOKING_SECURITY_API_KEYS_1_NAME=bench-booker BOOKING_SECURITY_API_KEYS_1_ROLES_0=BOOKER
java -Xmx512m -jar $JAR --server.port=$PORT --spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --spring.datasource.username=root > ${OUT:-/tmp/cmdprof}/sql.log 2>&1 &
JPID=$!
for i in $(seq 1 180); do curl -s -o /dev/null http://127.0.0.1:$PORT/actuator/health && break; sleep 1; done
S=$(date -u -d '+2 days' +%Y-%m-%dT06:00:00Z); E=$(date -u -d '+2 days' +%Y-%m-%dT06:50:00Z)
curl -s -o /dev/null -w '%{http_code}\n' -H 'Authorization: Bearer ownerkey-0123456789abcdef' -H 'Content-Type: application/json' http://127.0.0.1:$PORT/api/v1/services -d "{\"serviceId\":\"svc1\",\"name\":\"Vinyasa\",\"type\":\"CLASS\",\"timeZone\":\"Europe/Berlin\",\"price\":{\"amount\":\"18.50\",\"currency\":\"EUR\"},\"paymentOptions\":[\"IN_PERSON\",\"ONLINE\"],\"capacity\":100,\"sessions\":[{\"sessionId\":\"s1\",\"start\":\"$S\",\"end\":\"$E\"}]}"
book() { curl -s -o /dev/null -w '%{http_code}\n' -H 'Authorization: Bearer bookerkey-0123456789abcdef' -H 'Content-Type: application/json' http://127.0.0.1:$PORT/api/v1/bookings -d "{\"bookingId\":\"$1\",\"serviceId\":\"svc1\",\"sessionId\":\"s1\",\"participants\":1,\"contact\":{\"contactId\":\"c-1\",\"firstName\":\"Maria\",\"lastName\":\"S\",\"email\":\"m@example.org\",\"phone\":\"+49 30 5550 1234\"},\"payment\":{\"option\":\"IN_PERSON\"}}"; }
book $(cat /proc/sys/kernel/random/uuid); book $(cat /proc/sys/kernel/random/uuid)
# new connections only pick it up: evict pool by... use session-level via ALTER ROLE? fallback below
sleep 1
L0=$(wc -l < /var/log/postgresql/postgresql-15-main.log)
book $(cat /proc/sys/kernel/random/uuid)
sleep 1
tail -n +$((L0+1)) /var/log/postgresql/postgresql-15-main.log | grep "@$DB " | sed 's/^.*LOG: *//' | cut -c1-200
kill $JPID; wait $JPID 2>/dev/null; dropdb -h 127.0.0.1 -U root $DB

#!/usr/bin/env bash
# Usage: benchmarks/scripts/availability-engine.sh <jar> <database> <port>
# The standalone jar on the postgres profile (local PostgreSQL, user root) with the two keys availability-query.py
# uses; the database must exist (createdb). docs/BENCHMARKS.md, "Availability query".
JAR=$1; DB=$2; PORT=$3; shift 3
exec java -Xmx512m -jar "$JAR" --spring.profiles.active=postgres --server.port="$PORT" \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/"$DB" --spring.datasource.username=root \
  '--booking.security.api-keys[0].key=dev-owner' '--booking.security.api-keys[0].name=owner' \
  '--booking.security.api-keys[0].roles=OWNER' \
  '--booking.security.api-keys[1].key=dev-booker' '--booking.security.api-keys[1].name=booker' \
  '--booking.security.api-keys[1].roles=BOOKER' "$@"

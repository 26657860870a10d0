#!/bin/bash
# PostgreSQL's time by statement for one command node and one query node under 16 booking clients
# (pg_stat_statements). Loads the extension by restarting the local PostgreSQL, resets the counters RESETAT seconds
# after the start (during the warm-up), runs run.sh with QUERY=1 PG=1, prints the statements by executor time and
# unloads the extension again (a second restart). Compile Driver.java here first (javac Driver.java).
# usage: statements.sh <command jar>; env WARM (40), POINT (30), RESETAT (55). docs/BENCHMARKS.md, "The database's
# time by statement".
set -e
JAR=$1
CLUSTER="$(ls /etc/postgresql) main"
unload() {
  psql -h 127.0.0.1 -U root -d postgres -qc "drop extension if exists pg_stat_statements" \
    -c "alter system reset shared_preload_libraries"
  pg_ctlcluster --skip-systemctl-redirect $CLUSTER restart
}
trap unload EXIT   # also when the run fails: the extension is never left loaded
psql -h 127.0.0.1 -U root -d postgres -qc "alter system set shared_preload_libraries = 'pg_stat_statements'"
pg_ctlcluster --skip-systemctl-redirect $CLUSTER restart
psql -h 127.0.0.1 -U root -d postgres -qc "create extension if not exists pg_stat_statements"
( sleep ${RESETAT:-55}; psql -h 127.0.0.1 -U root -d postgres -qAtc "select pg_stat_statements_reset()" > /dev/null
  echo "counters reset $(date -u +%T)" ) &
QUERY=1 PG=1 WARM=${WARM:-40} POINT=${POINT:-30} DRIVER_CP=$(dirname $0) $(dirname $0)/run.sh $JAR statements
wait
psql -h 127.0.0.1 -U root -d postgres -c "select calls, rows, round(total_exec_time::numeric, 1) as ms,
    round((100 * total_exec_time / sum(total_exec_time) over ())::numeric, 1) as pct,
    left(regexp_replace(query, '\s+', ' ', 'g'), 160) as statement
  from pg_stat_statements where query not like '%pg_stat_statements%' order by total_exec_time desc limit 25"

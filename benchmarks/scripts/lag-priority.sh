#!/bin/bash
# The short split run of the load benchmark (16 clients, lag probed), with the query node's threads reniced once it is
# healthy when NICE is given. docs/BENCHMARKS.md, "The lag is the query node's share of the cores".
# usage (from the repository root): [NICE=-10] benchmarks/scripts/lag-priority.sh <label>
LABEL=$1; OUT=${OUT:-/tmp/lag-priority}; mkdir -p $OUT; LOG=$OUT/$LABEL.out; : > $LOG
mvn -B -q -pl benchmarks -am package -DskipTests -Pload-benchmark \
  -Dbench.args="targets=split clients=1,16 history= docs=none jfr=false ${ARGS}" > $LOG 2>&1 &
RUN=$!
if [ -n "$NICE" ]; then
  for i in $(seq 1 600); do
    PID=$(grep -o "query healthy.*pid [0-9]*" $LOG | grep -o "[0-9]*$"); [ -n "$PID" ] && break; sleep 1
  done
  for t in /proc/$PID/task/*; do renice -n $NICE -p $(basename $t) > /dev/null 2>&1; done
  echo "$LABEL: query node $PID reniced to $NICE"
fi
wait $RUN
grep -E "split, 16 clients|lag, " $LOG | sed "s/^/$LABEL: /"

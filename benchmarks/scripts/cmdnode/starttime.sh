#!/bin/bash
# One start of a jar: seconds until /actuator/health first answers (polled every 50 ms) and the process's CPU seconds
# then, from /proc. usage: starttime.sh <work dir> <java args...> (the jar's ./data lands in <work dir>; delete it
# between starts for a fresh store). env THREADS=1 also lists CPU by thread, DUMP=<file> dumps a JFR recording the
# java args started. Alternate two jars, e.g. for i in 1 2 3; do for j in old new; do rm -rf w/data;
# starttime.sh w -Xmx512m -jar $j.jar; done; done. docs/BENCHMARKS.md, "Start-up without the XML mapping".
dir=$1; shift
port=$((20000 + RANDOM % 20000))
cd $dir || exit 1
t0=$(date +%s.%N)
java "$@" --server.port=$port > out.log 2>&1 &
pid=$!
until curl -sf localhost:$port/actuator/health >/dev/null 2>&1; do sleep 0.05; done
t1=$(date +%s.%N)
ticks=$(awk '{print $14+$15}' /proc/$pid/stat)
echo "healthy $(echo "$t1 - $t0" | bc) s, cpu $(echo "$ticks/100" | bc -l | cut -c1-5) s"
[ -n "$DUMP" ] && jcmd $pid JFR.dump filename=$DUMP >/dev/null
[ -n "$THREADS" ] && for t in /proc/$pid/task/*; do echo "$(awk '{print $14+$15}' $t/stat) $(cat $t/comm)"; done | sort -rn | head -25
kill -9 $pid; wait $pid 2>/dev/null

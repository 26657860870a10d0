#!/bin/bash
# run-embedded.sh with the GC's survivor ages logged, then a summary of the collections after the first 60 s of the
# process: young pauses, their median, and the median bytes that had survived one and two collections.
# usage: survivors.sh <standalone jar> <label> ["more --options for the engine", DATA stands for the run's data dir]
# env as run-embedded.sh (DRIVER_CP, WARM, POINT, OUT, JAVA_OPTS).
JAR=$1; LABEL=$2; X=$3; OUT=${OUT:-/tmp/emb}; mkdir -p $OUT
D=$(mktemp -d)
OUT=$OUT JAVA_OPTS="-Xlog:gc+age=trace,gc:file=$OUT/gc-$LABEL.log $JAVA_OPTS" ARGS="${X//DATA/$D}" \
    WARM=${WARM:-60} POINT=${POINT:-30} bash $(dirname $0)/run-embedded.sh $JAR $LABEL
rm -rf $D
python3 - $OUT/gc-$LABEL.log <<'PY'
import re, statistics, sys
age = {1: [], 2: []}; pauses = []
for line in open(sys.argv[1]):
    t = re.search(r'\[(\d+\.\d+)s\]', line)
    if not t or float(t.group(1)) <= 60:
        continue
    m = re.search(r'- age   ([12]):\s+(\d+) bytes', line)
    if m:
        age[int(m.group(1))].append(int(m.group(2)))
    m = re.search(r'Pause Young.* (\d+\.\d+)ms', line)
    if m:
        pauses.append(float(m.group(1)))
med = lambda xs: statistics.median(xs) if xs else 0
print(f"young pauses={len(pauses)} median={med(pauses):.1f}ms total={sum(pauses):.0f}ms "
      f"age1 median={med(age[1]) / 1e6:.1f}MB age2 median={med(age[2]) / 1e6:.2f}MB")
PY

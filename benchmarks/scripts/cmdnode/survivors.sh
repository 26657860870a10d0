#!/bin/bash
# run-embedded.sh with the GC's survivor ages logged, then a summary of the collections in the measured window (from
# FROM seconds of the process on, default WARM + 15: start-up and warm-up left out): the normal young pauses (G1
# evacuation pauses that are neither mixed nor concurrent-start), their median, the median bytes they copied that
# had survived one collection, and the share of the window spent in any pause.
# usage: survivors.sh <standalone jar> <label> ["more --options for the engine", DATA stands for the run's data dir]
# env as run-embedded.sh (DRIVER_CP, WARM, POINT, OUT, JAVA_OPTS), and FROM.
JAR=$1; LABEL=$2; X=$3; OUT=${OUT:-/tmp/emb}; mkdir -p $OUT
WARM=${WARM:-60}; POINT=${POINT:-30}; FROM=${FROM:-$((WARM + 15))}
D=$(mktemp -d)
OUT=$OUT JAVA_OPTS="-Xlog:gc+age=trace,gc:file=$OUT/gc-$LABEL.log $JAVA_OPTS" ARGS="${X//DATA/$D}" \
    WARM=$WARM POINT=$POINT bash $(dirname $0)/run-embedded.sh $JAR $LABEL
rm -rf $D
python3 - $OUT/gc-$LABEL.log $FROM <<'PY'
import re, statistics, sys
start = float(sys.argv[2]); age1 = {}; normal = []; paused = 0.0; last = start
for line in open(sys.argv[1]):
    m = re.search(r'GC\((\d+)\) - age   1:\s+(\d+) bytes', line)
    if m:
        age1[m.group(1)] = int(m.group(2))
    m = re.search(r'\[(\d+\.\d+)s\].*GC\((\d+)\) (Pause [^(]*\(([\w ]+)\)(?: \(([\w ]+)\))?).* (\d+\.\d+)ms$', line)
    if not m or float(m.group(1)) <= start:
        continue
    last = float(m.group(1)); paused += float(m.group(6))
    if m.group(3).startswith('Pause Young (Normal)') and m.group(5) == 'G1 Evacuation Pause':
        normal.append((float(m.group(6)), age1.get(m.group(2), 0)))
med = lambda xs: statistics.median(xs) if xs else 0
print(f"from {start:.0f} s: normal young pauses={len(normal)} median={med([p for p, _ in normal]):.1f}ms "
      f"survivors one collection old median={med([s for _, s in normal]) / 1e6:.1f}MB; "
      f"all pauses {paused / 10 / max(last - start, 1e-9):.1f} % of the window")
PY

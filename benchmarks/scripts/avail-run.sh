#!/usr/bin/env bash
# Usage: benchmarks/scripts/avail-run.sh <worktree> class|appointment <report.md>
# Runs AvailabilityBenchmark of the worktree $1 for service type $2, report to $3, with a classpath made of the
# worktree's own module outputs (never ~/.m2 snapshots of the project).
set -euo pipefail
W=$1; TYPE=$2; OUT=$3
cd $W
mvn -B -q -pl standalone -am test-compile > /tmp/avail-build-$$.log 2>&1
mvn -B -q -pl standalone -am dependency:build-classpath -Dmdep.outputFile=/tmp/cp-$$.txt -Dmdep.includeScope=test >> /tmp/avail-build-$$.log 2>&1
EXT=$(tr ':' '\n' < /tmp/cp-$$.txt | grep -v '/com/bookingengine/' | paste -sd:)
CP=$W/standalone/target/test-classes:$W/standalone/target/classes:$W/command-side/target/classes:$W/query-side/target/classes:$W/platform/target/classes:$W/shared-api/target/classes:$EXT
cp $W/docs/BENCHMARKS.md $OUT 2>/dev/null || true
java -Daxoniq.update-checker.disabled=true -cp "$CP" com.bookingengine.standalone.bench.AvailabilityBenchmark $TYPE $OUT

#!/bin/sh
# Prepares a runnable jar of the engine (any side) for a faster start, as Spring Boot documents class-data sharing:
# extracts it into <dir> (<dir>/app.jar and <dir>/lib/) and trains the archive <dir>/app.jsa with one start of the
# application context on the embedded default, in a scratch directory deleted afterwards (no database is needed, no
# web server or processor starts). A node then starts on any profile with
#   java -XX:SharedArchiveFile=<dir>/app.jsa -jar <dir>/app.jar [--spring.profiles.active=...]
# Classes the archive lacks (another profile's) load from the jars as usual. Train again after every build, with the
# same JVM that will run the node. deploy/Dockerfile runs this at image build; README "Faster start".
# usage: deploy/cds.sh <runnable jar> <empty or missing dir>
set -eu
[ $# -eq 2 ] || { echo "usage: $0 <runnable jar> <empty or missing dir>" >&2; exit 2; }
jar=$1
mkdir -p "$2"
dir=$(cd "$2" && pwd)
java -Djarmode=tools -jar "$jar" extract --destination "$dir" --application-filename app.jar
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
java -Daxoniq.update-checker.disabled=true -Xlog:cds=error -XX:ArchiveClassesAtExit="$dir/app.jsa" \
  -Dspring.context.exit=onRefresh -jar "$dir/app.jar" --booking.data-dir="$scratch/data" --server.port=0
[ -s "$dir/app.jsa" ] || { echo "$0: no archive was written to $dir/app.jsa" >&2; exit 1; }
echo "Start with: java -XX:SharedArchiveFile=$dir/app.jsa -jar $dir/app.jar"

#!/usr/bin/env bash
# Runs the JMH benchmarks from the repository root (their fixtures, testdata/, and example paths are
# relative to it). Every benchmark class pairs what it measures with a baseline measured in the same run; read
# the results as that ratio, never as absolute times (this is a shared 2-core machine).
#
#   bench/run.sh                      # every benchmark, the iterations their classes declare
#   bench/run.sh PlanBenchmark        # one class (any JMH regex and options work)
#   bench/run.sh -wi 1 -i 2 -f 1      # a quick look (wide error bars)
#   bench/run.sh TerraformPlanBenchmark -p sizeMb=5 -prof gc
#   bench/run.sh TerraformPlanBenchmark -p sizeMb=5 -wi 1 -w 2s -i 1 -r 2s -f 1   # seconds, not minutes
#
# Results also go to bench/results/<date>.json (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find engine/src/main bench/src/main -newer "$jar" -type f -print -quit)" ]]; then
  mvn -B -q -ntp -DskipTests -pl bench -am package
fi
mkdir -p bench/results
exec java -jar "$jar" -rf json -rff "bench/results/$(date -u +%Y%m%dT%H%M%SZ).json" "$@"

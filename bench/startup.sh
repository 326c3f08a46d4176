#!/usr/bin/env bash
# Start-up harness (issue 15 item 5): whole-process wall time of a short command against `java -version`,
# measured in the same run, alternating, several runs each; reports medians and their ratio.
#
#   bench/startup.sh            # 15 rounds
#   bench/startup.sh 31         # more rounds (a shared machine is noisy: read the ratio, not the times)
#
# Each round runs, in this order: `java -version` (the baseline: a JVM that starts and stops),
# `java -jar cli/target/deploy-train.jar plan ...` (the jar with default flags: what it cost before),
# and `./deploy-train plan ...` (the launcher: C1 only, SerialGC, the AppCDS archive). One warm-up round
# first builds the launcher's archive if it is missing, so the figures are the steady state.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-15}"
jar=cli/target/deploy-train.jar
args=(plan --train examples/train.yaml --start 2026-11-30T08:00:00Z)
./deploy-train "${args[@]}" >/dev/null # builds the jar if needed, and the archive
./deploy-train "${args[@]}" >/dev/null

# Each measure is "wall cpu" in milliseconds; cpu (user + sys of the process and its children) says
# the same as wall on a quiet machine and is steadier than wall on a busy one.
TIMEFORMAT='%3R %3U %3S'
measure() {
  local r u s
  read -r r u s < <({ time "$@" >/dev/null 2>&1; } 2>&1)
  awk -v r="$r" -v u="$u" -v s="$s" 'BEGIN { printf "%d %d\n", r * 1000, (u + s) * 1000 }'
}
declare -a vw=() vc=() pw=() pc=() lw=() lc=()
for ((i = 0; i < rounds; i++)); do
  read -r w c < <(measure java -version) && vw+=("$w") vc+=("$c")
  read -r w c < <(measure java -jar "$jar" "${args[@]}") && pw+=("$w") pc+=("$c")
  read -r w c < <(measure ./deploy-train "${args[@]}") && lw+=("$w") lc+=("$c")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
row() { # label, wall median, cpu median (ms), against the baseline's
  awk -v l="$1" -v w="$2" -v c="$3" -v bw="$4" -v bc="$5" \
    'BEGIN { printf "  %-36s wall %6.3f s %6.2fx   cpu %6.3f s %6.2fx\n", l, w / 1000, w / bw, c / 1000, c / bc }'
}
bw=$(median "${vw[@]}") bc=$(median "${vc[@]}")
echo "rounds: $rounds, alternating; medians of whole-process time; load average $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo ?)"
row "java -version" "$bw" "$bc" "$bw" "$bc"
row "java -jar deploy-train.jar (defaults)" "$(median "${pw[@]}")" "$(median "${pc[@]}")" "$bw" "$bc"
row "./deploy-train (launcher)" "$(median "${lw[@]}")" "$(median "${lc[@]}")" "$bw" "$bc"
echo "command: ${args[*]}"
# Classes loaded, and how many of them came from a CDS archive (the JDK's default one, or the launcher's)
classes() {
  local log
  log="$(mktemp)"
  JAVA_TOOL_OPTIONS="-Xlog:class+load:file=$log" "$@" >/dev/null 2>&1 || true
  printf '%s classes loaded, %s from an archive\n' "$(grep -c 'class,load' "$log")" "$(grep -c 'shared objects file' "$log")"
  rm -f "$log"
}
echo "  java -jar:     $(classes java -jar "$jar" "${args[@]}")"
echo "  the launcher:  $(classes ./deploy-train "${args[@]}")"

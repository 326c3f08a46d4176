#!/usr/bin/env bash
# A whole no-op train through the packaged runner (cli/target/deploy-train.jar), timed, at several fleet sizes
# in one run: N environments x 3 zones, a deploy command that exits 0 at once (/bin/true), no soaks, no bake,
# the clock scaled 1,000,000x. Prints wall time, time per target, peak RSS and the ledger's files for each size,
# and each size's time as a ratio to the first (linear would be the ratio of the target counts).
#
#   bench/train-scale.sh                    # 30, 300 environments (90 and 900 targets), default heap
#   bench/train-scale.sh 30 300 1000        # any sizes, in environments
#   JAVA_OPTS=-Xmx256m bench/train-scale.sh 1000   # 3,000 targets under a 256 MB heap (exits non-zero if a run fails)
#
# Run from the repository root after `mvn -pl engine,cli -am package -DskipTests`.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=cli/target/deploy-train.jar
[[ -f "$jar" ]] || { echo "build $jar first: mvn -B -q -ntp -pl engine,cli -am package -DskipTests" >&2; exit 2; }
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(30 300)
work="$(mktemp -d -t train-scale.XXXXXX)"
trap 'rm -rf "$work"' EXIT
printf '%-8s %-10s %-12s %-12s %-12s %-14s %s\n' targets whole_s per_target_ms peak_rss_mb ratio ledger_kb journal_kb
first=""
for envs in "${sizes[@]}"; do
  run="$work/$envs"
  mkdir -p "$run"
  {
    echo "timezone: UTC"
    echo "environments:"
    for ((e = 0; e < envs; e++)); do
      case $e in 0) tier=staging ;; 1) tier=shadow ;; 2) tier=primary ;; *) tier=production ;; esac
      printf '  - name: cell-%05d\n    provider: aws\n    region: region-%d\n    zones: [a, b, c]\n    tier: %s\n' "$e" "$e" "$tier"
    done
  } > "$run/fleet.yaml"
  printf 'service: scale-svc\nversion: 1.0.0\nfleet: fleet.yaml\nbake: 0m\nsoakAfterZone: 0m\nsoakAfterEnvironment: 0m\nzoneDeployEstimate: 1m\n' > "$run/train.yaml"
  start=$(date +%s.%N)
  # shellcheck disable=SC2086
  if ! /usr/bin/time -f '%M' -o "$run/rss" java ${JAVA_OPTS:-} -jar "$jar" run --train "$run/train.yaml" --state "$run/state" \
      --deploy-command /bin/true --time-scale 1000000 --start 2026-11-30T08:00:00Z > "$run/out.log" 2>&1; then
    echo "the run of $((envs * 3)) targets failed (JAVA_OPTS=${JAVA_OPTS:-}):" >&2
    tail -20 "$run/out.log" >&2
    exit 1
  fi
  end=$(date +%s.%N)
  targets=$((envs * 3))
  whole=$(echo "$end - $start" | bc -l)
  [[ -n "$first" ]] || first=$whole
  printf '%-8s %-10.2f %-12.1f %-12d %-12.2f %-14d %d\n' "$targets" "$whole" "$(echo "$whole * 1000 / $targets" | bc -l)" \
    "$(( $(tail -1 "$run/rss") / 1024 ))" "$(echo "$whole / $first" | bc -l)" \
    "$(( $(stat -c %s "$run/state/ledger.json") / 1024 ))" "$(( $(cat "$run/state/ledger.journal"* | wc -c) / 1024 ))"
done

#!/usr/bin/env bash
# The README's test command: builds and tests engine and cli (and compiles the benchmarks).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp verify "$@"

#!/usr/bin/env bash
# The README's test command, and what CI runs through .ci/run:
#   1. installs the real services the integration tests start themselves (Prometheus, Alertmanager, Pushgateway,
#      from Debian's packages) when they are missing;
#   2. builds and tests engine and cli, and compiles the benchmarks (mvn verify: unit tests, property
#      tests, the real-service *IT tests, the crash test of the packaged runner);
#   3. runs the train view's browser tests in Debian's headless Chromium.
# Extra arguments go to Maven, e.g. ./test.sh -o for an offline build.
set -euo pipefail
cd "$(dirname "$0")"
bash .ci/services.sh
mvn -B -ntp verify "$@"
bash ui-tests/run.sh

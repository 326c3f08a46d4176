#!/usr/bin/env bash
# Browser tests of the train view: installs Debian's Chromium and the npm dependencies when
# missing, builds the engine's classes and test classes (the Java test server), then runs the
# node tests (one of them against the CLI's jar, built when missing). Screenshots and perf.json land in ui-tests/target/.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error

# The test server lives in the engine's test classes; compiling them and writing the engine's
# runtime class path (Jackson) is enough (never mvn install).
(cd .. && mvn -B -q -ntp -pl engine test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/ui-classpath.txt -Dmdep.includeScope=runtime)

# cli.test.mjs drives the real command line (deploy-train run --serve, deploy-train serve).
if [ ! -f ../cli/target/deploy-train.jar ]; then
  (cd .. && mvn -B -q -ntp -pl cli -am package -DskipTests)
fi

rm -rf target/screenshots
mkdir -p target
node --test --test-concurrency=1 tests/

#!/bin/sh
# Type-checks the plugin (main and test sources) against the real Jenkins sources, for machines that
# cannot reach the Jenkins Maven repository (see ../shared/tools/jenkins-typecheck.md). Run from the
# repository root: plugin/typecheck.sh [extra jenkins-typecheck options]
#
# On top of jenkins-typecheck's own set it makes visible:
# - the engine, from its sources, with its compile classpath (Jackson, SnakeYAML);
# - the configuration-as-code plugin and its test harness (the CasC round-trip tests), read from
#   snapshots in $JENKINS_MIRRORS (or the folder named in ~/.config/jenkins-typecheck/mirrors), with
#   the plugins and libraries their signatures name. Snapshots are unpacked into a temporary folder,
#   read for signatures only and deleted afterwards.
set -eu
TC=${JENKINS_TYPECHECK:-../shared/tools/jenkins-typecheck}
[ -x "$TC" ] || TC=/work/shared/tools/jenkins-typecheck
MIRRORS=${JENKINS_MIRRORS:-$(cat "$HOME/.config/jenkins-typecheck/mirrors")}
work=$(mktemp -d "${TMPDIR:-/tmp}/deploy-train-typecheck.XXXXXX")
trap 'rm -rf "$work"' EXIT

unpack() {  # owner+name commit paths...
  repo=$1 commit=$2; shift 2
  [ -d "$MIRRORS/$repo/repo" ] || { echo "missing snapshot: fetch github:${repo%%+*}/${repo#*+} into $MIRRORS" >&2; exit 2; }
  mkdir -p "$work/$repo"
  git -C "$MIRRORS/$repo/repo" archive "$commit" "$@" | tar -x -C "$work/$repo"
}
unpack jenkinsci+configuration-as-code-plugin 58646eb62b0a755e41fe18939b980371bf5d7e84 \
  plugin/src/main/java test-harness/src/main/java
unpack jenkinsci+prism-api-plugin 439519eda4ec275cf94fe1c4129fefde7a5f75a7 src/main/java
unpack jenkinsci+plugin-util-api-plugin 8ba703a88a0491157357f730d0c556f4f26f969e src/main/java
unpack uhafner+codingstyle ae9cef7490d07a31ab43dcfa2b8d8e0b5237a945 src/main/java
# a module descriptor would turn the classpath check into a module check
rm -f "$work/uhafner+codingstyle/src/main/java/module-info.java"

mvn -q -B -o -pl engine dependency:build-classpath -DincludeScope=compile -Dmdep.outputFile="$work/engine.cp" >/dev/null
sp=engine/src/main/java
sp=$sp:$work/jenkinsci+configuration-as-code-plugin/plugin/src/main/java
sp=$sp:$work/jenkinsci+configuration-as-code-plugin/test-harness/src/main/java
sp=$sp:$work/jenkinsci+prism-api-plugin/src/main/java
sp=$sp:$work/jenkinsci+plugin-util-api-plugin/src/main/java
sp=$sp:$work/uhafner+codingstyle/src/main/java
"$TC" --sourcepath "$sp" --classpath "$(cat "$work/engine.cp")" \
  --artifact com.github.erosb:everit-json-schema:1.14.6 --artifact io.vavr:vavr:1.0.1 "$@" plugin

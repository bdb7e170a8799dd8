#!/usr/bin/env bash
# Runs the whole platform on this machine: PostgreSQL, Kafka and the four services.
# Needs only a JDK 17+; everything else comes from Maven Central on the first build.
#   ./run.sh            build if sources changed, then start (data kept in .local/)
#   ./run.sh --reset    start with empty databases and topics
#   ./run.sh --help     all options
set -euo pipefail
cd "$(dirname "$0")"

stamp=target/.suite-built
launcher_cp=local-infra/target/launcher.classpath

needs_build() {
  [ -f "$stamp" ] && [ -f "$launcher_cp" ] || return 0
  # any source or build file newer than the last build?
  [ -n "$(find . -path ./.local -prune -o -path '*/target' -prune -o \
          \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$stamp" -print -quit)" ]
}

# --no-build: start what was built before (the system tests use it while the build runs)
args=()
skip_build=false
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then skip_build=true; else args+=("$arg"); fi
done

if ! $skip_build && needs_build; then
  echo "Building the services (first time: downloads dependencies, a few minutes) ..."
  ./mvnw -q -DskipTests install
  mkdir -p target && touch "$stamp"
fi

launcher=(java -cp "$(cat "$launcher_cp"):local-infra/target/classes" io.cloudpro.infra.LocalSuite ${args[@]+"${args[@]}"})
if ! command -v setsid >/dev/null 2>&1; then
  exec "${launcher[@]}"
fi

# The suite runs in a session of its own, so that Ctrl-C, a closed terminal or a service manager's
# SIGTERM reach only this script - which asks the launcher to stop the services first, then Kafka,
# then PostgreSQL - instead of hitting every process at once. Killed outright, this script leaves
# the launcher to notice and stop everything; a killed launcher leaves it to the suite's watchdog.
setsid "${launcher[@]}" &
suite=$!
trap 'kill -TERM "$suite" 2>/dev/null || true' INT TERM HUP
status=0
while :; do
  wait "$suite" && status=0 || status=$?
  kill -0 "$suite" 2>/dev/null || break
done
exit "$status"

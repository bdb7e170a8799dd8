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

if needs_build; then
  echo "Building the services (first time: downloads dependencies, a few minutes) ..."
  ./mvnw -q -DskipTests install
  mkdir -p target && touch "$stamp"
fi

exec java -cp "$(cat "$launcher_cp"):local-infra/target/classes" io.cloudpro.infra.LocalSuite "$@"

#!/usr/bin/env bash
# Builds the mini cluster launcher and/or the differential runner when their jars are missing or
# older than their sources. `build.sh cluster|runner|all`. Maven resolves from the local repository
# first and goes online only when something is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build_one() {
  local dir="$here/$1" jar="$here/$1/target/$2.jar"
  if [ -f "$jar" ] && [ -z "$(find "$dir/src" "$dir/pom.xml" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  echo "build.sh: building $1" >&2
  (cd "$dir" && { mvn -q -B -o package -DskipTests 2>/dev/null || mvn -q -B package -DskipTests; })
}
case "${1:-all}" in
  cluster) build_one cluster hbase-cluster ;;
  runner) build_one runner differential ;;
  all) build_one cluster hbase-cluster; build_one runner differential ;;
  *) echo "build.sh: unknown target $1" >&2; exit 2 ;;
esac

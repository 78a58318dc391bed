#!/usr/bin/env bash
# Builds the benchmarks module (and what it depends on) and runs the JMH benchmarks.
#
#   benchmarks/run-jmh.sh [REGEX] [JMH OPTIONS...]
#
# REGEX selects benchmarks (default: all). Any JMH option may follow, e.g. short settings:
#   benchmarks/run-jmh.sh Swhid -wi 2 -i 3 -w 1s -r 1s -f 1
#   benchmarks/run-jmh.sh Identify -p threads=0 -wi 1 -i 2
# `benchmarks/run-jmh.sh -h` lists JMH's options. Set VAULT_BENCH_TREE=DIR to reuse a tree made by
# TreeGenerator instead of generating one per run.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

(cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)

jar=$(ls "$root"/benchmarks/target/benchmarks-*.jar | grep -v -e sources -e javadoc | head -n 1)
props=()
if [[ -n ${VAULT_BENCH_TREE:-} ]]; then
  props+=("-jvmArgsAppend" "-Dvault.bench.tree=$VAULT_BENCH_TREE")
fi
exec java -cp "$jar:$root/benchmarks/target/lib/*" org.openjdk.jmh.Main "$@" "${props[@]}"

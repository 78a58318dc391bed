#!/usr/bin/env bash
# What a request costs on top of its cook, for small bundles: the real flat cooker of distinct small
# directories, called by hand vs requested from a Vault and awaited, with requests in memory, in a local
# journal and in PostgreSQL (a throw-away cluster, synchronous_commit on unless PG_SYNCHRONOUS_COMMIT says
# otherwise; then again with the store's opt-in overlap-claim-commits, a fresh database each), one after the
# other in one run (RequestOverhead.java). Each line reports the medians and the overhead in ms and in % of
# the cook.
#
#   benchmarks/request-overhead.sh [FILES [KILOBYTES_PER_FILE [RUNS [MODE]]]]     (defaults: 100 4 60 latency)
#
# MODE latency times one bundle at a time (what a lone request waits for); throughput times RUNS rounds of
# 4 bundles per processor requested at once vs cooked by hand on as many threads (the bundles per second a
# busy vault loses to its requests).
#
#   PG_SYNCHRONOUS_COMMIT=off benchmarks/request-overhead.sh …   (to see what the commits' WAL flushes cost)
#   BENCH_JAVA_OPTS=-Dcooks=3 benchmarks/request-overhead.sh …   (the vault cooks 3 at once; default: processors)
#   SOURCE=swh benchmarks/request-overhead.sh …   (cook from a mirror's archive, as a mirror's vault does: the
#       directories loaded into a swh-storage database on the same cluster and a gzip pathslicing objstorage;
#       default: the objects in memory, the fastest cook there is, so the overhead's largest share)
#
# Needs Debian's postgresql (apt-get install -y postgresql).
set -euo pipefail
files=${1:-100}; kilobytes=${2:-4}; runs=${3:-60}; mode=${4:-latency}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-overhead.XXXXXX"); chmod 755 "$work"
. "$here/pg-cluster.sh"
trap 'pg_stop; rm -rf "$work"' EXIT

(cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
pg_start -c synchronous_commit="${PG_SYNCHRONOUS_COMMIT:-on}"
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE overhead" postgres
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE overlapped" postgres
archives=0
for requests in memory journal "postgresql://postgres@127.0.0.1:$pgport/overhead" \
    "overlapped:postgresql://postgres@127.0.0.1:$pgport/overlapped"; do
  source_opts=()
  if [[ ${SOURCE:-memory} == swh ]]; then
    archives=$((archives + 1))
    "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE archive$archives" postgres
    source_opts=(-Dstorage="postgresql://postgres@127.0.0.1:$pgport/archive$archives")
  elif [[ ${SOURCE:-memory} != memory ]]; then
    echo "SOURCE: memory or swh, not $SOURCE" >&2; exit 2
  fi
  java -Xmx2g ${BENCH_JAVA_OPTS:-} "${source_opts[@]}" \
    -cp "$root/benchmarks/target/classes:$root/benchmarks/target/lib/*" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    org.swhvault.benchmarks.RequestOverhead "$files" "$kilobytes" "$runs" "$requests" "$mode"
  echo
done

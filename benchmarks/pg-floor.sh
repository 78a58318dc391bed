#!/usr/bin/env bash
# The floor under a shared request store's overhead: what PostgreSQL's own client (pgbench, libpq, prepared
# statements) takes on this machine for one round trip (SELECT 1) and for one durably committed single-row
# write (INSERT … ON CONFLICT DO NOTHING RETURNING, synchronous_commit on, then off), issued back to back and,
# as a lone request issues them, with a pause between (default 15 ms, about a small flat cook). A vault whose
# requests are in PostgreSQL makes at least two such commits per bundle (the claim and the done), so their
# sum is the least a request can cost there, whatever the vault does (request-overhead.sh measures the vault).
#
#   benchmarks/pg-floor.sh [PAUSE_MS [SECONDS]]      (defaults: 15 8)
#
# Needs Debian's postgresql (apt-get install -y postgresql).
set -euo pipefail
pause=${1:-15}; seconds=${2:-8}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-pgfloor.XXXXXX"); chmod 755 "$work"
. "$here/pg-cluster.sh"
trap 'pg_stop; rm -rf "$work"' EXIT
pg_start
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc \
  "CREATE TABLE request (id bigserial PRIMARY KEY, k text UNIQUE, state text)" postgres
printf 'SELECT 1;\n' > "$work/select.sql"
printf '\\set k random(1, 1000000000000)\nINSERT INTO request (k, state) VALUES (:k::text, %s) ON CONFLICT DO NOTHING RETURNING *;\n' \
  "'new'" > "$work/insert.sql"
for f in select insert; do
  cp "$work/$f.sql" "$work/$f-paused.sql"; printf '\\sleep %s ms\n' "$pause" >> "$work/$f-paused.sql"
done
run() { # NAME SCRIPT [PGOPTIONS]
  local ms
  ms=$(PGOPTIONS=${3:-} "$pgbin/pgbench" -h 127.0.0.1 -p "$pgport" -U postgres -n -M prepared -T "$seconds" -c 1 -r \
    -f "$work/$2.sql" postgres 2>/dev/null | awk '/^ +[0-9.]+ +[0-9]+ +(SELECT|INSERT)/ {print $1}')
  printf '%-58s %7s ms\n' "$1" "$ms"
}
echo "pgbench, one client, $seconds s each, $(nproc) processors"
run "round trip (SELECT 1), back to back" select
run "round trip (SELECT 1), ${pause} ms pause between" select-paused
run "durable single-row write, back to back" insert
run "durable single-row write, ${pause} ms pause between" insert-paused
run "single-row write, synchronous_commit off, back to back" insert "-c synchronous_commit=off"
run "single-row write, synchronous_commit off, ${pause} ms pause" insert-paused "-c synchronous_commit=off"

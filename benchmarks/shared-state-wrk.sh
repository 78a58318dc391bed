#!/usr/bin/env bash
# Status GETs/s and cook requests/s of `vault serve` with its requests in a local journal, in PostgreSQL
# with one process, and in PostgreSQL with three processes, side by side in one run, measured with wrk.
#
#   benchmarks/shared-state-wrk.sh [SECONDS [CONNECTIONS]]      (defaults: 10 64)
#   PG_SYNCHRONOUS_COMMIT=off benchmarks/shared-state-wrk.sh    (to see what commit latency costs)
#
# Needs wrk and Debian's postgresql (apt-get install -y wrk postgresql); starts its own PostgreSQL cluster
# on a free port (as the postgres user when run as root) and removes it at the end. Also reports the cost of
# a request (POST → done) against the cook itself for a small bundle, from the server's own /metrics.
set -euo pipefail
seconds=${1:-10}; connections=${2:-64}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
. "$here/gen-repo.sh"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-shared-bench.XXXXXX"); chmod 755 "$work"
. "$here/pg-cluster.sh"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

pg_start -c max_connections=200 -c synchronous_commit="${PG_SYNCHRONOUS_COMMIT:-on}"
for db in one three; do
  "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE $db" postgres
done

gen_repo "$work/repo.git" 2000 20
small=$(printf '100644 blob %s\tsmall.txt\n' "$(echo small | git -C "$work/repo.git" hash-object -w --stdin)" \
  | git -C "$work/repo.git" mktree)
"$root/vault" --help >/dev/null   # build once, outside the timings

# serve NAME STATE STORE: starts a server; its base URL in $url, its log in $work/NAME.log
serve() {
  local name=$1 state=$2
  url=""
  "$root/vault" serve --repo "$work/repo.git" --store "$work/store-$3" --state "$state" --port 0 \
      >/dev/null 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 300); do
    url=$(sed -n 's/^vault: serving \(http:[^ ]*\)api\/1\/vault\/ .*/\1/p' "$work/$name.log")
    [[ -n $url ]] && break
    sleep 0.1
  done
  [[ -n $url ]] || { cat "$work/$name.log" >&2; echo "$name did not start" >&2; exit 1; }
}

cooked() { # URL SWHID: asks for the flat bundle and waits until it is done
  local status="$1api/1/vault/flat/$2/"
  curl -sS --noproxy '*' -X POST "$status" >/dev/null
  for _ in $(seq 600); do
    curl -sS --noproxy '*' "$status" | grep -q '"status":"done"' && return 0
    sleep 0.05
  done
  echo "$2 was not cooked" >&2; exit 1
}

rate() { sed -n 's/^Requests\/sec: *//p'; }

# bench LABEL URL...: status GETs/s and (idempotent) cook POSTs/s, the connections spread over the URLs
bench() {
  local label=$1; shift
  local n=$# per=$(( connections / $# )) get=0 post=0 r
  for u in "$@"; do cooked "$u" "swh:1:dir:$tree"; done
  printf 'wrk.method = "POST"\nwrk.body = ""\nwrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n' \
    >"$work/post.lua"
  for u in "$@"; do wrk -t1 -c"$per" -d5s "${u}api/1/vault/flat/swh:1:dir:$tree/" >/dev/null & done   # warm-up
  wait_wrk
  local i=0
  for u in "$@"; do i=$((i + 1)); wrk -t1 -c"$per" -d"${seconds}s" "${u}api/1/vault/flat/swh:1:dir:$tree/" >"$work/get-$i.out" & done
  wait_wrk
  for ((i = 1; i <= n; i++)); do r=$(rate <"$work/get-$i.out"); get=$(python3 -c "print($get + $r)"); done
  i=0
  for u in "$@"; do i=$((i + 1)); wrk -t1 -c"$per" -d"${seconds}s" -s "$work/post.lua" "${u}api/1/vault/flat/swh:1:dir:$tree/" \
      >"$work/post-$i.out" & done
  wait_wrk
  for ((i = 1; i <= n; i++)); do r=$(rate <"$work/post-$i.out"); post=$(python3 -c "print($post + $r)"); done
  local bad
  bad=$(cat "$work"/get-*.out "$work"/post-*.out | sed -n 's/.*Non-2xx or 3xx responses: *//p' | python3 -c 'import sys; print(sum(int(x) for x in sys.stdin.read().split()))')
  printf '%-28s status GET/s %9.0f   cook POST/s %9.0f   (%d process(es), %d connections; non-2xx: %s)\n' \
    "$label" "$get" "$post" "$n" "$connections" "${bad:-0}"
  rm -f "$work"/get-*.out "$work"/post-*.out
}
wait_wrk() { while pgrep -x wrk >/dev/null; do sleep 0.2; done; }

# mean cook time of done attempts so far, in ms, from the server's /metrics: "SUM COUNT"
cook_totals() {
  curl -sS --noproxy '*' "${1}metrics" | python3 -c '
import sys
s = c = 0.0
for line in sys.stdin:
    if "outcome=\"done\"" in line and line.startswith("vault_cook_duration_seconds_sum{"): s += float(line.split()[-1])
    if "outcome=\"done\"" in line and line.startswith("vault_cook_duration_seconds_count{"): c += float(line.split()[-1])
print(s, c)'
}

# overhead URL [DB]: POST → done of a small bundle against the time the server spent cooking it; with a
# PostgreSQL database, also the request's life in the server (created → done) from its row
overhead() {
  local url=$1 db=${2:-} t0 t1 before after life=0
  before=$(cook_totals "$url")
  t0=$(date +%s%N); cooked "$url" "swh:1:dir:$small"; t1=$(date +%s%N)
  after=$(cook_totals "$url")
  if [[ -n $db ]]; then
    life=$("$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -At -c "SELECT extract(epoch FROM done - created) * 1000
        FROM swhvault_request WHERE swhid = 'swh:1:dir:$small'" "$db")
  fi
  python3 -c "
b = [float(x) for x in '$before'.split()]; a = [float(x) for x in '$after'.split()]
cook = (a[0] - b[0]) * 1000
total = ($t1 - $t0) / 1e6
life = float('$life')
print('%-28s small bundle: POST->done %.1f ms (status polled every 50 ms), of which cooking %.1f ms' % ('', total, cook)
      + ('; in the server created->done %.1f ms, so %.1f ms (%.0f%%) not cooking' % (life, life - cook,
         100 * (life - cook) / life) if life else ''))"
}

serve journal "$work/journal" journal
bench "journal, 1 process" "$url"
overhead "$url"
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

serve pg1 "postgresql://postgres@127.0.0.1:$pgport/one" one
bench "postgresql, 1 process" "$url"
overhead "$url" one
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true

# the control: three processes that share nothing (requests in memory), to see what three JVMs on this
# machine's cores cost without a database
serve memA memory memA; a=$url
serve memB memory memB; b=$url
serve memC memory memC; c=$url
bench "memory, 3 processes (control)" "$a" "$b" "$c"
for _ in 1 2 3; do kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; done

serve pgA "postgresql://postgres@127.0.0.1:$pgport/three" three; a=$url
serve pgB "postgresql://postgres@127.0.0.1:$pgport/three" three; b=$url
serve pgC "postgresql://postgres@127.0.0.1:$pgport/three" three; c=$url
bench "postgresql, 3 processes" "$a" "$b" "$c"

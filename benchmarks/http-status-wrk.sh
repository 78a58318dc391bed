#!/usr/bin/env bash
# Status requests per second of `vault serve` over loopback, measured with wrk.
#
#   benchmarks/http-status-wrk.sh [SECONDS [THREADS [CONNECTIONS [FILES]]]]   (defaults: 10 2 64 2000)
#
# Generates a repository, starts `./vault serve` on a free port, requests the flat bundle of the head
# tree, waits until it is cooked, then runs wrk on that bundle's status URL (GET /api/1/vault/flat/<swhid>/).
# Also reports the server's start-up time (launch to "serving" line, wall and CPU) and the req/s of the
# raw download of the same (small) bundle. The server's request log goes to a file, as in production.
# Needs wrk (apt-get install -y wrk). Extra JVM options: VAULT_JAVA_OPTS.
set -euo pipefail
seconds=${1:-10}; threads=${2:-2}; connections=${3:-64}; files=${4:-2000}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
. "$here/gen-repo.sh"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install -y wrk" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-http-bench.XXXXXX")
pid=
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

gen_repo "$work/repo.git" "$files" 20
"$root/vault" --help >/dev/null   # build once, outside the timings

mkfifo "$work/err"
start=$(date +%s%N)
"$root/vault" serve --repo "$work/repo.git" --store "$work/store" --port 0 2>"$work/err" &
pid=$!
exec 3<"$work/err"
url=
while read -r line <&3; do
  if [[ $line == "vault: serving "* ]]; then
    wall=$(( ($(date +%s%N) - start) / 1000000 ))
    cpu=$(awk -v t="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / t}' "/proc/$pid/stat")
    url=${line#vault: serving }; url=${url%% *}
    break
  fi
done
[[ -n $url ]] || { echo "the server did not start" >&2; exit 1; }
cat <&3 >"$work/server.log" &   # keep draining the request log
echo "started in ${wall} ms wall, ${cpu} ms CPU (launch to 'serving'; JVM included)"

status="${url}flat/swh:1:dir:$tree/"
curl -sS --noproxy '*' -X POST "$status" >/dev/null
for _ in $(seq 600); do
  curl -sS --noproxy '*' "$status" | grep -q '"status":"done"' && break
  sleep 0.1
done
curl -sS --noproxy '*' "$status" | grep -q '"status":"done"' || { echo "the bundle was not cooked" >&2; exit 1; }
curl -sS --noproxy '*' "$status"; echo

echo "== GET status: wrk -t$threads -c$connections -d${seconds}s" >&2
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$status"
echo "== GET raw (bundle of $(curl -sS --noproxy '*' -o /dev/null -w '%{size_download}' "${status}raw/") bytes)" >&2
wrk -t"$threads" -c"$connections" -d"${seconds}s" "${status}raw/"
echo "request log lines: $(wc -l <"$work/server.log")" >&2

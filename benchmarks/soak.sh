#!/usr/bin/env bash
# A soak run of `vault serve`: a mixed load for a long time, sampling the server to see leaks and slow
# degradation that unit tests do not find.
#
#   benchmarks/soak.sh [journal|postgresql [DURATION_SECONDS [FILES [COMMITS]]]]   (defaults: journal 600 3000 300)
#   SOAK_OUT=/some/dir benchmarks/soak.sh …   keeps the CSV, the server log and the client log there
#
# Generates a repository, starts `./vault serve` with a small heap (VAULT_JAVA_OPTS, default -Xmx256m), a short
# expiry (--expire-after 90s, looked for every 20 s, so bundles are evicted and cooked again during the run) and
# its requests in a journal or in a throw-away PostgreSQL cluster (pg-cluster.sh), with the RPC API on (batch
# cooks). Then, for DURATION seconds, drives it with: cook POSTs of distinct and repeated bundles of the three
# types (flat of directories, gitfast of revisions, git-bare of the snapshot now and then), RPC batch cooks,
# status GETs (curl, plus wrk paced at about 200 requests/s), downloads of done bundles (each checked: flat and
# git-bare with tar -tzf, gitfast with gzip -t, none empty), requests for nonexistent and malformed SWHIDs, and
# clients that drop a large download after 50 ms. Every 10 s it samples the server's RSS, heap used after a full
# GC (jcmd), threads, open file descriptors, the store's bundle files and bytes, temporary files (the store's
# tmp/ and the JVM's java.io.tmpdir), and /metrics (requests by status, cooks by outcome, cooks waiting and
# running) into soak.csv; at the end it prints first-minute against last-minute values, slopes per hour, the
# 5xx and failed checks counted (slopes over the run's second half, after the warm-up), and the server log's WARN/ERROR lines.
# Needs curl, wrk, jcmd (the JDK), python3; postgresql for the postgresql mode.
set -euo pipefail
mode=${1:-journal}; duration=${2:-600}; files=${3:-3000}; commits=${4:-300}
[[ $mode == journal || $mode == postgresql ]] || { echo "usage: $0 [journal|postgresql [SECONDS [FILES [COMMITS]]]]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
. "$here/gen-repo.sh"
for c in curl wrk jcmd python3; do command -v $c >/dev/null || { echo "$c not found" >&2; exit 1; }; done
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-soak.XXXXXX"); chmod 755 "$work"
out=${SOAK_OUT:-$work/out}; mkdir -p "$out"
pid=; loops=()
[[ $mode == postgresql ]] && . "$here/pg-cluster.sh"
cleanup() {
  for p in "${loops[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  wait 2>/dev/null || true
  [[ $mode == postgresql ]] && pg_stop
  [[ -n ${SOAK_OUT:-} ]] || echo "(the CSV and logs are removed; set SOAK_OUT=DIR to keep them)" >&2
  rm -rf "$work"
}
trap cleanup EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
c() { curl -sS --noproxy '*' "$@"; }

gen_repo "$work/repo.git" "$files" "$commits"
git -C "$work/repo.git" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectname)' >"$work/objects"
mapfile -t dirs < <(sed -n 's/^tree /swh:1:dir:/p' "$work/objects" | shuf --random-source=<(yes))
mapfile -t revs < <(sed -n 's/^commit /swh:1:rev:/p' "$work/objects" | shuf --random-source=<(yes))
"$root/vault" --help >/dev/null   # build once, outside the run
snp=$("$root/vault" identify --type snapshot --no-filename "$work/repo.git")
echo "${#dirs[@]} directories, ${#revs[@]} revisions, snapshot $snp" >&2

state="$work/journal"; statedir=$state
if [[ $mode == postgresql ]]; then
  pg_start -c max_connections=50
  state="postgresql://postgres@127.0.0.1:$pgport/postgres"; statedir="$work/pg/base"
fi
mkdir -p "$work/jtmp"
VAULT_JAVA_OPTS="${VAULT_JAVA_OPTS:--Xmx256m} -Djava.io.tmpdir=$work/jtmp" TMPDIR="$work/jtmp" \
  "$root/vault" serve --repo "$work/repo.git" --store "$work/store" --state "$state" --port 0 --rpc \
    --expire-after 90s --expiry-interval 20s >/dev/null 2>"$out/server.log" &
pid=$!
url=
for _ in $(seq 600); do
  url=$(sed -n 's/^vault: serving \(http:[^ ]*\)api\/1\/vault\/ .*/\1/p' "$out/server.log")
  [[ -n $url ]] && break
  sleep 0.1
done
[[ -n $url ]] || { cat "$out/server.log" >&2; echo "the server did not start" >&2; exit 1; }
jpid=$pid   # ./vault execs java
api="${url}api/1/vault"
echo "serving $api (java pid $jpid, requests in $mode) for $duration s" >&2
log="$out/clients.log"   # one line per client request: KIND HTTP_CODE [note]
: >"$log"
end=$(( $(date +%s) + duration ))
running() { (( $(date +%s) < end )); }

# the large bundle (the head tree) for the clients that disconnect, and for wrk's status GETs
head="swh:1:dir:$tree"
c -o /dev/null -X POST "$api/flat/$head/"
for _ in $(seq 600); do c "$api/flat/$head/" | grep -q '"status":"done"' && break; sleep 0.1; done

cooker() { # distinct bundles in order, and now and then one asked before; the snapshot every ~60 s
  set +e   # a failed request is counted, not fatal
  local i=0 n=0 swhid type code
  while running; do
    n=$((n + 1))
    if (( n % 3 == 0 && i > 0 )); then
      swhid=${dirs[RANDOM % i]}; type=flat
    elif (( n % 2 == 0 )); then
      swhid=${revs[i % ${#revs[@]}]}; type=gitfast
    else
      swhid=${dirs[i % ${#dirs[@]}]}; type=flat
    fi
    (( n % 2 == 0 )) && i=$((i + 1))
    if (( n % 120 == 0 )); then swhid=$snp; type=git-bare; fi
    code=$(c -o /dev/null -w '%{http_code}' -X POST "$api/$type/$swhid/")
    echo "cook-$type $code" >>"$log"
    echo "$type $swhid" >>"$work/asked"
    sleep 0.5
  done
}

fetcher() { # status of a bundle asked for, and its download when done, checked
  set +e   # a failed request is counted, not fatal
  local type swhid body code f="$work/fetched"
  while running; do
    type=; read -r type swhid < <(shuf -n 1 "$work/asked")
    [[ -n $type ]] || { type=flat; swhid=$head; }
    body=$(c -w '\n%{http_code}' "$api/$type/$swhid/")
    code=${body##*$'\n'}
    echo "status $code" >>"$log"
    if [[ $code == 200 && $body == *'"status":"done"'* ]]; then
      code=$(c -o "$f" -w '%{http_code}' "$api/$type/$swhid/raw/")
      if [[ $code != 200 ]]; then
        echo "raw-$type $code" >>"$log"
      elif [[ ! -s $f ]]; then
        echo "raw-$type $code EMPTY $swhid" >>"$log"
      elif [[ $type == gitfast ]] && ! gzip -t "$f" 2>/dev/null; then
        echo "raw-$type $code CORRUPT $swhid" >>"$log"
      elif [[ $type == flat ]] && ! tar -tzf "$f" >/dev/null 2>&1; then
        echo "raw-$type $code CORRUPT $swhid" >>"$log"
      elif [[ $type == git-bare ]] && ! tar -tf "$f" >/dev/null 2>&1; then   # a plain tar, as the reference's
        echo "raw-$type $code CORRUPT $swhid" >>"$log"
      else
        echo "raw-$type $code" >>"$log"
      fi
    fi
    sleep 0.2
  done
}

bad() { # nonexistent and malformed SWHIDs, an unknown bundle type
  set +e   # a failed request is counted, not fatal
  local code n=0 hex
  while running; do
    n=$((n + 1)); hex=$(printf '%040x' $((RANDOM * 32768 + RANDOM)))
    case $((n % 4)) in
      0) code=$(c -o /dev/null -w '%{http_code}' -X POST "$api/flat/swh:1:dir:$hex/"); echo "nonexistent-cook $code" ;;
      1) code=$(c -o /dev/null -w '%{http_code}' "$api/gitfast/swh:1:rev:$hex/"); echo "nonexistent-status $code" ;;
      2) code=$(c -o /dev/null -w '%{http_code}' -X POST "$api/flat/swh:1:dir:zz$n/"); echo "malformed-cook $code" ;;
      3) code=$(c -o /dev/null -w '%{http_code}' "$api/tarball/$head/raw/"); echo "unknown-type $code" ;;
    esac >>"$log"
    sleep 0.3
  done
}

dropper() { # downloads of the large bundle cut after 50 ms, and at 200 KB/s (so mid-body) after 0.2 s
  set +e   # a failed request is counted, not fatal
  local code
  while running; do
    local slow=(); (( RANDOM % 2 )) && slow=(--limit-rate 200k --max-time 0.2) || slow=(--max-time 0.05)
    code=$(c -o /dev/null -w '%{http_code}' "${slow[@]}" "$api/flat/$head/raw/" 2>/dev/null)
    local rc=$?
    if (( rc == 28 )); then echo "dropped-raw-cut $code"; else echo "dropped-raw-rc$rc $code"; fi >>"$log"
    sleep 0.2
  done
}

batcher() { # RPC batch cooks of a few bundles, then their progress
  set +e   # a failed request is counted, not fatal
  local k=0 body id
  while running; do
    k=$((k + 7))
    body=$(printf '{"batch": [["flat", "%s"], ["gitfast", "%s"], ["flat", "%s"]]}' \
      "${dirs[k % ${#dirs[@]}]}" "${revs[k % ${#revs[@]}]}" "$head")
    body=$(c -w '\n%{http_code}' -H 'Content-Type: application/json' -d "$body" "${url}batch_cook")
    echo "batch-cook ${body##*$'\n'}" >>"$log"
    id=$(sed -n 's/.*"id": *\([0-9]*\).*/\1/p' <<<"${body%$'\n'*}")
    if [[ -n $id ]]; then
      echo "batch-progress $(c -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        -d "{\"batch_id\": $id}" "${url}batch_progress")" >>"$log"
    fi
    sleep 5
  done
}

metric() { # NAME_PREFIX FILTER: the sum of /metrics lines starting with NAME_PREFIX and containing FILTER
  awk -v p="$1" -v f="$2" 'index($0, p) == 1 && index($0, f) { s += $NF } END { printf "%d", s }' "$work/metrics"
}

sampler() {
  set +e   # a failed request is counted, not fatal
  local t0 t rss thr fds heap nb sz tmpf st
  t0=$(date +%s)
  echo "t,rss_kb,heap_after_gc_kb,threads,fds,bundle_files,bundle_bytes,temp_files,state_bytes,http_2xx,http_4xx,http_5xx,cooks_done,cooks_failed,cooks_waiting,cooks_running" \
    >"$out/soak.csv"
  while kill -0 "$jpid" 2>/dev/null; do
    t=$(( $(date +%s) - t0 ))
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$jpid/status")
    thr=$(awk '/^Threads/ {print $2}' "/proc/$jpid/status")
    fds=$(ls "/proc/$jpid/fd" | wc -l)
    heap=$(jcmd "$jpid" GC.run >/dev/null 2>&1 && jcmd "$jpid" GC.heap_info 2>/dev/null \
      | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1)
    nb=$(find "$work/store/bundles" -type f 2>/dev/null | wc -l)
    sz=$(du -sk "$work/store/bundles" 2>/dev/null | cut -f1)
    tmpf=$(( $(find "$work/store/tmp" "$work/jtmp" -mindepth 1 2>/dev/null | wc -l) ))
    st=$(du -sk "$statedir" 2>/dev/null | cut -f1)
    c "${url}metrics" >"$work/metrics" 2>/dev/null || : >"$work/metrics"
    echo "$t,$rss,${heap:-},$thr,$fds,$nb,$((${sz:-0} * 1024)),$tmpf,$((${st:-0} * 1024)),$(metric vault_http_requests_total 'status="2'),$(metric vault_http_requests_total 'status="4'),$(metric vault_http_requests_total 'status="5'),$(metric vault_cooks_total 'outcome="done"'),$(metric vault_cooks_total 'outcome="failed"'),$(metric vault_cooks_waiting ''),$(metric vault_cooks_running '')" \
      >>"$out/soak.csv"
    running || break
    sleep 10
  done
}

: >"$work/asked"
printf 'function delay() return 10 end\n' >"$work/paced.lua"   # 2 connections × 100/s
wrk -t1 -c2 -d"${duration}s" -s "$work/paced.lua" "$api/flat/$head/" >"$out/wrk.out" 2>&1 & loops+=($!)
cooker & loops+=($!)
fetcher & loops+=($!)
bad & loops+=($!)
dropper & loops+=($!)
batcher & loops+=($!)
sampler
for p in "${loops[@]}"; do wait "$p" 2>/dev/null || true; done
loops=()

# evicted bundles come back: the first flat bundle asked for was cooked more than 90 s ago (when the run is
# long enough), so it has been evicted; asked again it is cooked again
again=${dirs[0]}
echo "== status of the first bundle asked for, then cooked again:" >&2
c "$api/flat/$again/"; echo
c -o /dev/null -X POST "$api/flat/$again/"
for _ in $(seq 300); do c "$api/flat/$again/" | grep -q '"status":"done"' && break; sleep 0.1; done
c -o "$work/again" "$api/flat/$again/raw/" && tar -tzf "$work/again" >/dev/null && echo "cooked again and fetched: OK" >&2 \
  || echo "cooked again: FAILED" >&2

python3 - "$out/soak.csv" "$log" <<'EOF'
import csv, sys, collections
rows = [{k: (float(v) if v else None) for k, v in r.items()} for r in csv.DictReader(open(sys.argv[1]))]
first = [r for r in rows if r["t"] <= 60]
last = [r for r in rows if r["t"] >= rows[-1]["t"] - 60]
def mean(rs, k):
    v = [r[k] for r in rs if r[k] is not None]
    return sum(v) / len(v) if v else float("nan")
def slope(k):  # least squares over the second half of the run (after the warm-up), per hour
    pts = [(r["t"], r[k]) for r in rows if r[k] is not None and r["t"] >= rows[-1]["t"] / 2]
    if len(pts) < 3: return float("nan")
    n = len(pts); mx = sum(p[0] for p in pts) / n; my = sum(p[1] for p in pts) / n
    d = sum((p[0] - mx) ** 2 for p in pts)
    return sum((p[0] - mx) * (p[1] - my) for p in pts) / d * 3600 if d else float("nan")
print("%-18s %14s %14s %14s" % ("", "first minute", "last minute", "2nd half slope/h"))
for k in ["rss_kb", "heap_after_gc_kb", "threads", "fds", "bundle_files", "bundle_bytes", "temp_files",
          "state_bytes", "cooks_waiting", "cooks_running"]:
    print("%-18s %14.0f %14.0f %14.1f" % (k, mean(first, k), mean(last, k), slope(k)))
end = rows[-1]
print("server /metrics at the end: 2xx %d, 4xx %d, 5xx %d; cooks done %d, failed %d" % (
    end["http_2xx"], end["http_4xx"], end["http_5xx"], end["cooks_done"], end["cooks_failed"]))
codes = collections.Counter()
bad = []
for line in open(sys.argv[2]):
    f = line.split()
    if len(f) < 2: continue
    codes[(f[0], f[1])] += 1
    if f[1].startswith("5") or len(f) > 2: bad.append(line.strip())
print("client requests by kind and code:")
for (k, code), n in sorted(codes.items()):
    print("  %-20s %s %7d" % (k, code, n))
print("5xx and failed checks seen by the clients: %d" % len(bad))
for b in bad[:20]: print("  " + b)
EOF
echo "== wrk (paced status GETs):" >&2; grep -E "Requests/sec|Non-2xx|Socket errors" "$out/wrk.out" >&2 || true
echo "== server log: $(wc -l <"$out/server.log") lines; WARN/ERROR lines (first 20 of $(grep -cE ' (WARN|ERROR) ' "$out/server.log" || true)):" >&2
grep -E ' (WARN|ERROR) ' "$out/server.log" | head -20 >&2 || true

#!/usr/bin/env bash
# Side-by-side benchmark on a real, large repository (git.git: 850,000 objects), or on gen-repo.py's
# generated one, with the vault in a small heap: does every bundle type cook in -Xmx256m, how long does it
# take next to git's own tools, how much memory does it hold.
#
#   benchmarks/gitgit.sh REPO [RUNS [ROWS]]        (defaults: 3 rounds, every row)
#   benchmarks/gitgit.sh gen-repo [RUNS [ROWS]]    (GENERATED="FILES COMMITS", default "250000 50000")
#
# REPO is a bare or non-bare clone of any repository (only read). `gen-repo` makes one with gen-repo.sh
# instead (250,000 files and 50,000 commits: 1,021,867 objects), then `git repack -a -d`. ROWS picks
# rows by name, comma-separated (say "flat,bare-head").
# flat       : vault cook swh:1:dir:<HEAD tree>                 vs  git archive --format=tar.gz HEAD
# gitfast    : vault cook --bundle-type gitfast swh:1:rev:<HEAD> vs  git fast-export --reencode=no HEAD | gzip -6
#              (--reencode=no: git.git has commits in other encodings, kept as they are, as the vault does;
#              without it git stops at the first one)
# bare-snp   : vault cook swh:1:snp:<snapshot of all refs>      vs  git clone --mirror --no-local + tar
#              (of a repository that lacks objects: pack-objects | index-pack + tar, see below)
# bare-head  : vault cook swh:1:rev:<HEAD> (git-bare)           vs  git clone --bare --no-local --single-branch --no-tags + tar
# flat-zstd, gitfast-zstd (only when ROWS names them): vault cook --compression zstd vs git archive --format=tar
#              / git fast-export piped into zstd -3 -T0
#
# The vault runs through ./vault (its JVM options included) with -Xmx256m, whole process; each round runs
# the vault command then git's, so both see the same load. Reported per row: wall times min/median/max of
# each, the ratio vault / git per round min/median/max, the vault's largest resident set (which counts the
# repository's pack pages once per window JGit maps, so it can exceed the machine's memory), its largest
# anonymous resident memory (heap and native, sampled every 0.5 s), the live heap (the largest heap a full
# collection left, -Xlog:gc; without one, the largest any collection left), and whether the cook ran out
# of heap (OOM: the row stops there). VAULT=path/to/vault compares another build; VAULT_JAVA_OPTS=-Xmx128m
# (say) cooks in another heap (the last -Xmx wins).
set -euo pipefail
repo=${1:?usage: gitgit.sh REPO|gen-repo [RUNS [ROWS]]}; runs=${2:-3}; rows=${3:-flat,gitfast,bare-snp,bare-head}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
. "$here/gen-repo.sh"
vault=${VAULT:-$root/vault}
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-gitgit.XXXXXX"); trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export VAULT_JAVA_OPTS="-Xmx256m ${VAULT_JAVA_OPTS:-}"

if [[ $repo == gen-repo ]]; then
  read -r gen_files gen_commits <<<"${GENERATED:-250000 50000}"
  gen_repo "$work/repo.git" "$gen_files" "$gen_commits"
  git -C "$work/repo.git" repack -adq
  repo=$work/repo.git
fi
repo=$(cd "$repo" && pwd)
tree=$(git -C "$repo" rev-parse 'HEAD^{tree}'); rev=$(git -C "$repo" rev-parse HEAD)
echo "$(git -C "$repo" count-objects -v | sed -n 's/^in-pack: //p') packed objects," \
  "$(git -C "$repo" for-each-ref | wc -l) references; load: $(uptime | sed 's/.*average: //')" >&2
warm_vault "$vault" "$repo"

# anon_peak PID: until PID ends, samples the anonymous resident memory (RssAnon: heap, stacks, native
# buffers; not the pack pages JGit maps, which RSS counts once per mapped window) of the java processes
# under it; prints the largest, in KiB.
anon_peak() {
  local max=0 v p
  while kill -0 "$1" 2>/dev/null; do
    for p in $(pgrep -f -- "-Xlog:gc:file=$work/gc.log" || true); do
      v=$(awk '/^RssAnon:/{print $2}' "/proc/$p/status" 2>/dev/null || true)
      [[ -n $v && $v -gt $max ]] && max=$v
    done
    sleep 0.5
  done
  echo "$max"
}

# timed NAME CMD: runs CMD once, appends "wall max-rss-KiB live-heap-KiB oom max-anon-KiB" to
# $work/NAME.times
timed() {
  local name=$1 oom=0 heap pid; shift
  rm -f "$work/gc.log"
  VAULT_JAVA_OPTS="$VAULT_JAVA_OPTS -Xlog:gc:file=$work/gc.log" \
    /usr/bin/time -f '%e %M' -o "$work/t" bash -o pipefail -c "$*" >/dev/null 2>"$work/err" &
  pid=$!
  anon_peak "$pid" >"$work/anon" &
  if ! wait "$pid"; then
    grep -qi -e OutOfMemory -e 'heap is too small' -e 'Xmx' "$work/err" || { cat "$work/err" >&2; exit 1; }
    oom=1
  fi
  wait
  # The live heap: what full collections leave (the serial collector's young ones leave the old
  # generation's garbage too); without a full collection, what any collection left (an upper bound).
  heap=$( { grep 'Pause Full' "$work/gc.log" 2>/dev/null || grep 'Pause' "$work/gc.log" 2>/dev/null || true; } |
    { grep -o -- '->[0-9]*[KMG]' || true; } | tr -d -- '->' |
    awk '/K$/{v=$0+0} /M$/{v=($0+0)*1024} /G$/{v=($0+0)*1048576} {if (v > m) m = v} END {print m + 0}')
  echo "$(tail -n 1 "$work/t") $heap $oom $(cat "$work/anon")" >>"$work/$name.times"
  return $oom
}

# pair LABEL VAULT-CMD GIT-CMD [VAULT-OUT GIT-OUT]: RUNS rounds of the vault command then git's, then one
# line (with the sizes of the two outputs when named)
pair() {
  local label=$1 vcmd=$2 gcmd=$3 vout=${4:-} gout=${5:-}
  [[ ,$rows, == *,$label,* ]] || return 0
  echo "$label… (load: $(uptime | sed 's/.*average: //'))" >&2
  : >"$work/v.times"; : >"$work/g.times"
  for _ in $(seq "$runs"); do
    timed v "$vcmd" || break
    timed g "$gcmd"
  done
  python3 - "$label" "$work/v.times" "$work/g.times" "$(uptime | sed 's/.*average: //')" "$vout" "$gout" <<'EOF'
import os, sys
label, vt, gt, load, vout, gout = sys.argv[1:7]
v = [list(map(float, l.split())) for l in open(vt)]
g = [list(map(float, l.split())) for l in open(gt)]
if v and v[-1][3]:
    heap = ([o for o in os.environ.get("VAULT_JAVA_OPTS", "").split() if o.startswith("-Xmx")] or ["-Xmx?"])[-1]
    print("%-10s OOM in %s after %.1f s (rss %d MiB)" % (label, heap, v[-1][0], v[-1][1] / 1024))
    sys.exit(0)
med = lambda a: sorted(a)[(len(a) - 1) // 2]
mmm = lambda a: "%.1f/%.1f/%.1f" % (min(a), med(a), max(a))
ratios = [a[0] / b[0] for a, b in zip(v, g)]
print("%-10s wall s vault %s  git %s  ratio %s | vault rss %d MiB, anon %d MiB, live heap %d MiB"
      " | git rss %d MiB | load %s"
      % (label, mmm([r[0] for r in v]), mmm([r[0] for r in g]), mmm(ratios), max(r[1] for r in v) / 1024,
         max(r[4] for r in v) / 1024, max(r[2] for r in v) / 1024, max(r[1] for r in g) / 1024, load))
if vout and gout and os.path.exists(vout) and os.path.exists(gout):
    print("%-10s sizes: vault %.1f MiB, git %.1f MiB" % (label, os.path.getsize(vout) / 2**20, os.path.getsize(gout) / 2**20))
EOF
}

echo "min/median/max over $runs alternating rounds; ratio = vault / git per round" >&2
pair flat "'$vault' cook -q --max-size 0 --repo '$repo' swh:1:dir:$tree '$work/flat.tar.gz'" \
  "git -C '$repo' archive --format=tar.gz HEAD > '$work/git.tar.gz'" "$work/flat.tar.gz" "$work/git.tar.gz"
pair gitfast "'$vault' cook -q --max-size 0 --repo '$repo' --bundle-type gitfast swh:1:rev:$rev '$work/fast.gz'" \
  "git -C '$repo' fast-export --reencode=no HEAD | gzip -6 > '$work/git-fast.gz'" "$work/fast.gz" "$work/git-fast.gz"
# zstd, the opt-in (vault cook --compression zstd, zstd -3 on all cores) against git's tools piped into zstd -3
# -T0 (also all cores): only with ROWS naming them
pair flat-zstd "'$vault' cook -q --max-size 0 --compression zstd --repo '$repo' swh:1:dir:$tree '$work/flat.tar.zst'" \
  "git -C '$repo' archive --format=tar HEAD | zstd -q -3 -T0 > '$work/git.tar.zst'" \
  "$work/flat.tar.zst" "$work/git.tar.zst"
pair gitfast-zstd "'$vault' cook -q --max-size 0 --compression zstd --repo '$repo' --bundle-type gitfast swh:1:rev:$rev '$work/fast.zst'" \
  "git -C '$repo' fast-export --reencode=no HEAD | zstd -q -3 -T0 > '$work/git-fast.zst'" \
  "$work/fast.zst" "$work/git-fast.zst"
# git's own copy: a clone, unless the repository lacks objects (a partial clone, as some copies of git.git
# are: `git clone` then refuses), in which case the work of one without the clone's connectivity check:
# pack-objects of what the references reach, index-pack into a new repository, the references copied
# (GIT_COPY=pack makes it do so for any repository).
if [[ ${GIT_COPY:-} != pack && -z $(git -C "$repo" rev-list --objects --all --missing=print | grep -m 1 '^?' || true) ]]; then
  git_snp="git clone -q --mirror --no-local '$repo' '$work/m.git'"
  git_head="git clone -q --bare --no-local --single-branch --no-tags '$repo' '$work/m.git'"
else
  echo "the repository lacks objects: git's side packs and indexes what it has instead of cloning" >&2
  copy() { # copy OPTION STDIN REFS: what git clone --mirror --no-local does, without its checks
    echo "git init -q --bare '$work/m.git' && printf '$2' | git -C '$repo' pack-objects -q --revs $1" \
      "--missing=allow-any --stdout | git -C '$work/m.git' index-pack --stdin >/dev/null &&" \
      "git -C '$repo' for-each-ref --format='%(objectname) %(refname)' $3 > '$work/m.git/packed-refs'"
  }
  git_snp=$(copy --all '' '')
  git_head=$(copy '' 'HEAD\n' "refs/heads/$(git -C "$repo" symbolic-ref --short HEAD)")
fi
pair bare-snp "'$vault' cook -q --max-size 0 --repo '$repo' $snp '$work/bare.tar'" \
  "rm -rf '$work/m.git' && $git_snp && tar -cf '$work/m.tar' -C '$work' m.git"
pair bare-head "'$vault' cook -q --max-size 0 -t git-bare --repo '$repo' swh:1:rev:$rev '$work/head.tar'" \
  "rm -rf '$work/m.git' && $git_head && tar -cf '$work/m.tar' -C '$work' m.git"

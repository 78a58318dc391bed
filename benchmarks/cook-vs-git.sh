#!/usr/bin/env bash
# Side-by-side benchmark: swhvault's cookers against git's own tools on one generated repository.
#
#   benchmarks/cook-vs-git.sh [FILES [COMMITS [RUNS]]]     (defaults: 20000 2000 5)
#
# flat          : vault cook swh:1:dir:<head tree>             vs  git archive --format=tar.gz <tree>
# gitfast       : vault cook --bundle-type gitfast <head rev>   vs  git fast-export master | gzip
# git-bare      : vault cook swh:1:snp:<snapshot>               vs  git clone --mirror --no-local + tar
# (local)       : the same git-bare cook                        vs  git clone --mirror (hard links) + tar
# flat zstd     : vault cook --compression zstd <tree>          vs  git archive --format=tar | zstd -3
# gitfast zstd  : vault cook --compression zstd -t gitfast      vs  git fast-export master | zstd -3
# (the zstd rows only where the zstd command is installed)
#
# The vault runs with -Xmx256m (so a bundle that needed more heap would fail the run), through ./vault
# (its JVM options included), whole process, start-up included. Each round runs the vault command and
# git's right after each other, so both see the same load: on a shared machine, the ratios of a round
# are steadier than the times. Reported per row: wall times min/median/max of each, the ratio
# vault / git of each round min/median/max, the median CPU times (user + system) and their ratio, the
# bundle sizes and their ratio, and the vault's largest resident set.
# VAULT=path/to/vault compares another build (say, a checkout of an older commit).
set -euo pipefail
files=${1:-20000}; commits=${2:-2000}; runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
. "$here/gen-repo.sh"
vault=${VAULT:-$root/vault}
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-bench.XXXXXX"); trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export VAULT_JAVA_OPTS="-Xmx256m ${VAULT_JAVA_OPTS:-}"

gen_repo "$work/repo.git" "$files" "$commits"
git -C "$work/repo.git" repack -adq
warm_vault "$vault" "$work/repo.git"

# timed NAME CMD: runs CMD once, appends "wall max-rss-KiB cpu" to $work/NAME.times
timed() {
  local name=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$work/t" bash -c "$*" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk '{print $1, $2, $3 + $4}' "$work/t" >>"$work/$name.times"
}

# pair LABEL VAULT-CMD VAULT-OUT GIT-CMD GIT-OUT: RUNS rounds of the vault command then git's, then one line
pair() {
  local label=$1 vcmd=$2 vout=$3 gcmd=$4 gout=$5
  echo "$label…" >&2
  : >"$work/v.times"; : >"$work/g.times"
  for _ in $(seq "$runs"); do
    timed v "$vcmd"
    timed g "$gcmd"
  done
  python3 - "$label" "$work/v.times" "$work/g.times" "$(stat -c %s "$vout")" "$(stat -c %s "$gout")" <<'EOF'
import sys
label, vt, gt, vsize, gsize = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
v = [list(map(float, l.split())) for l in open(vt)]
g = [list(map(float, l.split())) for l in open(gt)]
med = lambda a: sorted(a)[(len(a) - 1) // 2]
mmm = lambda a: "%.2f/%.2f/%.2f" % (min(a), med(a), max(a))
ratios = [a[0] / b[0] for a, b in zip(v, g)]
vcpu, gcpu = med([r[2] for r in v]), med([r[2] for r in g])
print("%-13s wall s vault %s  git %s  ratio %s | cpu s %.2f vs %.2f = %.2f | size %.1f vs %.1f MiB = %.3f | rss %d MiB"
      % (label, mmm([r[0] for r in v]), mmm([r[0] for r in g]), mmm(ratios), vcpu, gcpu, vcpu / gcpu,
         vsize / 2**20, gsize / 2**20, vsize / gsize, max(r[1] for r in v) / 1024))
EOF
}

echo "min/median/max over $runs alternating rounds; ratio = vault / git per round" >&2
pair flat "'$vault' cook -q --repo '$work/repo.git' swh:1:dir:$tree '$work/flat.tar.gz'" "$work/flat.tar.gz" \
  "git -C '$work/repo.git' archive --format=tar.gz $tree > '$work/git.tar.gz'" "$work/git.tar.gz"
pair gitfast "'$vault' cook -q --repo '$work/repo.git' --bundle-type gitfast swh:1:rev:$rev '$work/fast.gz'" \
  "$work/fast.gz" "git -C '$work/repo.git' fast-export master | gzip > '$work/git-fast.gz'" "$work/git-fast.gz"
pair git-bare "'$vault' cook -q --repo '$work/repo.git' $snp '$work/bare.tar'" "$work/bare.tar" \
  "rm -rf '$work/m.git' && git clone -q --mirror --no-local '$work/repo.git' '$work/m.git' && tar -cf '$work/m.tar' -C '$work' m.git" \
  "$work/m.tar"
pair "(local)" "'$vault' cook -q --repo '$work/repo.git' $snp '$work/bare.tar'" "$work/bare.tar" \
  "rm -rf '$work/m.git' && git clone -q --mirror '$work/repo.git' '$work/m.git' && tar -cf '$work/m.tar' -C '$work' m.git" \
  "$work/m.tar"
if command -v zstd >/dev/null; then
  pair "flat zstd" "'$vault' cook -q --compression zstd --repo '$work/repo.git' swh:1:dir:$tree '$work/flat.tar.zst'" \
    "$work/flat.tar.zst" "git -C '$work/repo.git' archive --format=tar $tree | zstd -q -3 > '$work/git.tar.zst'" \
    "$work/git.tar.zst"
  pair "gitfast zstd" "'$vault' cook -q --compression zstd --repo '$work/repo.git' -t gitfast swh:1:rev:$rev '$work/fast.zst'" \
    "$work/fast.zst" "git -C '$work/repo.git' fast-export master | zstd -q -3 > '$work/git-fast.zst'" "$work/git-fast.zst"
fi

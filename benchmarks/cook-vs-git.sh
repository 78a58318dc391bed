#!/usr/bin/env bash
# Side-by-side benchmark: swhvault's cookers against git's own tools on one generated repository.
#
#   benchmarks/cook-vs-git.sh [FILES [COMMITS [RUNS]]]     (defaults: 20000 2000 3)
#
# flat     : vault cook swh:1:dir:<head tree>            vs  git archive --format=tar.gz <tree>
# gitfast  : vault cook --bundle-type gitfast <head rev>  vs  git fast-export master | gzip
# git-bare : vault cook swh:1:snp:<snapshot>              vs  git clone --mirror (--no-local) + tar
# The vault runs with -Xmx256m (so a bundle that needed more heap would fail the run). Each
# command runs RUNS times; the median wall time is reported, with the ratio vault / git.
set -euo pipefail
files=${1:-20000}; commits=${2:-2000}; runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-bench.XXXXXX"); trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export VAULT_JAVA_OPTS="-Xmx256m ${VAULT_JAVA_OPTS:-}"

echo "generating a repository: $files files, $commits commits…" >&2
git init -q --bare "$work/repo.git"
python3 "$here/gen-repo.py" "$files" "$commits" | git -C "$work/repo.git" fast-import --quiet
git -C "$work/repo.git" symbolic-ref HEAD refs/heads/master
git -C "$work/repo.git" repack -adq
tree=$(git -C "$work/repo.git" rev-parse 'master^{tree}')
rev=$(git -C "$work/repo.git" rev-parse master)
"$root/vault" --help >/dev/null   # build once, outside the timings
snp=$("$root/vault" identify --type snapshot --no-filename "$work/repo.git")

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# time_cmd NAME CMD… : runs the command RUNS times, prints the median seconds; max RSS to $work/rss
time_cmd() {
  local name=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M %U %S' -o "$work/t" bash -c "$*" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    cat "$work/t"
  done >"$work/$name.times"
  awk '{print $1}' "$work/$name.times" | median
}
cpu() { awk '{print $3 + $4}' "$work/$1.times" | median; }

row() { # label vault-seconds git-seconds size-vault size-git rss vault-cpu git-cpu
  printf '%-9s wall: vault %6.2fs git %6.2fs ratio %4.2f | cpu: vault %6.2fs git %6.2fs ratio %4.2f | bundle %5.1f vs %5.1f MiB | vault max RSS %4d MiB\n' \
    "$1" "$2" "$3" "$(echo "$2 / $3" | bc -l)" "$7" "$8" "$(echo "$7 / $8" | bc -l)" \
    "$(echo "$4 / 1048576" | bc -l)" "$(echo "$5 / 1048576" | bc -l)" "$6"
}
rss() { awk '{print $2}' "$work/$1.times" | sort -n | tail -1 | awk '{printf "%d", $1/1024}'; }

echo "flat…" >&2
v=$(time_cmd vflat "'$root/vault' cook --repo '$work/repo.git' swh:1:dir:$tree '$work/flat.tar.gz'")
g=$(time_cmd gflat "git -C '$work/repo.git' archive --format=tar.gz $tree > '$work/git.tar.gz'")
row flat "$v" "$g" "$(stat -c %s "$work/flat.tar.gz")" "$(stat -c %s "$work/git.tar.gz")" "$(rss vflat)" "$(cpu vflat)" "$(cpu gflat)"

echo "gitfast…" >&2
v=$(time_cmd vfast "'$root/vault' cook --repo '$work/repo.git' --bundle-type gitfast swh:1:rev:$rev '$work/fast.gz'")
g=$(time_cmd gfast "git -C '$work/repo.git' fast-export master | gzip > '$work/git-fast.gz'")
row gitfast "$v" "$g" "$(stat -c %s "$work/fast.gz")" "$(stat -c %s "$work/git-fast.gz")" "$(rss vfast)" "$(cpu vfast)" "$(cpu gfast)"

echo "git-bare…" >&2
v=$(time_cmd vbare "'$root/vault' cook --repo '$work/repo.git' $snp '$work/bare.tar'")
g=$(time_cmd gbare "rm -rf '$work/m.git' && git clone -q --mirror --no-local '$work/repo.git' '$work/m.git' && tar -cf '$work/m.tar' -C '$work' m.git")
row git-bare "$v" "$g" "$(stat -c %s "$work/bare.tar")" "$(stat -c %s "$work/m.tar")" "$(rss vbare)" "$(cpu vbare)" "$(cpu gbare)"
g=$(time_cmd gbarel "rm -rf '$work/m.git' && git clone -q --mirror '$work/repo.git' '$work/m.git' && tar -cf '$work/m.tar' -C '$work' m.git")
row "(local)" "$v" "$g" "$(stat -c %s "$work/bare.tar")" "$(stat -c %s "$work/m.tar")" "$(rss vbare)" "$(cpu vbare)" "$(cpu gbarel)"

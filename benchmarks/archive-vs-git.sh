#!/usr/bin/env bash
# Side-by-side benchmark: cooking from a Software Heritage archive (swh-storage's PostgreSQL schema plus a
# pathslicing objstorage, as a mirror has them) against cooking from the git repository it was loaded from.
#
#   benchmarks/archive-vs-git.sh [FILES [COMMITS [RUNS]]]     (defaults: 2000 500 3)
#
# Generates a repository (gen-repo.py), starts a throw-away PostgreSQL, runs `vault load` into it (timed), then
# for flat (the head tree), gitfast (the head revision) and git-bare (the snapshot) runs `vault cook --repo` and
# `vault cook --storage … --objstorage …` RUNS times each, alternating, and reports min/median/max wall times,
# the ratio archive / git of the medians, and whether the bundles are the same bytes (flat and gitfast must be;
# git-bare from git copies stored objects, so its size is reported instead). The vault runs with -Xmx256m.
set -euo pipefail
files=${1:-2000}; commits=${2:-500}; runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-archive-bench.XXXXXX"); chmod 755 "$work"
. "$here/pg-cluster.sh"
trap 'pg_stop; rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export VAULT_JAVA_OPTS="-Xmx256m ${VAULT_JAVA_OPTS:-}"

pg_start
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE swh" postgres
url="postgresql://postgres@127.0.0.1:$pgport/swh"
objects=$work/objects; mkdir -p "$objects"

echo "generating a repository: $files files, $commits commits…" >&2
git init -q --bare "$work/repo.git"
python3 "$here/gen-repo.py" "$files" "$commits" | git -C "$work/repo.git" fast-import --quiet
git -C "$work/repo.git" symbolic-ref HEAD refs/heads/master
git -C "$work/repo.git" repack -adq
tree=$(git -C "$work/repo.git" rev-parse 'master^{tree}')
rev=$(git -C "$work/repo.git" rev-parse master)
"$root/vault" --help >/dev/null   # build once, outside the timings
snp=$("$root/vault" identify --type snapshot --no-filename "$work/repo.git")

t0=$(date +%s.%N)
"$root/vault" load -q --repo "$work/repo.git" --storage "$url" --objstorage "pathslicing:$objects" \
  --create-schema mirror 2>"$work/load.log" || { cat "$work/load.log" >&2; exit 1; }
t1=$(date +%s.%N)
printf 'load: %.1f s (%s)\n' "$(python3 -c "print($t1 - $t0)")" "$(sed -n 's/^vault: loaded .*\/swh: //p' "$work/load.log")"

stats() { sort -n | awk '{a[NR]=$1} END {printf "%s %s %s\n", a[1], a[int((NR+1)/2)], a[NR]}'; }
for spec in "flat swh:1:dir:$tree" "gitfast swh:1:rev:$rev" "git-bare $snp"; do
  set -- $spec; type=$1; swhid=$2
  : >"$work/git.times"; : >"$work/archive.times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f %e -o "$work/t" "$root/vault" cook -q --repo "$work/repo.git" -t "$type" "$swhid" \
      "$work/git.bundle" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    cat "$work/t" >>"$work/git.times"
    /usr/bin/time -f %e -o "$work/t" "$root/vault" cook -q --storage "$url" --objstorage "pathslicing:$objects" \
      -t "$type" "$swhid" "$work/archive.bundle" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    cat "$work/t" >>"$work/archive.times"
  done
  read -r gmin gmed gmax < <(stats <"$work/git.times")
  read -r amin amed amax < <(stats <"$work/archive.times")
  same=$(cmp -s "$work/git.bundle" "$work/archive.bundle" && echo "same bytes" || echo "differ")
  printf '%-9s git %5.2f/%5.2f/%5.2f s  archive %5.2f/%5.2f/%5.2f s (min/median/max)  ratio %.2f  sizes %s / %s (%s)\n' \
    "$type" "$gmin" "$gmed" "$gmax" "$amin" "$amed" "$amax" "$(python3 -c "print($amed / $gmed)")" \
    "$(stat -c %s "$work/git.bundle")" "$(stat -c %s "$work/archive.bundle")" "$same"
done

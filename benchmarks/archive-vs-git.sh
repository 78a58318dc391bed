#!/usr/bin/env bash
# Side-by-side benchmark: cooking from a Software Heritage archive (swh-storage's PostgreSQL schema plus a
# pathslicing objstorage, as a mirror has them) against cooking from the git repository it was loaded from.
#
#   benchmarks/archive-vs-git.sh [FILES [COMMITS [RUNS]]]     (defaults: 2000 500 3)
#
# Generates a repository (gen-repo.py), starts a throw-away PostgreSQL, runs `vault load` into it (timed, in
# LOAD_HEAP, default -Xmx64m: the loader's memory does not grow with the repository's trees and contents), loads
# again (nothing to write), then for flat (the head tree), gitfast (the head revision) and git-bare (the snapshot)
# runs `vault cook --repo` and `vault cook --storage … --objstorage …` RUNS times each, alternating, and reports
# min/median/max wall times, the ratio archive / git of the medians, and whether the bundles are the same (flat
# and gitfast: the same bytes; git-bare, whose pack from git copies stored objects: the same objects, as
# `git cat-file --batch-all-objects` lists them, and the same refs, both bundles passing `git fsck`). The cooks
# run with -Xmx256m.
set -euo pipefail
files=${1:-2000}; commits=${2:-500}; runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
. "$here/gen-repo.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-archive-bench.XXXXXX"); chmod 755 "$work"
. "$here/pg-cluster.sh"
trap 'pg_stop; rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export VAULT_JAVA_OPTS="-Xmx256m ${VAULT_JAVA_OPTS:-}"

pg_start
"$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qc "CREATE DATABASE swh" postgres
url="postgresql://postgres@127.0.0.1:$pgport/swh"
objects=$work/objects; mkdir -p "$objects"

gen_repo "$work/repo.git" "$files" "$commits"
git -C "$work/repo.git" repack -adq
warm_vault "$root/vault" "$work/repo.git"

load() { # ARGS…: a timed `vault load`, in LOAD_HEAP, with its summary
  local t0 t1
  t0=$(date +%s.%N)
  VAULT_JAVA_OPTS="$VAULT_JAVA_OPTS ${LOAD_HEAP:--Xmx64m}" "$root/vault" load -q --repo "$work/repo.git" \
    --storage "$url" --objstorage "pathslicing:$objects" "$@" 2>"$work/load.log" || { cat "$work/load.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  printf '%.1f s (%s)\n' "$(python3 -c "print($t1 - $t0)")" "$(sed -n 's/^vault: loaded .*\/swh: //p' "$work/load.log")"
}
echo "load (${LOAD_HEAP:--Xmx64m}): $(load --create-schema mirror)"
echo "load again: $(load)"

same_repository() { # GIT_TAR ARCHIVE_TAR SWHID: whether two git-bare bundles hold the same objects and refs
  local d
  for d in g a; do rm -rf "$work/$d"; mkdir "$work/$d"; done
  tar -xf "$1" -C "$work/g"; tar -xf "$2" -C "$work/a"
  for d in g a; do
    git -C "$work/$d/$3.git" fsck --strict --no-dangling 2>/dev/null || { echo "fsck FAILS"; return; }
    git -C "$work/$d/$3.git" cat-file --batch-all-objects --batch-check | sort >"$work/$d.objects"
    git -C "$work/$d/$3.git" for-each-ref --format='%(refname) %(objectname)' >"$work/$d.refs"
  done
  if cmp -s "$work/g.objects" "$work/a.objects" && cmp -s "$work/g.refs" "$work/a.refs"; then
    echo "same $(wc -l <"$work/a.objects") objects and $(wc -l <"$work/a.refs") refs"
  else
    echo "DIFFERENT objects or refs"
  fi
}
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
  if [[ $type == git-bare ]]; then
    same=$(same_repository "$work/git.bundle" "$work/archive.bundle" "$swhid")
  else
    same=$(cmp -s "$work/git.bundle" "$work/archive.bundle" && echo "same bytes" || echo "DIFFER")
  fi
  printf '%-9s git %5.2f/%5.2f/%5.2f s  archive %5.2f/%5.2f/%5.2f s (min/median/max)  ratio %.2f  sizes %s / %s (%s)\n' \
    "$type" "$gmin" "$gmed" "$gmax" "$amin" "$amed" "$amax" "$(python3 -c "print($amed / $gmed)")" \
    "$(stat -c %s "$work/git.bundle")" "$(stat -c %s "$work/archive.bundle")" "$same"
done

#!/usr/bin/env bash
# Side-by-side benchmark: git-bare bundles packed object by object with delta search (how every archive
# source cooks: it stores no packs) against the stored-pack path and against git's and JGit's own delta
# search, on the same objects, in the same run.
#
#   benchmarks/gitbare-deltas.sh [REPO [RUNS]]     (defaults: history, 5 runs)
#
# REPO is any git repository, copied with `git clone --mirror` (for example a real history such as
# /work/.mirror/SoftwareHeritage+swh-storage/repo), or `history` for vault-testing's GeneratedHistory
# (code edited a few lines at a time; GENERATED="FILES COMMITS", default "150 2500"), or `gen-repo` for
# gen-repo.py's repository of cook-vs-git.sh (files rewritten whole with random words: few deltas;
# GENERATED default "20000 2000"). The copy is repacked once
# with `git repack -a -d -f`, so that the stored-pack path copies git's best pack. Then, alternating, RUNS
# times each, as whole processes:
#   archive : vault git-bare object by object, delta search (the repository hidden behind a source that
#             shows objects one by one), -Xmx256m
#   stored  : vault git-bare copying the repository's pack (the fast path), -Xmx256m
#   repack  : git repack -a -d -f -q (git's delta search: window 10, depth 50, all processors)
#   jgit    : JGit's PackWriter with its delta search over the same objects (window 10, depth 50, all
#             processors; the pack only), -Xmx1g
# Reported: wall time min/median/max and its ratio to repack's median, median CPU time, max RSS, the
# pack's size and its ratio to git's (repack) and to the stored one, and the bundle's size.
set -euo pipefail
repo=${1:-history}; runs=${2:-5}
defaults="150 2500"; [[ $repo == gen-repo ]] && defaults="20000 2000"
read -r gen_files gen_commits <<<"${GENERATED:-$defaults}"
here=$(cd "$(dirname "$0")" && pwd); root=$(dirname "$here")
. "$here/gen-repo.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/swhvault-deltas.XXXXXX"); trap 'rm -rf "$work"' EXIT
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

(cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true) >&2
jar=$(ls "$root"/benchmarks/target/benchmarks-*.jar | grep -v -e sources -e javadoc | head -n 1)
java_cp="$jar:$root/benchmarks/target/lib/*"
main=org.swhvault.benchmarks.GitBareDeltas

if [[ $repo == history ]]; then
  echo "generating a history: $gen_files files, $gen_commits commits…" >&2
  java -cp "$java_cp" "$main" generate "$work/repo.git" "$gen_files" "$gen_commits"
elif [[ $repo == gen-repo ]]; then
  gen_repo "$work/repo.git" "$gen_files" "$gen_commits"
else
  git clone -q --mirror --no-local "$repo" "$work/repo.git"
fi
git -C "$work/repo.git" repack -a -d -f -q
git clone -q --mirror --no-local "$work/repo.git" "$work/copy.git"   # what `repack` repacks, again and again
echo "objects: $(git -C "$work/repo.git" count-objects -v | awk '/in-pack/ {print $2}'), commits: $(git -C "$work/repo.git" rev-list --all --count)" >&2

names=(archive stored repack jgit)
declare -A cmd=(
  [archive]="java -Xmx256m -cp '$java_cp' $main archive '$work/repo.git' '$work/archive.tar'"
  [stored]="java -Xmx256m -cp '$java_cp' $main stored '$work/repo.git' '$work/stored.tar'"
  [repack]="git -C '$work/copy.git' repack -a -d -f -q"
  [jgit]="java -Xmx1g -cp '$java_cp' $main jgit '$work/repo.git' '$work/jgit.pack'"
)
for run in $(seq "$runs"); do
  echo "run $run of $runs…" >&2
  for name in "${names[@]}"; do
    /usr/bin/time -f '%e %M %U %S' -o "$work/t" bash -c "${cmd[$name]}" >/dev/null 2>"$work/err" \
      || { cat "$work/err" >&2; exit 1; }
    cat "$work/t" >>"$work/$name.times"
  done
done

stat3() { sort -n | awk '{a[NR]=$1} END {printf "%.2f %.2f %.2f\n", a[1], a[int((NR+1)/2)], a[NR]}'; }
tar_member() { tar -tvf "$1" | awk -v s="$2" '$6 ~ s {print $3}'; }
pack_size() {
  case $1 in
    archive|stored) tar_member "$work/$1.tar" 'pack$' ;;
    repack) stat -c %s "$work"/copy.git/objects/pack/*.pack ;;
    jgit) stat -c %s "$work/jgit.pack" ;;
  esac
}
git_pack=$(pack_size repack); stored_pack=$(pack_size stored)
git_median=$(awk '{print $1}' "$work/repack.times" | stat3 | awk '{print $2}')
printf '%-8s %-22s %7s %8s %8s %10s %8s %8s %10s\n' "" "wall min/med/max (s)" "x git" "cpu (s)" "RSS MiB" \
  "pack MB" "x git" "x stored" "bundle MB"
for name in "${names[@]}"; do
  read -r lo med hi < <(awk '{print $1}' "$work/$name.times" | stat3)
  cpu=$(awk '{print $3 + $4}' "$work/$name.times" | stat3 | awk '{print $2}')
  rss=$(awk '{print $2}' "$work/$name.times" | sort -n | tail -1 | awk '{printf "%d", $1 / 1024}')
  pack=$(pack_size "$name")
  bundle=-; [[ -f $work/$name.tar ]] && bundle=$(awk -v b="$(stat -c %s "$work/$name.tar")" 'BEGIN {printf "%.2f", b / 1e6}')
  printf '%-8s %6.2f/%6.2f/%6.2f   %7.2f %8.2f %8d %10.2f %8.2f %8.2f %10s\n' "$name" "$lo" "$med" "$hi" \
    "$(echo "$med / $git_median" | bc -l)" "$cpu" "$rss" "$(echo "$pack / 1000000" | bc -l)" \
    "$(echo "$pack / $git_pack" | bc -l)" "$(echo "$pack / $stored_pack" | bc -l)" "$bundle"
done

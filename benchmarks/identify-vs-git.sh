#!/usr/bin/env bash
# Times `vault identify DIR` (through the jar, JVM start-up included) against git's own hashing on
# the same generated tree, side by side in one run, and prints the ratios:
#   - git hash-object of every file (find | git hash-object --stdin-paths): hashing only, one thread;
#   - git add -A && git write-tree on a fresh repository: what git does to identify a tree (it also
#     compresses and writes every blob).
# Every command runs RUNS times on a warm page cache; the best time of each is reported.
#
#   benchmarks/identify-vs-git.sh [DIR]
#
# DIR (default: a temporary directory, deleted afterwards) is filled by TreeGenerator unless it
# already holds a tree. Environment: FILES (20000), MB (200), RUNS (3).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
files=${FILES:-20000} mb=${MB:-200} runs=${RUNS:-3}

(cd "$root" && mvn -B -q -pl examples,benchmarks -am package -DskipTests \
    -Dmaven.javadoc.skip=true -Dmaven.source.skip=true)
bench_jar=$(ls "$root"/benchmarks/target/benchmarks-*.jar | grep -v -e sources -e javadoc | head -n 1)
vault_jar=$root/examples/target/vault.jar

work=$(mktemp -d "${TMPDIR:-/tmp}/vault-vs-git.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=${1:-$work/tree}
if [[ ! -d $tree ]] || [[ -z $(ls -A "$tree") ]]; then
  java -cp "$bench_jar:$root/benchmarks/target/lib/*" org.swhvault.benchmarks.TreeGenerator "$tree" "$files" "$mb"
fi
size_mb=$(du -sm --apparent-size "$tree" | cut -f1)
nfiles=$(find "$tree" -type f | wc -l)
find "$tree" -type f -exec cat {} + >/dev/null   # warm the page cache for everyone

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=$work
export LC_ALL=C.UTF-8

now() { date +%s%N; }
# best RUNS wall-clock time in seconds of "$@"
best() {
  local best_ns=
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(now)
    "$@" >/dev/null
    t1=$(now)
    if [[ -z $best_ns ]] || ((t1 - t0 < best_ns)); then best_ns=$((t1 - t0)); fi
  done
  awk -v ns="$best_ns" 'BEGIN { printf "%.3f", ns / 1e9 }'
}

vault_identify() {
  java --add-opens java.base/sun.nio.fs=ALL-UNNAMED -jar "$vault_jar" identify --no-filename "$@"
}
git_hash_object() {
  (cd "$tree" && find . -type f -print | git hash-object --stdin-paths)
}
git_add_write_tree() {
  local repo=$work/repo.git
  rm -rf "$repo"
  git init -q --bare "$repo"
  git --git-dir="$repo" --work-tree="$tree" add -A
  git --git-dir="$repo" --work-tree="$tree" write-tree
}
vault_start() { java -jar "$vault_jar" --version; }

echo "tree: $tree ($nfiles files, $size_mb MB); $(nproc) processors; best of $runs runs" >&2
echo "vault identify: $(vault_identify "$tree")" >&2
t_vault=$(best vault_identify "$tree")
t_vault1=$(best vault_identify -j 1 "$tree")
t_start=$(best vault_start)
t_hash=$(best git_hash_object)
t_add=$(best git_add_write_tree)

row() { awk -v n="$1" -v t="$2" -v mb="$size_mb" 'BEGIN { printf "%-44s %8.3f s %8.0f MB/s\n", n, t, mb / t }'; }
ratio() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%-44s %8.2f\n", n, a / b }'; }
printf '%-44s %10s %11s\n' "command" "time" "throughput"
row "vault identify DIR (all processors)" "$t_vault"
row "vault identify -j 1 DIR (one hashing thread)" "$t_vault1"
row "git hash-object --stdin-paths (all files)" "$t_hash"
row "git add -A && git write-tree (fresh repo)" "$t_add"
printf '%-44s %8.3f s\n' "(JVM start-up: vault --version)" "$t_start"
echo
ratio "vault / git hash-object" "$t_vault" "$t_hash"
ratio "vault -j 1 / git hash-object" "$t_vault1" "$t_hash"
ratio "vault / git add+write-tree" "$t_vault" "$t_add"

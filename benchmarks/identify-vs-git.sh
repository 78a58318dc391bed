#!/usr/bin/env bash
# Times `vault identify DIR` (through the jar, JVM start-up included) against git's own hashing on
# the same generated tree, side by side in one run, and prints the ratios:
#   - git hash-object of every file (find | git hash-object --stdin-paths): hashing only, one thread;
#   - git add -A && git write-tree on a fresh repository: what git does to identify a tree (it also
#     compresses and writes every blob).
# Every command runs RUNS times on a warm page cache; the best wall-clock and CPU times are reported.
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

# best of RUNS runs of "$@": prints "<wall seconds> <cpu seconds>" (CPU = user + system, children
# included), each the minimum over the runs; on a shared machine CPU time is the steadier figure
best() {
  local bw= bc= line w u s
  for ((i = 0; i < runs; i++)); do
    line=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 )
    read -r w u s <<<"$line"
    bw=$(awk -v a="$bw" -v b="$w" 'BEGIN { print (a == "" || b < a) ? b : a }')
    bc=$(awk -v a="$bc" -v b="$u" -v c="$s" 'BEGIN { t = b + c; print (a == "" || t < a) ? t : a }')
  done
  echo "$bw $bc"
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

echo "tree: $tree ($nfiles files, $size_mb MB); $(nproc) processors; load: $(cut -d' ' -f1-3 /proc/loadavg); best of $runs runs" >&2
echo "vault identify: $(vault_identify "$tree")" >&2
read -r w_vault c_vault <<<"$(best vault_identify "$tree")"
read -r w_vault1 c_vault1 <<<"$(best vault_identify -j 1 "$tree")"
read -r w_start c_start <<<"$(best vault_start)"
read -r w_hash c_hash <<<"$(best git_hash_object)"
read -r w_add c_add <<<"$(best git_add_write_tree)"

row() { awk -v n="$1" -v w="$2" -v c="$3" -v mb="$size_mb" \
    'BEGIN { printf "%-46s %7.3f s %7.3f s %8.0f MB/s\n", n, w, c, mb / w }'; }
ratio() { awk -v n="$1" -v a="$2" -v b="$3" -v c="$4" -v d="$5" \
    'BEGIN { printf "%-46s %7.2f   %7.2f\n", n, a / b, c / d }'; }
printf '%-46s %9s %9s %13s\n' "command" "wall" "cpu" "wall MB/s"
row "vault identify DIR (all processors)" "$w_vault" "$c_vault"
row "vault identify -j 1 DIR (one hashing thread)" "$w_vault1" "$c_vault1"
row "git hash-object --stdin-paths (all files)" "$w_hash" "$c_hash"
row "git add -A && git write-tree (fresh repo)" "$w_add" "$c_add"
printf '%-46s %7.3f s %7.3f s\n' "(JVM start-up alone: vault --version)" "$w_start" "$c_start"
echo
printf '%-46s %9s %9s\n' "ratio (lower is faster for vault)" "wall" "cpu"
ratio "vault / git hash-object" "$w_vault" "$w_hash" "$c_vault" "$c_hash"
ratio "vault -j 1 / git hash-object" "$w_vault1" "$w_hash" "$c_vault1" "$c_hash"
ratio "vault / git add+write-tree" "$w_vault" "$w_add" "$c_vault" "$c_add"

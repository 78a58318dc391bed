# Sourced by the benchmark scripts: gen_repo DIR FILES COMMITS makes the bare repository DIR from
# gen-repo.py's fast-import stream (FILES files, COMMITS commits, head `master`) and sets $tree and $rev to
# its head tree and head revision. Needs: $here (the benchmarks directory), git and python3.
gen_repo() {
  echo "generating a repository: $2 files, $3 commits…" >&2
  git init -q --bare "$1"
  python3 "$here/gen-repo.py" "$2" "$3" | git -C "$1" fast-import --quiet
  git -C "$1" symbolic-ref HEAD refs/heads/master
  tree=$(git -C "$1" rev-parse 'master^{tree}')
  rev=$(git -C "$1" rev-parse master)
}

# warm_vault VAULT REPO: builds ./vault's jar, then runs one cook and one more command, all outside the
# timings (./vault records the classes a cook loads, then archives them for the commands that follow:
# class data sharing); sets $snp to REPO's snapshot.
warm_vault() {
  "$1" --help >/dev/null
  snp=$("$1" identify --type snapshot --no-filename "$2")
  "$1" cook -q --repo "$2" "swh:1:dir:$(git -C "$2" rev-parse 'HEAD^{tree}')" "$work/warm.tar.gz" &&
    "$1" --version >/dev/null && rm -f "$work/warm.tar.gz"
}

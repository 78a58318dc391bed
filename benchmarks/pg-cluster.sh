# Sourced by the benchmark scripts that need PostgreSQL: starts a throw-away cluster from Debian's binaries on a
# free port (as the postgres user when run as root) in "$work/pg"; sets $pgbin and $pgport; pg_stop stops it.
# Needs: $work (a directory the caller removes), Debian's postgresql (apt-get install -y postgresql).
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x $pgbin/postgres ]] || { echo "PostgreSQL not found: apt-get install -y postgresql" >&2; exit 1; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_start() { # [EXTRA postgres OPTIONS]
  echo "starting PostgreSQL…" >&2
  mkdir -p "$work/pg"; [[ $(id -u) == 0 ]] && chown postgres "$work/pg"
  as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w -o "-p $pgport -k $work/pg -c listen_addresses=127.0.0.1 $*" \
    start >/dev/null
}
pg_stop() {
  [[ -f $work/pg/postmaster.pid ]] && as_pg "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
}

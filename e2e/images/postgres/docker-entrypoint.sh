#!/usr/bin/env bash
# Entrypoint of the postgres stand-in: on an empty PGDATA, run initdb, create POSTGRES_DB and run
# /docker-entrypoint-initdb.d/* against a socket-only temporary server; then exec the real server.
set -euo pipefail
shopt -s nullglob

# `docker run image -c fsync=off` means `postgres -c fsync=off`.
if [[ ${1:-} == -* ]]; then set -- postgres "$@"; fi

wants_help() {
  local arg
  for arg; do
    case $arg in -'?' | --help | --describe-config | -V | --version | -C) return 0 ;; esac
  done
  return 1
}

if [[ ${1:-} != postgres ]] || wants_help "$@"; then exec "$@"; fi

# As root: prepare the directories, then run this script again as the postgres user.
if [[ $(id -u) == 0 ]]; then
  mkdir -p "$PGDATA" /var/run/postgresql
  chmod 0700 "$PGDATA"
  find "$PGDATA" \! -user postgres -exec chown postgres:postgres {} +
  chown postgres:postgres /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups \
    env HOME=/var/lib/postgresql "${BASH_SOURCE[0]}" "$@"
fi

log() { echo "docker-entrypoint: $*"; }

psql_init() {
  psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" "$@"
}

run_init_scripts() {
  local file
  for file in /docker-entrypoint-initdb.d/*; do
    case $file in
      *.sh)
        if [[ -x $file ]]; then
          log "running $file"
          "$file"
        else
          log "sourcing $file"
          set +u
          # shellcheck disable=SC1090
          . "$file"
          set -u
        fi
        ;;
      *.sql) log "running $file"; psql_init -f "$file" ;;
      *.sql.gz) log "running $file"; gunzip -c "$file" | psql_init ;;
      *) log "ignoring $file" ;;
    esac
  done
}

initialise() {
  local method=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}
  if [[ -z ${POSTGRES_PASSWORD:-} && $method != trust ]]; then
    cat >&2 <<'MSG'
Error: the database is not initialised and no superuser password was given.
       Set POSTGRES_PASSWORD to a non-empty value, e.g. "docker run -e POSTGRES_PASSWORD=secret".
       To accept every connection without a password instead (not recommended),
       set POSTGRES_HOST_AUTH_METHOD=trust.
MSG
    exit 1
  fi

  local extra=()
  read -r -a extra <<<"${POSTGRES_INITDB_ARGS:-}"
  # Like the official image: initdb's default trust for the socket and loopback (inside the
  # container only), then `host all all all <method>` for everyone else.
  local args=(-D "$PGDATA" --username="$POSTGRES_USER" --encoding=UTF8 --locale=C.UTF-8
    --auth-local=trust --auth-host=trust "${extra[@]}")
  if [[ -n ${POSTGRES_PASSWORD:-} ]]; then
    initdb "${args[@]}" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD")
  else
    initdb "${args[@]}"
  fi
  printf '\nhost all all all %s\n' "$method" >>"$PGDATA/pg_hba.conf"

  # Temporary server: the user's options, but reachable through the unix socket only.
  local options=''
  if (($# > 1)); then printf -v options '%q ' "${@:2}"; fi
  options+="-c listen_addresses='' -p ${PGPORT:-5432}"
  pg_ctl -D "$PGDATA" -o "$options" -w start

  # Plain `psql` in init scripts connects as POSTGRES_USER to POSTGRES_DB.
  export PGUSER=$POSTGRES_USER PGDATABASE=$POSTGRES_DB PGPASSWORD=${POSTGRES_PASSWORD:-}
  if [[ $POSTGRES_DB != postgres ]]; then
    psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname postgres \
      --set db="$POSTGRES_DB" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\gexec
SQL
  fi
  run_init_scripts

  pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGUSER PGDATABASE PGPASSWORD
  log 'initialisation complete; starting the server'
}

export POSTGRES_USER=${POSTGRES_USER:-postgres}
export POSTGRES_DB=${POSTGRES_DB:-$POSTGRES_USER}
if [[ ! -s $PGDATA/PG_VERSION ]]; then initialise "$@"; fi
exec "$@"

#!/usr/bin/env bash
# Entrypoint of the redis stand-in: `docker run image --opt` and `docker run image x.conf` run
# redis-server; protected mode is off unless asked for, and the server runs as user redis.
set -euo pipefail

if [[ ${1:-} == -* || ${1:-} == *.conf ]]; then set -- redis-server "$@"; fi

if [[ ${1:-} == redis-server ]]; then
  # Debian's build defaults to protected mode, which refuses clients arriving through a
  # published port; the official image turns it off. An explicit choice wins, on the command
  # line or in the config file given first.
  explicit=no
  for arg in "${@:2}"; do [[ $arg == --protected-mode ]] && explicit=yes; done
  if [[ ${2:-} == *.conf && -r $2 ]] && grep -qE '^\s*protected-mode\s' "$2"; then explicit=yes; fi
  if [[ $explicit == no ]]; then set -- "$@" --protected-mode no; fi

  if [[ $(id -u) == 0 ]]; then
    find . \! -user redis -exec chown redis:redis {} +
    exec setpriv --reuid=redis --regid=redis --init-groups "$@"
  fi
fi

exec "$@"

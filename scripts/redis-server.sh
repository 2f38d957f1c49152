# Sourced by ./test.sh: starts a private redis-server on a free loopback port for the tests of Redis
# clustering and storage, and stops it afterwards.
#
# redis_server_start  installs redis-server when missing (root, Debian), starts it on 127.0.0.1 with no
#                     persistence in a fresh temp dir, waits until it answers, and exports
#                       ORLEANSMESOS_TEST_REDIS=127.0.0.1:<port>
#                     When it cannot, it exports ORLEANSMESOS_REDIS_UNAVAILABLE=<why> and returns 0: the
#                     Redis tests then fail saying why (ORLEANSMESOS_NO_REDIS=1 skips them on purpose).
# redis_server_stop   shuts it down (nosave) and removes the temp dir. Safe to call twice.

_redis_dir=""
_redis_port=""

_redis_log() { printf '[test.sh] %s\n' "$*" >&2; }

_redis_unavailable() {
  export ORLEANSMESOS_REDIS_UNAVAILABLE="$*"
  _redis_log "Redis unavailable: $* (the Redis tests will fail; set ORLEANSMESOS_NO_REDIS=1 to skip them)"
}

redis_server_start() {
  if [ "${ORLEANSMESOS_NO_REDIS:-}" = 1 ]; then
    return 0
  fi

  if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
      _redis_unavailable "redis-server missing and cannot be installed here (needs root and apt-get)"
      return 0
    fi
    _redis_log "installing redis-server"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1 ||
        { _redis_unavailable "apt-get install redis-server failed"; return 0; }
    fi
  fi

  _redis_dir=$(mktemp -d -t om-redis.XXXXXX)
  _redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null ||
    shuf -i 20000-60000 -n 1)
  if ! redis-server --port "$_redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --pidfile "$_redis_dir/redis.pid" --dir "$_redis_dir" --logfile "$_redis_dir/redis.log" >/dev/null 2>&1; then
    _redis_unavailable "redis-server did not start"
    return 0
  fi

  local i
  for i in $(seq 1 100); do
    if redis-cli -p "$_redis_port" ping 2>/dev/null | grep -q PONG; then
      export ORLEANSMESOS_TEST_REDIS="127.0.0.1:$_redis_port"
      _redis_log "redis-server ready on 127.0.0.1:$_redis_port"
      return 0
    fi
    sleep 0.1
  done

  _redis_unavailable "redis-server did not answer within 10 s"
}

redis_server_stop() {
  if [ -n "$_redis_port" ]; then
    redis-cli -p "$_redis_port" shutdown nosave >/dev/null 2>&1 || true
    _redis_port=""
  fi
  if [ -n "$_redis_dir" ]; then
    rm -rf "$_redis_dir"
    _redis_dir=""
  fi
}

# Sourced by ./test.sh: starts a private Docker engine for the Docker runtime's tests and builds the
# small local image they run. Nothing is pulled: no registry is reachable on these machines.
#
# docker_engine_start  installs docker.io and busybox-static when missing (root, Debian), starts
#                      dockerd on its own socket under a fresh temp dir, waits until it answers,
#                      imports the busybox image, and exports for the tests
#                        DOCKER_HOST=unix://<socket>
#                        ORLEANSMESOS_TEST_IMAGE=orleansmesos-busybox:test
#                      When any step fails it exports ORLEANSMESOS_DOCKER_UNAVAILABLE=<why> instead,
#                      returns 0, and the other tests still run; the Docker tests then fail saying why
#                      (or are skipped when ORLEANSMESOS_NO_DOCKER=1 was set on purpose).
# docker_engine_stop   stops that dockerd (SIGTERM, bounded wait, then SIGKILL), unmounts what it
#                      left mounted and removes the temp dir. Safe to call twice.
#
# Each run has its own data root, exec root, pid file and socket, so an engine left by an earlier
# run (or another checkout's run) cannot collide with this one.

ORLEANSMESOS_TEST_IMAGE="${ORLEANSMESOS_TEST_IMAGE:-orleansmesos-busybox:test}"
_docker_dir=""
_docker_pid=""

# Bounds, in tenths of a second.
_docker_ready_limit=300 # dockerd answers in under a second here; 30 s covers a slow, cold disk.
_docker_stop_limit=200  # dockerd gives running containers up to 15 s to stop before it exits.

_docker_log() { printf '[test.sh] %s\n' "$*" >&2; }

_docker_unavailable() {
  export ORLEANSMESOS_DOCKER_UNAVAILABLE="$*"
  _docker_log "Docker engine unavailable: $* (the Docker tests will fail; set ORLEANSMESOS_NO_DOCKER=1 to skip them)"
  return 0
}

_docker_static_busybox() {
  local b l
  b=$(command -v busybox 2>/dev/null || true)
  [ -n "$b" ] || return 1
  # The image has nothing but this one file: it must not need a dynamic loader or libraries.
  # (ldd exits 1 for a static file: read its words, not its status.)
  l=$(LC_ALL=C ldd "$b" 2>&1 || true)
  case "$l" in *'not a dynamic executable'* | *'statically linked'*) ;; *) return 1 ;; esac
  printf '%s\n' "$b"
}

_docker_install() {
  local need=() apt_log
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  command -v docker >/dev/null 2>&1 || need+=(docker.io)
  _docker_static_busybox >/dev/null || need+=(busybox-static)
  [ "${#need[@]}" -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || { _docker_unavailable "${need[*]} missing and not root, so cannot install them"; return 1; }
  command -v apt-get >/dev/null 2>&1 || { _docker_unavailable "${need[*]} missing and apt-get not found"; return 1; }
  apt_log=$(mktemp)
  _docker_log "installing ${need[*]}"
  # Update the package lists only when there are none or the install cannot find the packages.
  if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$apt_log" 2>&1 || true
  fi
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >>"$apt_log" 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >>"$apt_log" 2>&1 || true
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >>"$apt_log" 2>&1; then
      tail -n 20 "$apt_log" >&2
      rm -f "$apt_log"
      _docker_unavailable "apt-get install ${need[*]} failed"
      return 1
    fi
  fi
  rm -f "$apt_log"
  command -v dockerd >/dev/null 2>&1 && _docker_static_busybox >/dev/null ||
    { _docker_unavailable "dockerd or a static busybox still missing after installing ${need[*]}"; return 1; }
}

_docker_answers() { docker -H "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

_docker_import_image() {
  local host=$1 busybox root applet
  busybox=$(_docker_static_busybox) || { _docker_unavailable "no static busybox to build $ORLEANSMESOS_TEST_IMAGE from"; return 1; }
  if docker -H "$host" image inspect "$ORLEANSMESOS_TEST_IMAGE" >/dev/null 2>&1; then
    return 0
  fi
  root="$_docker_dir/rootfs"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/proc" "$root/sys" "$root/dev"
  chmod 1777 "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  # Every applet busybox has (sh, sleep, echo, cat, env, pwd, head, dd, yes, ...) as a link to it.
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\n' >"$root/etc/group"
  tar -C "$root" -cf "$_docker_dir/rootfs.tar" . &&
    docker -H "$host" import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' \
      "$_docker_dir/rootfs.tar" "$ORLEANSMESOS_TEST_IMAGE" >/dev/null 2>"$_docker_dir/import.log" ||
    { cat "$_docker_dir/import.log" >&2; _docker_unavailable "could not import $ORLEANSMESOS_TEST_IMAGE"; return 1; }
  rm -rf "$root" "$_docker_dir/rootfs.tar"
}

docker_engine_start() {
  local host i started_at
  unset ORLEANSMESOS_DOCKER_UNAVAILABLE
  export ORLEANSMESOS_TEST_IMAGE
  if [ "${ORLEANSMESOS_NO_DOCKER:-}" = 1 ]; then
    _docker_log "ORLEANSMESOS_NO_DOCKER=1: not starting a Docker engine; the Docker tests are skipped"
    return 0
  fi
  _docker_install || return 0
  _docker_dir=$(mktemp -d "${TMPDIR:-/tmp}/orleansmesos-docker.XXXXXX")
  if [ "$(id -u)" -ne 0 ]; then
    # dockerd needs root here. Use an engine the caller already has, if one answers.
    host=${DOCKER_HOST:-unix:///var/run/docker.sock}
    if _docker_answers "$host"; then
      export DOCKER_HOST=$host
      _docker_import_image "$host" || unset DOCKER_HOST
    else
      _docker_unavailable "not root, so cannot start dockerd, and no engine answers at $host"
    fi
    return 0
  fi
  host="unix://$_docker_dir/docker.sock"
  started_at=$(date +%s%N)
  # setsid: its own process group, so that a Ctrl-C in the terminal reaches test.sh, which then stops it.
  setsid dockerd --iptables=false --ip6tables=false --bridge=none \
    --data-root "$_docker_dir/data" --exec-root "$_docker_dir/exec" \
    --pidfile "$_docker_dir/docker.pid" -H "$host" >"$_docker_dir/dockerd.log" 2>&1 </dev/null &
  _docker_pid=$!
  for ((i = 0; i < _docker_ready_limit; i++)); do
    _docker_answers "$host" && break
    kill -0 "$_docker_pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! _docker_answers "$host"; then
    tail -n 20 "$_docker_dir/dockerd.log" >&2
    docker_engine_stop
    _docker_unavailable "dockerd did not answer within $((_docker_ready_limit / 10)) s"
    return 0
  fi
  _docker_log "dockerd ready in $((($(date +%s%N) - started_at) / 1000000)) ms"
  export DOCKER_HOST=$host
  _docker_import_image "$host" || { unset DOCKER_HOST; docker_engine_stop; }
  return 0
}

docker_engine_stop() {
  local i m
  if [ -n "$_docker_pid" ] && kill -0 "$_docker_pid" 2>/dev/null; then
    kill -TERM "$_docker_pid" 2>/dev/null || true
    for ((i = 0; i < _docker_stop_limit; i++)); do
      kill -0 "$_docker_pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$_docker_pid" 2>/dev/null; then
      _docker_log "dockerd did not stop within $((_docker_stop_limit / 10)) s; killing it"
      kill -KILL "$_docker_pid" 2>/dev/null || true
    fi
    wait "$_docker_pid" 2>/dev/null || true
  fi
  _docker_pid=""
  if [ -n "$_docker_dir" ] && [ -d "$_docker_dir" ]; then
    # What dockerd may leave mounted under its roots (exec/netns/default, overlay layers), deepest first.
    while read -r m; do
      umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
    done < <(awk -v d="$_docker_dir" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
    rm -rf "$_docker_dir" 2>/dev/null || _docker_log "could not remove $_docker_dir"
  fi
  _docker_dir=""
}

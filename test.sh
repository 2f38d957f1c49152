#!/usr/bin/env bash
# Runs every test on a fresh machine: installs and starts what the tests need, runs `dotnet test`
# over the solution, stops what it started, and ends with the line `tests: N passed, N failed`
# taken from the test runner's own summary. Exit code: the runner's (0 = all passed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

# What the tests need beyond the .NET SDK. The engine, CLI and abstractions tests need nothing else;
# later suites (Redis, Docker) register their services here so that one command still runs them all.
started=()
cleanup() {
  for stop in "${started[@]:-}"; do
    [ -n "$stop" ] && eval "$stop" || true
  done
}
trap cleanup EXIT
# A Ctrl-C or a kill still runs the cleanup, so no engine is left behind.
trap 'exit 130' INT
trap 'exit 143' TERM

command -v dotnet >/dev/null || { log "the .NET SDK 10 is required (dotnet not on PATH)"; exit 1; }

# Docker: a private engine and a local busybox image for the Docker runtime's tests
# (DOCKER_HOST, ORLEANSMESOS_TEST_IMAGE). When it cannot start, the other tests still run and the
# Docker tests fail saying why; ORLEANSMESOS_NO_DOCKER=1 skips them on purpose.
source scripts/redis-server.sh
started+=("redis_server_stop")
redis_server_start

source scripts/docker-engine.sh
started+=("docker_engine_stop")
docker_engine_start

out=$(mktemp)
log "building and running the tests"
set +e
dotnet test --solution OrleansMesos.sln -c Release "$@" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# The runner prints one summary for the whole run: "total: N", "failed: N", "succeeded: N", "skipped: N".
pick() { grep -E "^[[:space:]]*$1:[[:space:]]*[0-9]+" "$out" | tail -n 1 | grep -oE '[0-9]+' || echo 0; }
passed=$(pick succeeded); failed=$(pick failed); skipped=$(pick skipped)
rm -f "$out"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  log "dotnet test exited with $status before any test failed (a build error?)"
  failed=1
fi
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"

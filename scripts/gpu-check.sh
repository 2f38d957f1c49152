#!/usr/bin/env bash
# Checks resource detection on a real host, GPU hosts above all. Publishes tools/OrleansMesos.GpuCheck as one
# self-contained, trimmed linux-x64 file (it runs where no .NET is installed) and, with --run, runs it: it prints
# cpus, memory, disk, each GPU (index, UUID, name, memory) and where each figure came from.
#
# Usage: scripts/gpu-check.sh [--run] [--out DIR] [PROGRAM ARGS...]
#   --run          run the program after publishing
#   --out DIR      where to publish (default: tools/OrleansMesos.GpuCheck/bin/publish, ignored by git)
#   PROGRAM ARGS   passed on: --json, --data-dir DIR, --reserve cpus=1,mem=2GiB, --expect-gpus N
# On a host without dotnet where the program was published before (and copied there), publishing is skipped
# and that program is run.
# Exit code: the publish's when it fails (or trimming warned); else, with --run, the program's:
#   0 detected, 1 detection failed, 2 NVML present but failed, 3 fewer GPUs than --expect-gpus, 64 bad arguments.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '[gpu-check] %s\n' "$*" >&2; }

project=tools/OrleansMesos.GpuCheck
out=$project/bin/publish
run=false
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --run) run=true ;;
    --out) out=${2:?--out needs a directory}; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
program=$out/OrleansMesos.GpuCheck

if command -v dotnet >/dev/null; then
  log "publishing $project (linux-x64, self-contained, single file, trimmed) to $out"
  publish_log=$(mktemp)
  trap 'rm -f "$publish_log"' EXIT
  publish() {
    dotnet publish "$project" -c Release -r linux-x64 --self-contained \
      -p:PublishSingleFile=true -p:PublishTrimmed=true -o "$out" >"$publish_log" 2>&1
  }
  # A restore of the whole solution running beside this one can rewrite the project's assets without the
  # linux-x64 target (NETSDK1047) between this publish's restore and its build: then publish once more.
  if ! publish && ! { grep -q NETSDK1047 "$publish_log" && log "assets lost their linux-x64 target; publishing again" && publish; }; then
    cat "$publish_log" >&2
    log "publish failed"
    exit 1
  fi
  # Trimming must keep the NVML calls whole: any trim (IL2xxx/IL3xxx) or other warning fails the check.
  if grep -E ': warning [A-Z]+[0-9]+' "$publish_log" >&2; then
    log "publish warned (above): the trimmed program may not work"
    exit 1
  fi
  log "published $program ($(du -h "$program" | cut -f1))"
elif [ -x "$program" ]; then
  log "no dotnet here: running the program published before, $program"
else
  log "no dotnet here and no published program at $program: publish on a machine with the .NET SDK, copy $out here"
  exit 1
fi

if [ "$run" = true ]; then
  log "running $program ${args[*]:-}"
  set +e
  "$program" "${args[@]}"
  status=$?
  set -e
  log "exit code $status"
  exit "$status"
fi

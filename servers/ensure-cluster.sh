#!/usr/bin/env bash
# Provisions Temporal's own server and its SQL schema tool, built from the Go module proxy, for the
# production-like profile (Temporal on PostgreSQL; servers/temporal-cluster.ts). Cached under
# ${RECTIFY_CACHE:-$HOME/.cache/rectify}/cluster/bin; when both binaries are there it only checks.
# A cold build takes about 3.5 minutes on 2 cores and about 2.8 GB of Go caches.
# Override with TEMPORAL_SERVER_BIN / TEMPORAL_SQL_TOOL (both must point at existing binaries).
set -euo pipefail

CACHE="${RECTIFY_CACHE:-$HOME/.cache/rectify}"
# v1.29.1's go.mod has no `replace` line, so `go install …@version` accepts it.
SERVER_VERSION=1.29.1
BIN="$CACHE/cluster/bin"

say() { echo "[ensure-cluster] $*" >&2; }
die() { echo "[ensure-cluster] 错误 / error: $*" >&2; exit 1; }

if [ -n "${TEMPORAL_SERVER_BIN:-}" ] || [ -n "${TEMPORAL_SQL_TOOL:-}" ]; then
  [ -x "${TEMPORAL_SERVER_BIN:-}" ] && [ -x "${TEMPORAL_SQL_TOOL:-}" ] \
    || die "TEMPORAL_SERVER_BIN 与 TEMPORAL_SQL_TOOL 须同时指向可执行文件 / both must point at executables"
  exit 0
fi

mkdir -p "$BIN"
exec 9>"$CACHE/.ensure-cluster.lock"
flock 9

stamp="$BIN/.version"
if [ -x "$BIN/server" ] && [ -x "$BIN/sql" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$SERVER_VERSION" ]; then exit 0; fi

go="$(command -v go || echo /usr/local/go/bin/go)"
[ -x "$go" ] || die "没有 Go：编译 Temporal 服务器需要 Go ≥ 1.25，或设置 TEMPORAL_SERVER_BIN/TEMPORAL_SQL_TOOL。
  No Go found: building Temporal's server needs Go >= 1.25."
gv="$("$go" env GOVERSION)"
[[ $gv =~ ^go1\.([0-9]+) ]] && (( BASH_REMATCH[1] >= 25 )) || die "$gv 太旧，需要 Go ≥ 1.25 / $gv is too old"

say "building Temporal server v$SERVER_VERSION and its SQL tool with $gv (about 3.5 minutes on 2 cores, once)..."
t0=$(date +%s)
# GOTOOLCHAIN=local: never fetch a toolchain from outside. -s -w: strip (the binary is still ~90 MB).
GOBIN="$BIN" GOTOOLCHAIN=local "$go" install -ldflags "-s -w" \
  "go.temporal.io/server/cmd/server@v$SERVER_VERSION" \
  "go.temporal.io/server/cmd/tools/sql@v$SERVER_VERSION" >&2 \
  || die "go install 失败 / failed"
"$BIN/sql" --help >/dev/null 2>&1 || die "$BIN/sql 无法运行 / does not run"
"$BIN/server" --help >/dev/null 2>&1 || die "$BIN/server 无法运行 / does not run"
echo "$SERVER_VERSION" >"$stamp"
say "ok in $(( $(date +%s) - t0 )) s: $BIN/server, $BIN/sql"

#!/usr/bin/env bash
# Provisions what the browser tests need to render the web app like a user's browser would:
#   - Chromium (headless, driven by playwright-core)   apt: chromium   → /usr/bin/chromium
#   - Chinese fonts (Noto Sans/Serif CJK SC)            apt: fonts-noto-cjk
# We never let a test tool download its own browser: that cannot work on a closed network, and
# Debian's build is the one CI gets too. CHROMIUM_PATH overrides the binary (then only fonts).
# Idempotent: when everything is there it prints nothing and takes well under a second.
set -euo pipefail

say() { echo "[ensure-browser] $*" >&2; }
die() { echo "[ensure-browser] 错误 / error: $*" >&2; exit 1; }

CACHE="${RECTIFY_CACHE:-$HOME/.cache/rectify}"
mkdir -p "$CACHE"
# Parallel scripts may call us at once: one apt run at a time (same lock as ensure-office: one dpkg).
exec 9>"$CACHE/.ensure-office.lock"
flock 9

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
MISSING=()
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || die "CHROMIUM_PATH=$CHROMIUM_PATH 不可执行 / is not executable"
else
  [ -x "$CHROMIUM" ] || MISSING+=(chromium)
fi
# Not `fc-list | grep -q`: under pipefail grep's early exit makes fc-list die of SIGPIPE.
FONTS="$(fc-list : family 2>/dev/null || true)"
[[ $FONTS == *'Noto Sans CJK SC'* ]] || MISSING+=(fonts-noto-cjk)

if [ ${#MISSING[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "需要安装 ${MISSING[*]}，但不是 root 且没有 sudo / need ${MISSING[*]} but not root and no sudo"
    SUDO="sudo"
  fi
  say "apt-get install ${MISSING[*]}（首次约需几分钟 / first time takes a few minutes）"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${MISSING[@]}" >&2 \
    || die "apt-get install ${MISSING[*]} 失败 / failed"
  fc-cache >/dev/null 2>&1 || true
  [ -x "$CHROMIUM" ] || die "安装后仍找不到 $CHROMIUM / still missing after apt-get install"
  say "ok: $("$CHROMIUM" --version 2>/dev/null | head -1)"
fi

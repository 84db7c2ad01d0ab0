#!/usr/bin/env bash
# Provisions what the report tests need to open the Word report like an office would:
#   - LibreOffice Writer (headless .docx → PDF)      apt: libreoffice-writer-nogui
#   - poppler-utils (pdftotext, pdfinfo, pdffonts)   apt: poppler-utils
#   - Chinese fonts (Noto Serif/Sans CJK SC)          apt: fonts-noto-cjk
# and a per-user fontconfig alias so the official fonts the report names (方正小标宋简体,
# 仿宋_GB2312, 楷体_GB2312, 宋体 → Noto Serif CJK SC; 黑体 → Noto Sans CJK SC) render as serif or
# sans like the originals instead of whatever fontconfig picks first.
# Idempotent: when everything is there it only checks (well under a second). Progress on stderr.
set -euo pipefail

say() { echo "[ensure-office] $*" >&2; }
die() { echo "[ensure-office] 错误 / error: $*" >&2; exit 1; }

CACHE="${RECTIFY_CACHE:-$HOME/.cache/rectify}"
mkdir -p "$CACHE"
# Parallel jest workers or scripts may call us at once: one apt run at a time.
exec 9>"$CACHE/.ensure-office.lock"
flock 9

MISSING=()
command -v libreoffice >/dev/null || MISSING+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null && command -v pdffonts >/dev/null || MISSING+=(poppler-utils)
# Not `fc-list | grep -q`: under pipefail grep's early exit makes fc-list die of SIGPIPE.
FONTS="$(fc-list : family 2>/dev/null || true)"
[[ $FONTS == *'Noto Serif CJK SC'* ]] || MISSING+=(fonts-noto-cjk)

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
fi

CONF_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/fontconfig/conf.d"
CONF="$CONF_DIR/60-rectify-official-fonts.conf"
alias_xml() { echo "  <alias binding=\"same\"><family>$1</family><prefer><family>$2</family></prefer></alias>"; }
WANT="$(
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
  echo '<!-- Written by rectify servers/ensure-office.sh: official Chinese document fonts → Noto CJK SC. -->'
  echo '<fontconfig>'
  for f in 方正小标宋简体 仿宋_GB2312 仿宋 FangSong 楷体_GB2312 楷体 KaiTi 宋体 SimSun; do alias_xml "$f" 'Noto Serif CJK SC'; done
  for f in 黑体 SimHei; do alias_xml "$f" 'Noto Sans CJK SC'; done
  echo '</fontconfig>'
)"
if [ ! -f "$CONF" ] || [ "$(cat "$CONF")" != "$WANT" ]; then
  say "fontconfig: $CONF"
  mkdir -p "$CONF_DIR"
  printf '%s\n' "$WANT" >"$CONF"
  fc-cache >/dev/null 2>&1 || true
fi

command -v libreoffice >/dev/null || die "libreoffice 仍不可用 / still missing"
command -v pdftotext >/dev/null || die "pdftotext 仍不可用 / still missing"
say "ok: $(libreoffice --version 2>/dev/null | head -1), $(pdftotext -v 2>&1 | head -1)"

#!/usr/bin/env bash
# Installs the system packages the pipeline and its tests use, from Debian's
# packages, when they are missing. Idempotent; needs root (or sudo) for apt-get.
#   setup-system.sh        everything the tests need
#   setup-system.sh ocr    only Tesseract (what `make run` needs for scanned pages)
set -euo pipefail
want=(tesseract-ocr tesseract-ocr-rus tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-fra tesseract-ocr-por)
if [ "${1:-all}" != "ocr" ]; then
  want+=(postgresql chromium chromium-driver fonts-dejavu-core)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

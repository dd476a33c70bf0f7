#!/usr/bin/env bash
# Installs the Debian packages the product needs, only those missing. Usage: system-deps.sh run|test
set -euo pipefail

packages=(
  gettext              # compilemessages
  libpango-1.0-0       # WeasyPrint
  libpangoft2-1.0-0    # WeasyPrint
  fonts-dejavu-core    # PDF fonts covering every Kazakh letter
)
if [ "${1:-run}" = "test" ]; then
  packages+=(
    chromium chromium-driver   # browser tests (Playwright drives Debian's Chromium)
    poppler-utils              # pdftotext / pdffonts in PDF tests
    nodejs                     # npm ci: axe-core for the accessibility run (package-lock.json)
  )
  # Debian's npm, unless the installed Node.js brings its own (NodeSource's conflicts with it).
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"

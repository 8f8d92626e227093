#!/usr/bin/env bash
# Installs what Attune needs to build, test and run, from Debian's/Ubuntu's packages.
# Idempotent: installs only what is missing, and says what it does. Uses sudo when not root.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libsfml-dev libtomlplusplus-dev catch2
  libsqlite3-dev libzip-dev libzstd-dev nlohmann-json3-dev   # Anki packages
  libharfbuzz-dev libfreetype-dev libicu-dev libfontconfig-dev   # text: shaping, glyphs, bidi and line breaks, fonts
  fonts-noto-core fonts-noto-cjk   # fallback fonts for scripts DejaVu lacks (the multilingual display tests need them)
  xvfb xauth libgl1-mesa-dri xdotool   # display tests and the end-to-end test
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "install-deps: not root and no sudo; please install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"

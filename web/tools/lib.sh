#!/usr/bin/env bash
# Shared steps of web/run and tests/run: install what is missing, fetch and build
# third-party sources into a cache outside git, build the app and the site.
# Every step is idempotent and cheap when nothing changed.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${HTK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/huitoukan}
BUILD=${HTK_BUILD:-$ROOT/build}
export NODE_PATH=/usr/share/nodejs   # Debian's node-acorn, needed by emcc's optimiser
PY=/usr/bin/python3                  # Debian's python (pyenv's may shadow it)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

# Debian packages needed to build and serve the app.
BUILD_PACKAGES=(emscripten nlohmann-json3-dev libxxhash-dev fonts-wqy-microhei python3-fonttools
                cmake ninja-build tcl g++ make dpkg-dev)
# Extra packages needed only by the tests (openpyxl and LibreOffice read our .xlsx independently;
# LibreOffice prints them to PDF with Carlito for Calibri and AR PL UMing for 宋体/仿宋/黑体, which have
# those fonts' metrics, and poppler-utils reads the PDF; clang-14 and its runtime build the libFuzzer targets).
TEST_PACKAGES=(libgtest-dev chromium python3-openpyxl libreoffice-calc-nogui fonts-crosextra-carlito fonts-arphic-uming
               poppler-utils clang-14 libclang-rt-14-dev)

apt_updated=0
apt_update_once() {
  [ $apt_updated = 1 ] && return
  log "apt-get update"
  $SUDO apt-get update -qq
  apt_updated=1
}

ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} = 0 ] && return
  apt_update_once
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Node.js and npm for the browser tests: the machine's own if it has them, else Debian's.
ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return
  ensure_packages nodejs npm
}

# npm packages of web/ (playwright-core), exactly as the committed lockfile pins them.
ensure_npm() {
  local stamp="$ROOT/web/node_modules/.lock-sha"
  local want; want=$(sha1sum "$ROOT/web/package-lock.json" | cut -c1-40)
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return
  log "npm ci (web/)"
  (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error >&2)
  echo "$want" > "$stamp"
}

# The machine's Debian mirror and keyring ("URI KEYRING"), for deb-src entries.
debian_mirror() {
  local uri keyring
  uri=$(grep -rhsE '^URIs:' /etc/apt/sources.list.d/*.sources | grep -v security | head -1 | awk '{print $2}')
  keyring=$(grep -rhsE '^Signed-By:' /etc/apt/sources.list.d/*.sources | head -1 | awk '{print $2}')
  if [ -z "$uri" ]; then
    uri=$(grep -hsE '^deb ' /etc/apt/sources.list | grep -v security | head -1 | awk '{print $2}')
  fi
  echo "${uri:-http://deb.debian.org/debian} ${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}"
}

# Add a deb-src entry for bookworm (same mirror and keyring as the machine's own) if none exists.
ensure_deb_src() {
  if grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/; then return; fi
  local uri keyring
  read -r uri keyring <<<"$(debian_mirror)"
  log "adding deb-src for bookworm ($uri)"
  printf 'Types: deb-src\nURIs: %s\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: %s\n' \
    "$uri" "$keyring" | $SUDO tee /etc/apt/sources.list.d/huitoukan-src.sources >/dev/null
  apt_updated=0
  apt_update_once
}

# Debian source packages the build uses, from bookworm (sqlite 3.40, zlib 1.2.13, libxlsxwriter 1.1.4,
# pugixml 1.13, libdeflate 1.14), and Dear ImGui pinned from sid (see fetch_imgui).
SOURCE_PACKAGES=(sqlite3 zlib libxlsxwriter pugixml libdeflate)
# Versions fetched exactly (patches/<lib>/ are written against them): libdeflate
# 1.14 (bookworm) compresses the xlsx parts (patches/libdeflate/).
declare -A SOURCE_PINS=([libdeflate]=1.14-1)

# Dear ImGui 1.92's dynamic font atlas rasterises glyphs on demand from the
# whole font, so every CJK character can be drawn without baking an atlas of
# 20,000+ glyphs at start-up (bookworm has 1.86). Only sid has 1.92.2b.
IMGUI_VERSION=1.92.2b+ds-1
IMGUI_SUITE=sid

# Waits while another apt or dpkg run holds its locks (e.g. a parallel build installing packages).
wait_apt_locks() {
  local l
  for l in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock; do
    while $SUDO fuser "$l" >/dev/null 2>&1; do sleep 2; done
  done
}

# Fetches exactly imgui=$IMGUI_VERSION into $CACHE/src (replacing any other
# version there): a deb-src entry for $IMGUI_SUITE is added for this one
# pinned `apt-get source`, then removed, and the lists are updated again so
# that unpinned `apt-get source` calls keep getting bookworm's versions.
fetch_imgui() {
  local dsc="$CACHE/src/imgui_${IMGUI_VERSION#*:}.dsc"
  if [ ! -f "$dsc" ]; then
    rm -rf "$CACHE"/src/imgui[-_]* "$CACHE/src/.unpacked-imgui"
    ensure_deb_src
    local list=/etc/apt/sources.list.d/huitoukan-$IMGUI_SUITE-src.sources
    local uri keyring
    read -r uri keyring <<<"$(debian_mirror)"
    log "apt-get source imgui=$IMGUI_VERSION (from $IMGUI_SUITE)"
    wait_apt_locks
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
      "$uri" "$IMGUI_SUITE" "$keyring" | $SUDO tee "$list" >/dev/null
    local ok=0
    if $SUDO apt-get update -qq; then
      (cd "$CACHE/src" && apt-get source --download-only -qq "imgui=$IMGUI_VERSION" 2>&1 |
        grep -v '^W: Download is performed unsandboxed' || true)
      [ -f "$dsc" ] && ok=1
    fi
    $SUDO rm -f "$list"
    wait_apt_locks
    $SUDO apt-get update -qq
    apt_updated=1
    [ $ok = 1 ] || { echo "could not fetch imgui=$IMGUI_VERSION from $IMGUI_SUITE" >&2; return 1; }
  fi
  if [ ! -f "$CACHE/src/.unpacked-imgui" ]; then
    log "unpack imgui"
    (cd "$CACHE/src" && dpkg-source -q -x --no-check "$(basename "$dsc")" >/dev/null)
    touch "$CACHE/src/.unpacked-imgui"
  fi
}

# Fetch and unpack each source package into $CACHE/src (once), then make the
# SQLite amalgamation from the canonical tree on the host.
fetch_sources() {
  mkdir -p "$CACHE/src"
  local p
  for p in "${SOURCE_PACKAGES[@]}"; do
    if ! compgen -G "$CACHE/src/$p[-_]*.dsc" >/dev/null; then
      ensure_deb_src
      local want="$p${SOURCE_PINS[$p]:+=${SOURCE_PINS[$p]}}"
      log "apt-get source $want"
      (cd "$CACHE/src" && apt-get source --download-only -qq "$want" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
      compgen -G "$CACHE/src/$p[-_]*.dsc" >/dev/null || { echo "could not fetch the source of $want" >&2; return 1; }
    fi
    if [ ! -f "$CACHE/src/.unpacked-$p" ]; then
      log "unpack $p"
      (cd "$CACHE/src" && dpkg-source -q -x --no-check "$(ls "$p"_*.dsc | head -1)" >/dev/null)
      touch "$CACHE/src/.unpacked-$p"
    fi
  done
  fetch_imgui
  local amalg="$CACHE/src/sqlite-amalgamation"
  if [ ! -f "$amalg/sqlite3.c" ]; then
    log "building the SQLite amalgamation"
    local tree; tree=$(ls -d "$CACHE/src"/sqlite3-*/ | head -1)
    rm -rf "$CACHE/src/sqlite-build" && mkdir -p "$CACHE/src/sqlite-build"
    (cd "$CACHE/src/sqlite-build" && "$tree/configure" --disable-tcl -q >/dev/null && make -s sqlite3.c >/dev/null)
    mkdir -p "$amalg.tmp" && cp "$CACHE/src/sqlite-build/sqlite3.c" "$CACHE/src/sqlite-build/sqlite3.h" "$amalg.tmp/"
    rm -rf "$CACHE/src/sqlite-build" && mv "$amalg.tmp" "$amalg"
  fi
  # Header-only libraries from the Debian binary packages (nlohmann/json, and
  # xxHash used inline), copied alone so that emcc never sees the rest of /usr/include.
  mkdir -p "$CACHE/include"
  [ -f "$CACHE/include/nlohmann/json.hpp" ] || cp -r /usr/include/nlohmann "$CACHE/include/"
  [ -f "$CACHE/include/xxhash.h" ] || cp /usr/include/xxhash.h "$CACHE/include/"
}

# Build the third-party libraries for one target ("native" or "wasm") into
# $CACHE/deps/<key>-<target>, where key hashes the recipe and the sources' names,
# so that a second run (or a fresh clone) reuses them.
deps_prefix() {
  local key
  key=$( { cat "$ROOT/app/third_party/CMakeLists.txt" "$ROOT"/app/third_party/patches/*/*.patch; ls "$CACHE/src"; emcc --version 2>/dev/null | head -1; c++ --version | head -1; } | sha1sum | cut -c1-12)
  echo "$CACHE/deps/$key-$1"
}

build_deps() {
  local target=$1 prefix; prefix=$(deps_prefix "$target")
  [ -f "$prefix/.done" ] && { echo "$prefix"; return; }
  log "building third-party libraries ($target) into $prefix"
  local b="$CACHE/deps/build-$target"; rm -rf "$b" "$prefix"
  local conf=(cmake -S "$ROOT/app/third_party" -B "$b" -G Ninja -DHTK_SRC="$CACHE/src"
              -DCMAKE_INSTALL_PREFIX="$prefix" -DCMAKE_BUILD_TYPE=Release)
  if [ "$target" = wasm ]; then
    emcmake "${conf[@]}" -DCMAKE_C_FLAGS_RELEASE="-Os -DNDEBUG" -DCMAKE_CXX_FLAGS_RELEASE="-Os -DNDEBUG" >/dev/null
  else
    "${conf[@]}" -DHTK_WITH_IMGUI=OFF -DCMAKE_POSITION_INDEPENDENT_CODE=ON >/dev/null
  fi
  cmake --build "$b" >&2
  cmake --install "$b" >/dev/null
  rm -rf "$b"
  touch "$prefix/.done"
  echo "$prefix"
}

# Removes third-party builds of other recipes for a target, keeping the cache small.
prune_deps() {
  local keep=$1 d
  for d in "$CACHE"/deps/*-"${2}"; do
    [ -d "$d" ] && [ "$d" != "$keep" ] && rm -rf "$d"
  done
  return 0
}

# Configures (once) and builds the app for a target; prints nothing but errors.
build_app() {
  local target=$1 deps; deps=$(build_deps "$target"); prune_deps "$deps" "$target"
  local dir="$BUILD/$target"
  if [ ! -f "$dir/build.ninja" ] || ! grep -q "HTK_DEPS:PATH=$deps\$" "$dir/CMakeCache.txt" 2>/dev/null ||
     ! grep -q "HTK_HEADERS_INCLUDE:PATH=$CACHE/include\$" "$dir/CMakeCache.txt"; then
    log "configuring the $target build"
    local conf=(cmake -S "$ROOT" -B "$dir" -G Ninja -DHTK_DEPS="$deps" -DHTK_HEADERS_INCLUDE="$CACHE/include")
    if [ "$target" = wasm ]; then
      emcmake "${conf[@]}" -DCMAKE_BUILD_TYPE=MinSizeRel >/dev/null
    else
      "${conf[@]}" -DCMAKE_BUILD_TYPE=Debug >/dev/null   # asserts stay on in tests
    fi
  fi
  log "building ($target)"
  cmake --build "$dir"
}

SITE_DIR() { echo "$BUILD/wasm/site"; }
OFFLINE_HTML() { echo "$BUILD/wasm/offline/回头看整改台账.html"; }

#!/usr/bin/env bash
# Runs every test: unit, data, CLI and UI tests (cargo test, with kittest rendering on
# Mesa's lavapipe), then the end-to-end test of the release binary in a real X window.
# Installs the Debian packages the tests need when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
    # run time of the window (X11 + Vulkan software rendering)
    libx11-xcb1 libxcursor1 libxi6 libxkbcommon-x11-0 mesa-vulkan-drivers libvulkan1
    # the end-to-end test: a virtual X server, clicks, screenshots, the script itself
    xvfb xdotool imagemagick python3 xclip
    # reading exports back as other tools do: ogrinfo (GeoJSON) and pandas (CSV)
    gdal-bin python3-pandas
    # figures read back by other programs: PDF text, fonts, page size and pixels by poppler
    # (pdftotext, pdffonts, pdfinfo, pdftoppm); SVG drawn by librsvg (rsvg-convert); GIF
    # frames counted by ImageMagick; MP4 by ffprobe (ffmpeg also makes MP4/WebM exports)
    poppler-utils ffmpeg librsvg2-bin
    # the offline page opened in a real browser, headless and without network
    chromium
    # letters of other scripts in the example datasets (Georgian, Arabic, Devanagari,
    # Thai, Ethiopic…; CJK), found through fontconfig as the window finds them
    libfontconfig1 fonts-noto-core fonts-droid-fallback
)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "test.sh: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# winit and wgpu want a private runtime dir; a headless test run has none.
if [ -z "${XDG_RUNTIME_DIR:-}" ] || [ ! -d "$XDG_RUNTIME_DIR" ]; then
    XDG_RUNTIME_DIR="$(mktemp -d)"
    chmod 700 "$XDG_RUNTIME_DIR"
    export XDG_RUNTIME_DIR
fi

# One optimised build serves both: `cargo test --release` also builds the release binary
# (target/release/memorymap) that the end-to-end test starts, so the dependencies are
# compiled once instead of twice (debug for tests, release for the binary).
cargo test --release --locked
python3 tests/e2e/e2e.py target/release/memorymap

#!/bin/sh
# Renders assets/icon/memorymap.svg to the PNG sizes a freedesktop icon theme expects
# (assets/icon/hicolor/<N>x<N>/apps/memorymap.png). The window icon is the 256 px one.
# Needs rsvg-convert (Debian: librsvg2-bin). The PNGs are committed; rerun after editing the SVG.
set -eu
cd "$(dirname "$0")/../.."
command -v rsvg-convert >/dev/null || { echo "make_icons.sh: needs rsvg-convert (apt install librsvg2-bin)" >&2; exit 1; }
for size in 16 24 32 48 64 128 256 512; do
    dir="assets/icon/hicolor/${size}x${size}/apps"
    mkdir -p "$dir"
    rsvg-convert --width "$size" --height "$size" assets/icon/memorymap.svg --output "$dir/memorymap.png.tmp"
    mv "$dir/memorymap.png.tmp" "$dir/memorymap.png"
done
echo "make_icons.sh: wrote $(ls assets/icon/hicolor | wc -l) sizes"

#!/usr/bin/env bash
# Builds the Debian package target/debian/memorymap_<version>-1_amd64.deb with dpkg-deb
# from a staged tree, then checks it with scripts/check_package.sh.
#
#   scripts/package.sh                 release package: the `dist` profile (LTO, stripped)
#   scripts/package.sh --profile P     from target/P/memorymap, built with that profile
#   scripts/package.sh --no-build BIN  from an already built binary (CI packages the one
#                                      the tests used, so no second optimised build)
#
# The binary is stripped as it is staged; the file list is the one check_package.sh checks.
set -euo pipefail
cd "$(dirname "$0")/.."

profile=dist
binary=""
while (($#)); do
    case "$1" in
        --profile) profile="$2"; shift 2 ;;
        --no-build) binary="$2"; shift 2 ;;
        *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ -z "$binary" ]; then
    cargo build --locked --profile "$profile" --bin memorymap
    dir="$profile"
    [ "$profile" = dev ] && dir=debug
    binary="target/$dir/memorymap"
fi
[ -x "$binary" ] || { echo "package.sh: no binary at $binary" >&2; exit 1; }

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
arch="$(dpkg --print-architecture)"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/memorymap_${version}-1_${arch}"

put() { # put SOURCE DEST MODE
    install -D -m "$3" "$1" "$root/$2"
}
put "$binary" usr/bin/memorymap 755
strip --strip-all "$root/usr/bin/memorymap"
put assets/desktop/memorymap.desktop usr/share/applications/memorymap.desktop 644
for size in 16 24 32 48 64 128 256 512; do
    put "assets/icon/hicolor/${size}x${size}/apps/memorymap.png" \
        "usr/share/icons/hicolor/${size}x${size}/apps/memorymap.png" 644
done
put assets/icon/memorymap.svg usr/share/icons/hicolor/scalable/apps/memorymap.svg 644
put assets/man/memorymap.1 usr/share/man/man1/memorymap.1 644
gzip -9n "$root/usr/share/man/man1/memorymap.1"
put data/kazakhstan.geojson usr/share/memorymap/examples/kazakhstan.geojson 644
doc=usr/share/doc/memorymap
put README.md "$doc/README.md" 644
put LICENSE-MIT "$doc/LICENSE-MIT" 644
put LICENSE-APACHE "$doc/LICENSE-APACHE" 644
put data/LICENSE.md "$doc/DATA-LICENSE.md" 644
put assets/basemap/PROVENANCE.md "$doc/BASEMAP-PROVENANCE.md" 644
put docs/DATA.md "$doc/DATA.md" 644
put assets/debian/copyright "$doc/copyright" 644

# The C library version the binary needs, from the symbol versions it links against.
glibc="$(objdump -T "$root/usr/bin/memorymap" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)"
installed_size="$(du -sk "$root" | cut -f1)"
mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<EOF
Package: memorymap
Version: ${version}-1
Architecture: ${arch}
Maintainer: memorymap developers <memorymap@users.noreply.invalid>
Installed-Size: ${installed_size}
Depends: libc6 (>= ${glibc}), libgcc-s1, libvulkan1, mesa-vulkan-drivers | vulkan-icd, libx11-xcb1, libxcursor1, libxi6, libxkbcommon-x11-0
Recommends: libwayland-client0, libfontconfig1, fonts-noto-core, fonts-noto-cjk
Suggests: ffmpeg
Section: science
Priority: optional
Description: Map of who commemorated what, where and when, with the sources behind it
 A desktop map of who commemorated what, where and when. It opens with a built-in
 dataset of the Immortal Regiment (Victory Day) march in 23 cities of Kazakhstan,
 2015-2025: each city is coloured and shaped by what sources reported for the chosen
 year, and a click shows every report behind the colour with its excerpt, publisher,
 date and link. Opens your own datasets (GeoJSON in the documented schema, or a
 CSV table), checks them (memorymap validate) and exports maps and citation bundles.
EOF
mkdir -p target/debian
deb="target/debian/memorymap_${version}-1_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "package.sh: built $deb ($(du -h "$deb" | cut -f1))"
./scripts/check_package.sh "$deb"

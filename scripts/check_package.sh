#!/usr/bin/env bash
# Checks a built memorymap .deb: its file list, its desktop entry, and that the packaged
# binary runs. Unpacks it with `dpkg -x` into a temporary folder; as root, and with
# CHECK_INSTALL=1, also installs it with apt and removes it again, checking nothing is left.
set -euo pipefail
cd "$(dirname "$0")/.."
deb="${1:?usage: check_package.sh PATH.deb}"
fail() { echo "check_package.sh: FAIL: $*" >&2; exit 1; }

if ! command -v desktop-file-validate >/dev/null || ! command -v file >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends desktop-file-utils file
fi

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"

# 1. Exactly the files we mean to ship.
expected="usr/bin/memorymap
usr/share/applications/memorymap.desktop
usr/share/doc/memorymap/BASEMAP-PROVENANCE.md
usr/share/doc/memorymap/DATA-LICENSE.md
usr/share/doc/memorymap/DATA.md
usr/share/doc/memorymap/LICENSE-APACHE
usr/share/doc/memorymap/LICENSE-MIT
usr/share/doc/memorymap/README.md
usr/share/doc/memorymap/copyright
usr/share/icons/hicolor/128x128/apps/memorymap.png
usr/share/icons/hicolor/16x16/apps/memorymap.png
usr/share/icons/hicolor/24x24/apps/memorymap.png
usr/share/icons/hicolor/256x256/apps/memorymap.png
usr/share/icons/hicolor/32x32/apps/memorymap.png
usr/share/icons/hicolor/48x48/apps/memorymap.png
usr/share/icons/hicolor/512x512/apps/memorymap.png
usr/share/icons/hicolor/64x64/apps/memorymap.png
usr/share/icons/hicolor/scalable/apps/memorymap.svg
usr/share/man/man1/memorymap.1.gz
usr/share/memorymap/examples/kazakhstan.geojson"
actual="$(cd "$root" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)"
[ "$actual" = "$(echo "$expected" | LC_ALL=C sort)" ] || {
    diff <(echo "$expected" | LC_ALL=C sort) <(echo "$actual") || true
    fail "file list differs (< expected, > in the package)"
}
echo "check_package.sh: file list ok ($(echo "$actual" | wc -l) files)"

# 2. Package metadata and the desktop entry.
dpkg-deb --field "$deb" Package Version Depends | sed 's/^/  /'
desktop-file-validate "$root/usr/share/applications/memorymap.desktop" || fail "desktop-file-validate"
grep -qx 'Exec=memorymap %f' "$root/usr/share/applications/memorymap.desktop" || fail "Exec line"
gzip -t "$root/usr/share/man/man1/memorymap.1.gz" || fail "man page is not valid gzip"
zcat "$root/usr/share/man/man1/memorymap.1.gz" | grep -q '^\.TH memorymap 1' || fail "man page header"
echo "check_package.sh: desktop entry and man page ok"

# 3. The packaged binary runs, names its data, and validates the shipped example.
bin="$root/usr/bin/memorymap"
example="$root/usr/share/memorymap/examples/kazakhstan.geojson"
version="$("$bin" --version)" || fail "--version"
echo "$version" | sed 's/^/  /'
sum="$(sha256sum "$example" | cut -d' ' -f1)"
echo "$version" | grep -q "sha256: $sum" || fail "--version does not give the shipped example's sha256 $sum"
"$bin" validate "$example" | grep -q ': valid:' || fail "validate on the shipped example"
if file "$bin" | grep -q 'not stripped'; then fail "binary is not stripped"; fi
echo "check_package.sh: binary ok ($(du -h "$bin" | cut -f1))"

# 4. A real install and removal, on a machine we may change (CI runs as root).
if [ "${CHECK_INSTALL:-0}" = 1 ]; then
    [ "$(id -u)" -eq 0 ] || fail "CHECK_INSTALL=1 needs root"
    if dpkg-query -W memorymap >/dev/null 2>&1; then fail "memorymap is already installed here"; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$(realpath "$deb")" >/dev/null
    /usr/bin/memorymap --version | head -n 1
    /usr/bin/memorymap validate /usr/share/memorymap/examples/kazakhstan.geojson | tail -n 1
    installed="$(dpkg-query -L memorymap)"
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq memorymap >/dev/null
    left=""
    for f in $installed; do
        if [ -f "$f" ]; then left="$left $f"; fi
    done
    [ -z "$left" ] || fail "files left after purge:$left"
    [ ! -e /usr/share/memorymap ] || fail "/usr/share/memorymap left after purge"
    echo "check_package.sh: apt install, run and purge ok"
fi
echo "check_package.sh: ok"

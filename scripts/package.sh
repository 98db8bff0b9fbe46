#!/usr/bin/env bash
# Builds the Debian package (target/debian/memorymap_<version>-1_amd64.deb) with cargo-deb,
# from the `dist` profile (LTO, stripped), then checks it with scripts/check_package.sh.
# Installs cargo-deb when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_DEB_VERSION=3.8.0
if ! cargo deb --version >/dev/null 2>&1; then
    echo "package.sh: installing cargo-deb $CARGO_DEB_VERSION"
    cargo install --locked cargo-deb --version "$CARGO_DEB_VERSION"
fi
deb="$(cargo deb --locked --profile dist | tail -n 1)"
echo "package.sh: built $deb ($(du -h "$deb" | cut -f1))"
./scripts/check_package.sh "$deb"

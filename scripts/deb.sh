#!/usr/bin/env bash
# Builds InnoLand's Debian package from a built binary, with dpkg-deb from a
# staged tree (no debhelper): usage scripts/deb.sh [BINARY [OUTDIR]]
# (build/innoland, build).  The package holds /usr/bin/innoland, the systemd
# unit and /etc/innoland/innoland.conf from packaging/deb/, and the
# maintainer scripts that make the user innoland and /var/lib/innoland.
# Its Depends are what dpkg-shlibdeps finds the binary links (plus adduser);
# its version is the binary's own (`innoland version`), made a Debian one.
# Prints the package's path.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/innoland}
out=${2:-build}
pkg=packaging/deb
[ -x "$bin" ] || { echo "deb: no binary at $bin (make builds it)" >&2; exit 1; }

# "innoland 1.2-3-gabc" -> 1.2+3+gabc; without a tag, "e8d519b-dirty" ->
# 0~gite8d519b+dirty, below any tagged version.
version=$("$bin" version | awk '{ print $2 }')
version=${version#v}
case $version in [0-9]*) ;; *) version=0~git$version ;; esac
version=${version//-/+}
arch=$(dpkg --print-architecture)

work=$(mktemp -d "${TMPDIR:-/tmp}/innoland-deb.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
install -d -m 755 "$root/DEBIAN" "$root/usr/bin" "$root/lib/systemd/system" "$root/etc/innoland"
install -m 755 "$bin" "$root/usr/bin/innoland"
strip --strip-unneeded "$root/usr/bin/innoland"
install -m 644 "$pkg/innoland.service" "$root/lib/systemd/system/innoland.service"
install -m 644 "$pkg/innoland.conf" "$root/etc/innoland/innoland.conf"
install -m 644 "$pkg/conffiles" "$root/DEBIAN/conffiles"
for s in postinst prerm postrm; do install -m 755 "$pkg/$s" "$root/DEBIAN/$s"; done

# dpkg-shlibdeps reads a source package's debian/control: a minimal one
mkdir -p "$work/src/debian"
printf 'Source: innoland\n\nPackage: innoland\nArchitecture: any\n' >"$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O "$root/usr/bin/innoland" 2>"$work/shlibdeps.log") ||
  { cat "$work/shlibdeps.log" >&2; exit 1; }
depends=${depends#shlibs:Depends=}

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
  -e "s/@DEPENDS@/$depends/" "$pkg/control" >"$root/DEBIAN/control"

mkdir -p "$out"
deb=$out/innoland_${version}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"

#!/usr/bin/env bash
# Build the .deb for Debian, Ubuntu, UOS and Kylin from the PyInstaller folder:
#
#   packaging/deb/build.sh BUNDLE_DIR [OUT_DIR]     -> OUT_DIR/jifen-kiosk_VERSION_ARCH.deb
#
# BUNDLE_DIR is what packaging/build_linux.sh made (…/dist/jifen-kiosk). The package puts it
# in /opt/jifen-kiosk, links kiosk, kiosk-counter and kiosk-selfservice into /usr/bin, and adds
# the menu entries and icons (the desktop's own dpkg triggers refresh menus and icon caches).
# The architecture and the lowest glibc it runs on are read off the bundle itself.
# DEB_COMPRESSION (xz, gzip or none; default xz, which every dpkg reads: zstd is not),
# DEB_COMPRESSION_LEVEL and DEB_MAINTAINER may be set.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=$(cd "${1:?usage: build.sh BUNDLE_DIR [OUT_DIR]}" && pwd)
out=$(mkdir -p "${2:-$root/build/packaging}" && cd "${2:-$root/build/packaging}" && pwd)
[ -x "$bundle/kiosk" ] && [ -d "$bundle/_internal" ] || { echo "not a kiosk bundle: $bundle" >&2; exit 2; }

package=jifen-kiosk
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/kiosk/__init__.py")
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The newest GLIBC_x.y symbol version any program or library in the bundle asks for.
lowest_glibc() {
    find "$bundle" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
        | xargs -0 objdump -T 2>/dev/null \
        | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1
}

mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/doc/$package" "$stage/DEBIAN"
cp -a "$bundle" "$stage/opt/$package"
for program in kiosk kiosk-counter kiosk-selfservice; do
    [ -x "$stage/opt/$package/$program" ] || { echo "bundle lacks $program" >&2; exit 2; }
    ln -s "/opt/$package/$program" "$stage/usr/bin/$program"
done
for app in jifen-kiosk-counter jifen-kiosk-selfservice; do
    install -m 644 "$root/packaging/desktop/$app.desktop" "$stage/usr/share/applications/"
    for size in 48 128 256; do
        install -D -m 644 "$root/assets/icons/$app-$size.png" \
            "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$app.png"
    done
    install -D -m 644 "$root/assets/icons/$app.svg" "$stage/usr/share/icons/hicolor/scalable/apps/$app.svg"
done
install -m 644 "$here/copyright" "$stage/usr/share/doc/$package/copyright"

chmod -R u+rwX,go+rX,go-w "$stage"
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@LIBC@/$(lowest_glibc)/" \
    -e "s/@INSTALLED_SIZE@/$(du -sk --exclude=DEBIAN "$stage" | cut -f1)/" \
    -e "s/@MAINTAINER@/${DEB_MAINTAINER:-Jifen Kiosk project <jifen-kiosk@example.org>}/" \
    "$here/control" > "$stage/DEBIAN/control"

deb="$out/${package}_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" ${DEB_COMPRESSION_LEVEL:+-z"$DEB_COMPRESSION_LEVEL"} \
    --build "$stage" "$deb" >/dev/null
echo "$deb"

#!/usr/bin/env bash
# Builds the Linux .deb and checks that what it installs starts.
#
#   bash scripts/package-linux.sh
#
# 1. Builds the release binary (cargo build --release --locked; about 16
#    minutes from cold on 2 cores) and the .deb with cargo-packager
#    (cargo install cargo-packager --locked, once). The .deb lands in
#    target/release/datastore-designer_<version>_amd64.deb.
# 2. Unpacks the .deb (dpkg-deb -x, no root needed) and checks that it holds
#    the program, the launcher (.desktop) and the icons where desktops look
#    for them (usr/share/applications, usr/share/icons/hicolor).
# 3. Starts the unpacked program under Xvfb with an empty home folder, so it
#    opens the starter project as on a first start, checks that its window is
#    up and has the app icon, and saves a screenshot as
#    target/package-linux/screenshot.png to look at.
# 4. Only with --clean-install (as root, with debootstrap and access to
#    deb.debian.org): installs the .deb with apt into a fresh, minimal Debian
#    bookworm (a debootstrap chroot kept in /tmp for the next run), starts it
#    there on an Xvfb display and saves target/package-linux/clean-install.png.
#    This proves the .deb's Depends list is complete.
# Needs: dpkg-deb, fakeroot, xvfb-run, Xvfb, ImageMagick's import, xdotool,
# xprop, and the Vulkan driver (scripts/install-system-deps.sh).
#
# The AppImage is not made here: cargo-packager downloads linuxdeploy from
# GitHub for it. The release workflow (.github/workflows/release.yml) makes it.
set -euo pipefail
cd "$(dirname "$0")/.."
clean_install=false
[ "${1:-}" = "--clean-install" ] && clean_install=true

cargo build --release --locked
cargo packager --release --formats deb

version=$(cargo metadata --no-deps --format-version 1 --locked |
    python3 -c 'import json, sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "datastore-designer"))')
deb="target/release/datastore-designer_${version}_amd64.deb"
[ -f "$deb" ] || { echo "No $deb after cargo packager" >&2; exit 1; }
echo "Built $deb ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb"

work=target/package-linux
rm -rf "$work"
mkdir -p "$work/root" "$work/home"
dpkg-deb -x "$deb" "$work/root"

missing=0
for file in usr/bin/datastore-designer \
    usr/share/applications/datastore-designer.desktop \
    usr/share/icons/hicolor/32x32/apps/datastore-designer.png \
    usr/share/icons/hicolor/128x128/apps/datastore-designer.png \
    usr/share/icons/hicolor/256x256/apps/datastore-designer.png \
    usr/share/icons/hicolor/512x512/apps/datastore-designer.png; do
    if [ -e "$work/root/$file" ]; then
        echo "ok: /$file"
    else
        echo "MISSING: /$file" >&2
        missing=1
    fi
done
[ "$missing" -eq 0 ] || exit 1
cat "$work/root/usr/share/applications/datastore-designer.desktop"
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$work/root/usr/share/applications/datastore-designer.desktop"
fi

# The program runs from the unpacked tree with a fresh home: no remembered
# files, so it opens the starter project. Runs inside Xvfb, so nothing shows.
cat >"$work/start.sh" <<'EOF'
set -u
HOME="$1/home" XDG_DATA_HOME= XDG_CONFIG_HOME= "$1/root/usr/bin/datastore-designer" \
    >"$1/app.log" 2>&1 &
app=$!
window=""
for _ in $(seq 60); do
    window=$(xdotool search --name "DataStore Designer" 2>/dev/null | head -n1)
    [ -n "$window" ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 1
done
status=0
if [ -z "$window" ]; then
    echo "The window did not open; the program said:" >&2
    cat "$1/app.log" >&2
    status=1
else
    sleep 5 # let the starter project load and draw
    echo "Window: $(xdotool getwindowname "$window")"
    # The icon as numbers: width, height, then the pixels (the 256 px PNG).
    if xprop -id "$window" -notype 32c _NET_WM_ICON | grep -q "= 256, 256,"; then
        echo "ok: the window has the app icon (256 x 256)"
    else
        echo "The window has no icon" >&2
        status=1
    fi
    import -window root "$1/screenshot.png"
    kill -0 "$app" 2>/dev/null || { echo "The program quit" >&2; status=1; }
fi
kill "$app" 2>/dev/null
wait "$app" 2>/dev/null
exit "$status"
EOF
xvfb-run -a -s "-screen 0 1600x900x24" bash "$work/start.sh" "$(pwd)/$work"
echo "Screenshot: $work/screenshot.png"

$clean_install || exit 0

# A fresh Debian in a chroot: only what the .deb's Depends pull in.
debian=/tmp/datastore-designer-clean-debian
if [ ! -x "$debian/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase bookworm "$debian" http://deb.debian.org/debian
fi
cp /etc/resolv.conf "$debian/etc/resolv.conf"
mkdir -p "$debian/tmp/.X11-unix"
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
app=""
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null
    kill "$xvfb" 2>/dev/null
    sleep 1
    umount "$debian/tmp/.X11-unix" "$debian/proc" 2>/dev/null || true
    umount -R "$debian/dev" 2>/dev/null || true
}
trap cleanup EXIT
mount -t proc proc "$debian/proc"
mount --rbind /dev "$debian/dev"
mount --bind /tmp/.X11-unix "$debian/tmp/.X11-unix"
cp "$deb" "$debian/tmp/"
chroot "$debian" apt-get update -q
chroot "$debian" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --reinstall "/tmp/$(basename "$deb")"
rm -rf "$debian/tmp/home"
mkdir -p "$debian/tmp/home"
chroot "$debian" env -i DISPLAY="$display" HOME=/tmp/home PATH=/usr/bin:/bin \
    datastore-designer >"$work/clean-install.log" 2>&1 &
app=$!
window=""
for _ in $(seq 60); do
    window=$(DISPLAY="$display" xdotool search --name "DataStore Designer" 2>/dev/null | head -n1) || true
    [ -n "$window" ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 1
done
if [ -z "$window" ]; then
    echo "In the clean Debian the window did not open; the program said:" >&2
    cat "$work/clean-install.log" >&2
    exit 1
fi
sleep 5
echo "Clean install: $(DISPLAY="$display" xdotool getwindowname "$window")"
DISPLAY="$display" import -window root "$work/clean-install.png"
echo "Screenshot: $work/clean-install.png"

#!/usr/bin/env bash
# Debian 13 (trixie) in a chroot, for the terminals bench's cases with the terminals
# users have today (VTE 0.80, Konsole 25.04, kitty 0.41, alacritty 0.15, tmux 3.5) on a
# machine with older ones: the terminal runs inside the chroot, on the host's X display.
#
# usage: benches/chroot-trixie.sh [setup|mount|umount|versions]   (root; default setup)
#   setup     debootstrap --variant=minbase trixie into DIR (when DIR has no Debian yet),
#             apt-get install the terminals and fonts inside it, then mount
#   mount     bind-mount /proc /dev /dev/pts /sys /tmp into DIR (each once)
#   umount    undo mount
#   versions  the terminals' versions inside DIR
# env:   TRIXIE   the chroot (default /srv/trixie)
#        MIRROR   the Debian mirror debootstrap uses (default the one apt uses here)
#
# Then: TERM_SHOT_CHROOT=$TRIXIE ../shared/tools/term-shot.sh konsole ... runs Konsole
# 25.04 (benches/terminals.sh does this for its trixie-* cases). The command inside runs
# from /tmp (shared with the host), so a binary and a file it opens must be under /tmp.
# debootstrap and the install take a few minutes; it is not part of `cargo test`.
set -eu
dir=${TRIXIE:-/srv/trixie}
mirror=${MIRROR:-$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
mirror=${mirror:-http://deb.debian.org/debian}
packages=(xfce4-terminal konsole kitty alacritty tmux screen dbus dbus-x11
  fonts-dejavu-core fonts-noto-core libgl1 libgl1-mesa-dri locales procps)

mount_all() {
  local m
  for m in proc dev dev/pts sys tmp; do
    mkdir -p "$dir/$m"
    mountpoint -q "$dir/$m" || mount --bind "/$m" "$dir/$m"
  done
}
umount_all() {
  local m
  for m in tmp sys dev/pts dev proc; do
    mountpoint -q "$dir/$m" && umount "$dir/$m"
  done
  return 0
}

case ${1:-setup} in
  mount) mount_all; exit 0 ;;
  umount) umount_all; exit 0 ;;
  versions)
    chroot "$dir" dpkg-query -W -f '${Package} ${Version}\n' "${packages[@]}" libvte-2.91-0 2>/dev/null
    exit 0 ;;
  setup) ;;
  *) echo "usage: $0 [setup|mount|umount|versions]" >&2; exit 2 ;;
esac

command -v debootstrap >/dev/null || { echo "chroot-trixie: apt-get install -y debootstrap" >&2; exit 1; }
if [ ! -x "$dir/usr/bin/apt-get" ]; then
  debootstrap --variant=minbase trixie "$dir" "$mirror"
fi
cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
mount_all
# No daemons start inside the chroot while packages install.
printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
chmod +x "$dir/usr/sbin/policy-rc.d"
chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get update -q
chroot "$dir" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "${packages[@]}"
# dbus-run-session needs a machine id; the terminals want a UTF-8 locale (C.UTF-8 is built in).
chroot "$dir" sh -c '[ -s /etc/machine-id ] || dbus-uuidgen >/etc/machine-id'
"$0" versions

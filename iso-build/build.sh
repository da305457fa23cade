#!/usr/bin/env bash
# Builds the Ceremony live image (a Debian 12 ISO) with live-build, from Debian packages only.
#
#   iso-build/build.sh [--out DIR] [--update-lock]
#
# Runs as root on Debian 12 with access to a Debian mirror (CEREMONY_DEBIAN_MIRROR, default
# http://deb.debian.org/debian). Prints the image's size, SHA-256 and the build time, writes the
# exact package versions of the image next to it (filesystem.packages) and compares them with
# iso-build/packages.lock (--update-lock replaces the lock with them). The .deb files the build
# used are kept in DIR/debs, so that a witness can rebuild from the same packages later.
#
# SOURCE_DATE_EPOCH defaults to the commit time of HEAD: the same commit, the same packages and
# the same jar give the same image bytes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/iso-build/out"
update_lock=false
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(realpath -m "$2")"; shift 2 ;;
    --update-lock) update_lock=true; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

die() { echo "build.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root: live-build needs chroot, mounts and loop devices"
grep -q '^VERSION_ID="12"' /etc/os-release || die "build on Debian 12 (this is $(. /etc/os-release; echo "$PRETTY_NAME"))"
"$here/check.sh" $($update_lock && echo --no-lock) >/dev/null \
  || die "iso-build/check.sh refuses the configuration; run it to see why"

tools=(live-build xorriso squashfs-tools isolinux syslinux-common grub-pc-bin grub-efi-amd64-bin mtools dosfstools)
missing=()
for package in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build.sh: installing ${missing[*]}" >&2
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The jar: built by Maven if missing or older than the sources (bin/ceremony does the same).
jar="$root/target/ceremony.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/src/main" "$root/pom.xml" -newer "$jar" -print -quit)" ]; then
  (cd "$root" && mvn -B -q -DskipTests package) || die "the jar did not build"
fi
version="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)"
commit="$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}"
mirror="${CEREMONY_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
security="${CEREMONY_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}"

work="${CEREMONY_ISO_WORK:-/var/tmp/ceremony-iso}"
case "$work" in /|/var|/var/tmp|/tmp|"$root"*) die "CEREMONY_ISO_WORK must be a folder of its own, not $work" ;; esac
if [ -d "$work" ]; then (cd "$work" && lb clean --purge >/dev/null 2>&1) || true; rm -rf "$work"; fi
mkdir -p "$work" "$out"
cd "$work"
started=$(date +%s)
echo "build.sh: Ceremony $version ($commit), SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH, in $work"

# minbase: Debian's "important" packages would bring ifupdown and isc-dhcp-client.
lb config --mode debian --distribution bookworm --architectures amd64 --archive-areas main \
  --debootstrap-options "--variant=minbase" \
  --mirror-bootstrap "$mirror" --mirror-chroot "$mirror" --mirror-binary "$mirror" \
  --mirror-chroot-security "$security" --mirror-binary-security "$security" \
  --security true --updates true \
  --debian-installer none --binary-images iso-hybrid --memtest none --win32-loader false \
  --apt-recommends false --apt-indices false --firmware-binary false --firmware-chroot false \
  --linux-flavours amd64 --bootappend-live "boot=live toram quiet" \
  --iso-application "Ceremony" --iso-publisher "Ceremony $version ($commit)" --iso-volume "CEREMONY" \
  --checksums sha256 >/dev/null

# live-boot only: live-config would add a user with a known password, sudo and its own autologin.
printf 'live-boot\nlive-boot-initramfs-tools\nsystemd-sysv\n' > config/package-lists/live.list.chroot
grep -v '^\s*\(#\|$\)' "$here/packages.list" > config/package-lists/ceremony.list.chroot
# The exact versions of the lock, where the mirror still has them (apt takes pins over newer versions).
if [ -f "$here/packages.lock" ]; then
  while read -r package locked; do
    printf 'Package: %s\nPin: version %s\nPin-Priority: 1001\n\n' "${package%%:*}" "$locked"
  done < <(grep -v '^#' "$here/packages.lock") > config/apt/preferences
fi

cp -a "$here/includes.chroot/." config/includes.chroot/
install -d config/includes.chroot/usr/share/ceremony
install -m 644 "$jar" config/includes.chroot/usr/share/ceremony/ceremony.jar
cp -a "$root/ceremony-scripts" "$root/hsm-config" config/includes.chroot/usr/share/ceremony/
echo "$version ($commit)" > config/includes.chroot/usr/share/ceremony/VERSION
install -m 755 "$here"/hooks/*.hook.chroot config/hooks/normal/

# Boot menus wait 5 seconds, then boot the live system (both wait forever by default).
for loader in isolinux grub-pc; do
  mkdir -p config/bootloaders
  cp -a "/usr/share/live/build/bootloaders/$loader" config/bootloaders/
done
sed -i 's/^timeout 0$/timeout 50/' config/bootloaders/isolinux/isolinux.cfg
sed -i 's/^set default=0$/set default=0\nset timeout=5/; /^insmod play$/d; /^play /d' config/bootloaders/grub-pc/config.cfg
# Files that would carry the build's time are set to SOURCE_DATE_EPOCH.
find config/includes.chroot config/bootloaders -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

lb build > "$out/build.log" 2>&1 || { tail -40 "$out/build.log" >&2; die "lb build failed; the whole log is $out/build.log"; }

image="$out/ceremony-live-$version.iso"
rm -f "$image"
mv live-image-amd64.hybrid.iso "$image"
cp live-image-amd64.packages "$out/filesystem.packages"
mkdir -p "$out/debs"
find cache -name '*.deb' -exec cp -n {} "$out/debs/" \;
elapsed=$(( $(date +%s) - started ))
sha=$(sha256sum "$image" | cut -d' ' -f1)
echo "$sha  $(basename "$image")" > "$image.sha256"

{ echo "# Package versions of the Ceremony live image, from live-build's filesystem.packages."
  echo "# build.sh pins them on a rebuild; --update-lock writes this file."
  cat "$out/filesystem.packages"; } > "$out/packages.lock"
if $update_lock; then
  cp "$out/packages.lock" "$here/packages.lock"
  echo "build.sh: iso-build/packages.lock updated"
elif [ -f "$here/packages.lock" ] && ! diff -q <(grep -v '^#' "$here/packages.lock") "$out/filesystem.packages" >/dev/null; then
  echo "build.sh: the image's packages differ from iso-build/packages.lock:"
  diff <(grep -v '^#' "$here/packages.lock") "$out/filesystem.packages" | grep '^[<>]' | head -20
fi
echo "build.sh: built in $((elapsed / 60)) min $((elapsed % 60)) s"
echo "build.sh: image $image, $(stat -c %s "$image") bytes ($(( $(stat -c %s "$image") / 1048576 )) MiB)"
echo "build.sh: SHA-256 $sha"

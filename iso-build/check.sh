#!/usr/bin/env bash
# A quick check of the live image's build configuration, run by bin/test (so by CI) where the
# image itself is too slow to build: the scripts parse, the package list holds what the image
# must hold and nothing that could bring a network up, the lock list covers it, and the media
# are mounted with the options the README promises. Exit 0 when all holds; else 1, naming each
# problem.
set -uo pipefail
# --no-lock: for build.sh --update-lock, whose build writes the first lock.
no_lock=false
[ "${1:-}" = "--no-lock" ] && no_lock=true
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
problems=0
problem() { echo "iso-build/check.sh: $*" >&2; problems=$((problems + 1)); }

for script in "$here/build.sh" "$here/test.sh" "$here/check.sh"; do
  bash -n "$script" 2>/dev/null || problem "$script does not parse: $(bash -n "$script" 2>&1 | head -1)"
done
for script in "$here"/hooks/*.hook.chroot "$here"/includes.chroot/usr/local/bin/*; do
  [ -x "$script" ] || problem "$script is not executable"
  sh -n "$script" 2>/dev/null || problem "$script does not parse: $(sh -n "$script" 2>&1 | head -1)"
done

mapfile -t listed < <(grep -v '^\s*\(#\|$\)' "$here/packages.list")
required=(openjdk-17-jre-headless opensc pcscd ykcs11 softhsm2 tmux openssl coreutils)
for package in "${required[@]}"; do
  printf '%s\n' "${listed[@]}" | grep -qx "$package" || problem "packages.list lacks $package"
done
# Anything that configures a network, radio firmware, and privilege escalation stay off the image.
forbidden='^(network-manager|isc-dhcp-client|isc-dhcp-common|dhcpcd5|dhcpcd-base|udhcpc|wpasupplicant|iwd|ifupdown|connman|systemd-resolved|firmware-.*|sudo|doas|live-config|live-config-systemd|openssh-server)$'
for package in "${listed[@]}"; do
  [[ "$package" =~ $forbidden ]] && problem "packages.list holds $package, which must not be on the image"
done

lock="$here/packages.lock"
if [ ! -f "$lock" ]; then
  $no_lock || problem "packages.lock is missing: build the image once with build.sh --update-lock"
else
  for package in "${listed[@]}"; do
    grep -q "^$package\(:amd64\)\?[[:space:]]" "$lock" || problem "packages.lock has no version of $package"
  done
  while read -r package version; do
    [[ "${package%%:*}" =~ $forbidden ]] && problem "packages.lock holds ${package%%:*} $version, pulled in by the list"
  done < <(grep -v '^#' "$lock")
  grep -q '^linux-image-[0-9].*amd64' "$lock" || problem "packages.lock holds no kernel"
fi
# Where the machine has Debian 12's package lists, every listed package must be in them.
if compgen -G "/var/lib/apt/lists/*bookworm*_Packages" >/dev/null; then
  for package in "${listed[@]}"; do
    apt-cache show --no-all-versions "$package" >/dev/null 2>&1 || problem "Debian 12 has no package $package"
  done
fi

units="$here/includes.chroot/etc/systemd/system"
declare -A options=([import]="ro,nosuid,nodev,noexec" [export]="rw,nosuid,nodev,noexec" [records]="rw,nosuid,nodev,noexec")
for medium in import export records; do
  grep -q "^Options=${options[$medium]}\(,\|$\)" "$units/media-$medium.mount" 2>/dev/null \
    || problem "media-$medium.mount does not mount with ${options[$medium]}"
  grep -q "SYSTEMD_WANTS}+=\"media-$medium.mount\"" "$here/includes.chroot/etc/udev/rules.d/90-ceremony-media.rules" \
    || problem "no udev rule mounts the $medium medium"
done
grep -q -- '--autologin ceremony' "$units/getty@tty1.service.d/autologin.conf" 2>/dev/null \
  || problem "tty1 does not log the ceremony user in"
grep -q 'toram' "$here/build.sh" || problem "the image does not boot into RAM (toram)"

if [ "$problems" -gt 0 ]; then
  echo "iso-build/check.sh: $problems problem(s)" >&2
  exit 1
fi
echo "iso-build/check.sh: the live image's configuration holds (${#listed[@]} packages listed, $( [ -f "$lock" ] && grep -vc '^#' "$lock" || echo "none yet") locked)"

#!/usr/bin/env bash
# Boots the live image in QEMU (software emulation, no network device) with its console on the
# serial line, and confirms from that line that the Ceremony session checked the air gap (no
# network interface besides loopback) and that the TUI started. The serial line is shown in a
# tmux pane of 80x24, so the TUI's screen can be read; the raw line is kept in serial.log. A FAT
# stick labelled CEREMONY-IN on a USB port must be mounted at /media/import, read-only, nosuid,
# nodev, noexec.
#
#   iso-build/test.sh [ISO]      (default: the newest iso-build/out/ceremony-live-*.iso)
#
# Needs qemu-system-x86, xorriso and tmux. Exit 0 when both were seen within CEREMONY_BOOT_WAIT
# seconds (default 600).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
iso="${1:-$(ls -t "$here"/out/ceremony-live-*.iso 2>/dev/null | head -1)}"
[ -n "$iso" ] && [ -f "$iso" ] || { echo "test.sh: no image; build one with iso-build/build.sh" >&2; exit 1; }
wait="${CEREMONY_BOOT_WAIT:-600}"
for tool in qemu-system-x86_64 xorriso tmux mkfs.vfat mcopy; do
  command -v "$tool" >/dev/null || { echo "test.sh: $tool is missing (apt-get install qemu-system-x86 xorriso tmux \
dosfstools mtools)" >&2; exit 1; }
done

run="$(mktemp -d /tmp/ceremony-boot.XXXXXX)"
session="ceremony-boot-$$"
cleanup() { tmux kill-session -t "$session" 2>/dev/null || true; }
trap cleanup EXIT
# The kernel and initrd from the image, booted with the image's own options plus the serial console.
xorriso -osirrox on -indev "$iso" -extract /live/vmlinuz "$run/vmlinuz" -extract /live/initrd.img "$run/initrd.img" \
  >/dev/null 2>&1 || { echo "test.sh: $iso holds no /live/vmlinuz and /live/initrd.img" >&2; exit 1; }
append="boot=live toram quiet console=ttyS0,115200"
# An import stick (FAT, labelled CEREMONY-IN, one request on it) on a USB port of the machine.
mkfs.vfat -C -n CEREMONY-IN "$run/import.img" 8192 >/dev/null
printf 'not a real request\n' > "$run/request.csr"
mcopy -i "$run/import.img" "$run/request.csr" ::/request.csr
echo "test.sh: booting $(basename "$iso") in qemu (TCG, 2 GiB, no network device, a USB stick labelled CEREMONY-IN):"
echo "  $append"
started=$(date +%s)
# KVM exists on these machines but does not work: software emulation, explicitly.
tmux new-session -d -s "$session" -x 80 -y 24 \
  "qemu-system-x86_64 -accel tcg -m 2048 -smp 2 -nic none -display none -no-reboot \
     -cdrom '$iso' -kernel '$run/vmlinuz' -initrd '$run/initrd.img' -append '$append' \
     -drive if=none,id=stick,format=raw,file='$run/import.img' -device qemu-xhci -device usb-storage,drive=stick \
     -chardev stdio,id=serial0,logfile='$run/serial.log',signal=off -serial chardev:serial0 -monitor none"

seen_gap=""
seen_tui=""
while [ $(( $(date +%s) - started )) -lt "$wait" ]; do
  sleep 5
  if [ -z "$seen_gap" ] && grep -a -q 'Network interfaces: lo$' <(tr -d '\r' < "$run/serial.log" 2>/dev/null); then
    seen_gap=$(( $(date +%s) - started ))
  fi
  if tmux capture-pane -p -t "$session" 2>/dev/null | grep -q 'Ceremony | home'; then
    seen_tui=$(( $(date +%s) - started ))
    sleep 5
    break
  fi
  tmux has-session -t "$session" 2>/dev/null || break
done

echo "test.sh: the session's first lines on the serial console:"
tr -d '\r' < "$run/serial.log" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1b[()][A-Z0-9]//g' \
  | grep -a -E '^(Ceremony live image|Network|Air gap|Medium)' | head -8 | sed 's/^/  | /'
echo "test.sh: the screen of the serial console (tmux, 80x24):"
tmux capture-pane -p -t "$session" 2>/dev/null | sed 's/^/  | /' || true
echo "test.sh: raw serial output kept in $run/serial.log"
if [ -z "$seen_gap" ]; then
  echo "test.sh: FAILED: the session never reported 'Network interfaces: lo' (within ${wait} s)" >&2
  exit 1
fi
if ! tr -d '\r' < "$run/serial.log" | grep -a -q '^Network and radio driver modules: 0$'; then
  echo "test.sh: FAILED: the image holds network or radio driver modules" >&2
  exit 1
fi
if ! tr -d '\r' < "$run/serial.log" | grep -a -q '^Air gap *passed'; then
  echo "test.sh: FAILED: the air-gap check of ceremony status did not pass" >&2
  exit 1
fi
if ! tr -d '\r' < "$run/serial.log" | grep -a -q '^Medium: /media/import ro,nosuid,nodev,noexec'; then
  echo "test.sh: FAILED: the import stick was not mounted at /media/import with ro,nosuid,nodev,noexec" >&2
  exit 1
fi
if [ -z "$seen_tui" ]; then
  echo "test.sh: FAILED: the Ceremony TUI did not start (within ${wait} s)" >&2
  exit 1
fi
echo "test.sh: passed: air gap checked after ${seen_gap} s (only lo), TUI home after ${seen_tui} s"

#!/usr/bin/env bash
# Removes Hearth as install.sh set it up: the service, the app in /opt/hearth, the settings in /etc/hearth, the
# udev rule and the hearth user. The data in /var/lib/hearth (conversation history, certificates, downloaded
# models) stays unless --purge is given. Packages apt installed (Java, libgpiod, ...) stay: others may use them.
#
#   sudo /opt/hearth/uninstall.sh [--purge] [--no-systemd]
#
#   --purge        also delete /var/lib/hearth
#   --no-systemd   do not stop, disable or reload systemd units (chroots; also when systemd is not running)
set -euo pipefail

app_dir=/opt/hearth
conf_dir=/etc/hearth
data_dir=/var/lib/hearth
unit_file=/etc/systemd/system/hearth.service
udev_rule=/etc/udev/rules.d/60-hearth-gpio.rules
cli_link=/usr/local/bin/hearth

purge=0
use_systemd=1

say() { printf 'hearth uninstall: %s\n' "$*"; }
die() { printf 'hearth uninstall: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --purge) purge=1; shift ;;
    --no-systemd) use_systemd=0; shift ;;
    -h | --help) sed -n '2,9s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown option $1 (known: --purge, --no-systemd)" ;;
  esac
done
[ "$(id -u)" -eq 0 ] || die "run it as root: sudo $0 $*"
[ -d /run/systemd/system ] || use_systemd=0

if [ "$use_systemd" -eq 1 ] && [ -e "$unit_file" ]; then
  systemctl disable --now --quiet hearth.service || true
fi
rm -f "$unit_file" "$udev_rule"
rm -rf "${unit_file}.d"
if [ "$use_systemd" -eq 1 ]; then
  systemctl daemon-reload
  udevadm control --reload-rules || true
fi

[ "$(readlink "$cli_link" 2>/dev/null)" != "$app_dir/bin/hearth" ] || rm -f "$cli_link"
rm -rf "$app_dir" "$conf_dir"
if getent passwd hearth >/dev/null; then
  userdel hearth
fi
# the gpio group stays: Raspberry Pi OS has it of its own, and other programs may use it

if [ "$purge" -eq 1 ]; then
  rm -rf "$data_dir"
  say "removed Hearth and its data"
elif [ -d "$data_dir" ]; then
  say "removed Hearth; its data stays in $data_dir (sudo $0 --purge deletes it)"
else
  say "removed Hearth"
fi

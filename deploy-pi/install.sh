#!/usr/bin/env bash
# Installs Hearth from this bundle on Raspberry Pi OS 64-bit (Debian 12 "bookworm" or 13 "trixie") and starts it
# as the systemd service `hearth`. Safe to run again: a second run changes nothing, and a newer bundle replaces
# the app but never the settings in /etc/hearth or the data in /var/lib/hearth.
#
#   sudo ./install.sh [--vosk-zip FILE] [--satellite wss://HOST:8443 --ca FILE] [--no-systemd] [--any-arch]
#
#   --vosk-zip FILE   Vosk's vosk-linux-aarch64-0.3.45.zip, already downloaded (offline installs); without it the
#                     installer downloads it from Vosk's GitHub release. Either way its SHA-256 must match.
#   --satellite URL   run this Pi as a satellite of the Hearth server at URL (button, microphone and speaker here,
#   --ca FILE         turns there), trusting that server's CA certificate (http://SERVER:8080/hearth-ca.crt, as
#                     downloaded: DER, or PEM)
#   --no-systemd      install files, user and unit, but do not reload, enable or start systemd units
#                     (image builds, chroots); also the case when systemd is not running
#   --any-arch        install on a machine that is not 64-bit ARM (the bundle's PyTorch is for aarch64, so the
#                     local language model will not load there; the tests use this in an x86-64 Debian root)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app_dir=/opt/hearth
conf_dir=/etc/hearth
data_dir=/var/lib/hearth
unit_file=/etc/systemd/system/hearth.service
udev_rule=/etc/udev/rules.d/60-hearth-gpio.rules
cli_link=/usr/local/bin/hearth

# Vosk's Java jar carries no libvosk.so for aarch64; Vosk's own release archive does (it needs libatomic1).
vosk_zip_name=vosk-linux-aarch64-0.3.45.zip
vosk_url=https://github.com/alphacep/vosk-api/releases/download/v0.3.45/$vosk_zip_name
vosk_zip_sha256=45e95d37755deb07568e79497d7feba8c03aee5a9e071df29961aa023fd94541

vosk_zip=""
satellite=""
ca_file=""
use_systemd=1
any_arch=0

say() { printf 'hearth install: %s\n' "$*"; }
die() { printf 'hearth install: %s\n' "$*" >&2; exit 1; }

usage() { sed -n '2,17s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --vosk-zip) [ $# -ge 2 ] || die "--vosk-zip needs a file"; vosk_zip="$2"; shift 2 ;;
    --satellite) [ $# -ge 2 ] || die "--satellite needs a server address"; satellite="$2"; shift 2 ;;
    --ca) [ $# -ge 2 ] || die "--ca needs a file"; ca_file="$2"; shift 2 ;;
    --no-systemd) use_systemd=0; shift ;;
    --any-arch) any_arch=1; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "unknown option $1" ;;
  esac
done

# ---- checks: everything that can be wrong is found before anything is changed ----

[ "$(id -u)" -eq 0 ] || die "run it as root: sudo $0 $*"
for part in bin/hearth lib models VERSION README.md CONFIGURATION.md uninstall.sh hearth.service hearth.properties hearth.env 60-hearth-gpio.rules; do
  [ -e "$here/$part" ] || die "this bundle is incomplete ($part is missing); unpack hearth-pi.tar.gz again"
done
version="$(cat "$here/VERSION")"

[ -r /etc/os-release ] || die "cannot tell which system this is (/etc/os-release is missing)"
codename="$(sed -n 's/^VERSION_CODENAME=//p' /etc/os-release | tr -d '"')"
case "$codename" in
  bookworm) gpiod_package=libgpiod2 ;;
  trixie) gpiod_package=libgpiod3 ;;
  *) die "this is '${codename:-an unknown system}'; Hearth installs on Raspberry Pi OS or Debian 12 (bookworm) or 13 (trixie), 64-bit" ;;
esac

arch="$(dpkg --print-architecture)"
if [ "$arch" != arm64 ] && [ "$any_arch" -eq 0 ]; then
  die "this machine is $arch, and this bundle is for 64-bit ARM (arm64): install the 64-bit Raspberry Pi OS, or pass --any-arch to install anyway without the local language model"
fi

# The server serves its CA at /hearth-ca.crt in DER, the form phones install; a PEM copy serves as well. The file is
# installed as it is (`hearth satellite --ca` reads both), and recognised here by its bytes alone, since openssl may
# not be installed: PEM by its armour, DER as one ASN.1 SEQUENCE (0x30, two length bytes after 0x82) that fills
# the file exactly.
is_certificate() {
  grep -q -e '-----BEGIN CERTIFICATE-----' "$1" && return 0
  local head
  head="$(od -An -tx1 -N4 "$1" | tr -d ' \n')"
  case "$head" in
    3082????) [ $((16#${head:4:4} + 4)) -eq "$(stat -c %s "$1")" ] ;;
    *) return 1 ;;
  esac
}

if [ -n "$satellite" ] || [ -n "$ca_file" ]; then
  case "$satellite" in
    wss://*) ;;
    *) die "--satellite takes the server's wss:// address, e.g. wss://kitchen.local:8443" ;;
  esac
  [ -n "$ca_file" ] || die "--satellite needs --ca FILE, the server's certificate: curl -o hearth-ca.crt http://SERVER:8080/hearth-ca.crt"
  [ -f "$ca_file" ] || die "there is no certificate file $ca_file"
  is_certificate "$ca_file" \
    || die "$ca_file is not a certificate (neither DER nor PEM); download the server's again: curl -o hearth-ca.crt http://SERVER:8080/hearth-ca.crt"
fi

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

check_vosk_zip() {
  [ -f "$1" ] || die "there is no file $1"
  local actual
  actual="$(sha256_of "$1")"
  [ "$actual" = "$vosk_zip_sha256" ] \
    || die "$1 is not Vosk's $vosk_zip_name (SHA-256 $actual, expected $vosk_zip_sha256); download it again from $vosk_url"
}

# libvosk.so is needed on aarch64 only (the Vosk jar carries x86-64's); it survives reinstalls
# (a given archive is checked anywhere, but its aarch64 library is installed on arm64 only)
[ -z "$vosk_zip" ] || check_vosk_zip "$vosk_zip"
need_vosk=0
if [ "$arch" = arm64 ] && { [ -n "$vosk_zip" ] || ! grep -qsx "$vosk_zip_sha256" "$app_dir/native/vosk.sha256"; }; then
  need_vosk=1
fi

# ---- packages ----

packages=(default-jre-headless "$gpiod_package" gpiod libatomic1 alsa-utils unzip)
[ "$need_vosk" -eq 1 ] && [ -z "$vosk_zip" ] && packages+=(ca-certificates curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

if [ "$need_vosk" -eq 1 ] && [ -z "$vosk_zip" ]; then
  say "downloading $vosk_url"
  curl -fL --retry 3 -o "$scratch/$vosk_zip_name" "$vosk_url" \
    || die "could not download $vosk_url; download it elsewhere and pass it with --vosk-zip FILE"
  vosk_zip="$scratch/$vosk_zip_name"
  check_vosk_zip "$vosk_zip"
fi

# ---- user, groups and folders ----

# Raspberry Pi OS gives the gpio group the GPIO chips; plain Debian has no such group, and the udev rule below does it
getent group gpio >/dev/null || groupadd --system gpio
getent group audio >/dev/null || groupadd --system audio
if ! getent passwd hearth >/dev/null; then
  useradd --system --user-group --home-dir "$data_dir" --no-create-home --shell /usr/sbin/nologin \
    --comment "Hearth voice assistant" --groups gpio,audio hearth
  say "created the system user hearth (groups gpio, audio)"
else
  usermod --append --groups gpio,audio hearth
fi

install -d -m 0755 "$app_dir"
install -d -o hearth -g hearth -m 0700 "$data_dir"
# data kept from an earlier install whose user had another id
[ -z "$(find "$data_dir" ! -user hearth -print -quit)" ] || chown -R hearth:hearth "$data_dir"

# ---- the app: bin, lib and models are replaced as a whole when the bundle differs ----

changed=0
for part in bin lib models; do
  if ! diff -rq "$here/$part" "$app_dir/$part" >/dev/null 2>&1; then
    rm -rf "${app_dir:?}/$part.new"
    cp -R "$here/$part" "$app_dir/$part.new"
    chown -R root:root "$app_dir/$part.new"
    chmod -R u=rwX,go=rX "$app_dir/$part.new"
    rm -rf "${app_dir:?}/$part.old"
    [ ! -e "$app_dir/$part" ] || mv "$app_dir/$part" "$app_dir/$part.old"
    mv "$app_dir/$part.new" "$app_dir/$part"
    rm -rf "${app_dir:?}/$part.old"
    changed=1
  fi
done
for file in VERSION README.md CONFIGURATION.md uninstall.sh; do
  if ! cmp -s "$here/$file" "$app_dir/$file"; then
    mode=0644; [ "$file" != uninstall.sh ] || mode=0755
    install -m "$mode" "$here/$file" "$app_dir/$file"
    changed=1
  fi
done

if [ "$need_vosk" -eq 1 ]; then
  install -d -m 0755 "$app_dir/native"
  unzip -p "$vosk_zip" "${vosk_zip_name%.zip}/libvosk.so" >"$scratch/libvosk.so" \
    || die "$vosk_zip has no ${vosk_zip_name%.zip}/libvosk.so"
  install -m 0644 "$scratch/libvosk.so" "$app_dir/native/libvosk.so"
  printf '%s\n' "$vosk_zip_sha256" >"$app_dir/native/vosk.sha256"
  say "installed libvosk.so from $vosk_zip_name"
  changed=1
fi
[ "$(readlink "$cli_link" 2>/dev/null)" = "$app_dir/bin/hearth" ] || ln -sfn "$app_dir/bin/hearth" "$cli_link"

# ---- settings: written once, never overwritten ----

install -d -m 0755 "$conf_dir"
for file in hearth.properties hearth.env; do
  if [ ! -e "$conf_dir/$file" ]; then
    install -o root -g hearth -m 0640 "$here/$file" "$conf_dir/$file"
    say "wrote $conf_dir/$file"
  fi
done
if [ -n "$satellite" ]; then
  if ! cmp -s "$ca_file" "$conf_dir/server-ca.crt"; then
    install -o root -g hearth -m 0644 "$ca_file" "$conf_dir/server-ca.crt"
    changed=1
  fi
  wanted="HEARTH_ARGS=satellite --server $satellite --ca $conf_dir/server-ca.crt"
  if ! grep -qxF "$wanted" "$conf_dir/hearth.env"; then
    sed -i '/^HEARTH_ARGS=/d' "$conf_dir/hearth.env"
    printf '%s\n' "$wanted" >>"$conf_dir/hearth.env"
    changed=1
  fi
  say "this Pi is a satellite of $satellite"
fi

# ---- udev rule and systemd unit ----

units_changed=0
install_if_changed() { # source, target: installs with mode 0644 when the content differs
  if ! cmp -s "$1" "$2"; then
    install -m 0644 "$1" "$2"
    units_changed=1
  fi
}
install -d -m 0755 "$(dirname "$udev_rule")" "$(dirname "$unit_file")"
install_if_changed "$here/60-hearth-gpio.rules" "$udev_rule"
install_if_changed "$here/hearth.service" "$unit_file"

if [ "$use_systemd" -eq 1 ] && [ ! -d /run/systemd/system ]; then
  say "systemd is not running here: the service is installed but not started"
  use_systemd=0
fi
if [ "$use_systemd" -eq 1 ]; then
  if [ "$units_changed" -eq 1 ]; then
    systemctl daemon-reload
    if udevadm control --reload-rules; then udevadm trigger --subsystem-match=gpio || true; fi
  fi
  systemctl enable --quiet hearth.service
  if ! systemctl is-active --quiet hearth.service; then
    systemctl start hearth.service
  elif [ "$changed" -eq 1 ] || [ "$units_changed" -eq 1 ]; then
    systemctl restart hearth.service
  fi
fi

if [ "$changed" -eq 0 ] && [ "$units_changed" -eq 0 ]; then
  say "Hearth $version is already installed; nothing changed"
else
  say "Hearth $version is installed in $app_dir (settings: $conf_dir/hearth.properties, data: $data_dir)"
fi
if [ "$use_systemd" -eq 1 ]; then
  say "check it:  systemctl status hearth   ·   journalctl -u hearth -f   ·   http://$(hostname).local:8080"
fi

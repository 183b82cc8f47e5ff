#!/bin/sh
# Sets a Debian 12 PC up as a konbini-kofu kiosk, after the app itself is installed (the .deb
# runs this from its post-install step; for an AppImage run it by hand with --app). Idempotent.
#
#   sudo sh install-kiosk.sh [--app /opt/konbini-kofu/konbini-kofu] [--root DIR] [--no-enable]
#
# --root DIR  writes every file under DIR instead of / and skips users, systemctl and udevadm
#             (a dry run a technician can inspect, and what the tests use).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
APP=/opt/konbini-kofu/konbini-kofu
ROOT=
ENABLE=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --app) APP=$2; shift 2 ;;
    --root) ROOT=$2; shift 2 ;;
    --no-enable) ENABLE=no; shift ;;
    *) echo "install-kiosk.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
case "$APP" in /*) ;; *) echo "install-kiosk.sh: --app must be an absolute path" >&2; exit 2 ;; esac
if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then echo "install-kiosk.sh: run as root (sudo)" >&2; exit 1; fi

say() { echo "konbini-kofu: $*"; }
put() { # put SOURCE DEST MODE: install one file, creating its folder
  mkdir -p "$ROOT$(dirname "$2")"
  cp "$1" "$ROOT$2"
  chmod "$3" "$ROOT$2"
  say "installed $2"
}
live() { [ -z "$ROOT" ]; }

# 1. The unprivileged kiosk user, in the groups that own the display, input and serial devices.
if live; then
  getent group konbini >/dev/null || groupadd --system konbini
  id konbini >/dev/null 2>&1 || useradd --system --gid konbini --home-dir /var/lib/konbini-kofu --shell /usr/sbin/nologin konbini
  for g in video input render dialout plugdev; do getent group "$g" >/dev/null && usermod -aG "$g" konbini; done
fi

# 2. Configuration and state folders.
mkdir -p "$ROOT/etc/konbini-kofu/tls" "$ROOT/var/lib/konbini-kofu" "$ROOT/var/log/konbini-kofu"
if [ ! -e "$ROOT/etc/konbini-kofu/kiosk.yaml" ]; then
  put "$HERE/../kiosk.example.yaml" /etc/konbini-kofu/kiosk.yaml 0640
  say "EDIT /etc/konbini-kofu/kiosk.yaml before the first start (kiosk id, center, devices, staff PIN)"
fi
if live; then
  chown -R root:konbini /etc/konbini-kofu && chmod 0750 /etc/konbini-kofu /etc/konbini-kofu/tls
  chown konbini:konbini /var/lib/konbini-kofu /var/log/konbini-kofu && chmod 0750 /var/lib/konbini-kofu /var/log/konbini-kofu
fi

# 3. Devices: stable names and group access (udev), the card reader through pcscd (polkit).
put "$HERE/udev/99-konbini-kofu.rules" /etc/udev/rules.d/99-konbini-kofu.rules 0644
put "$HERE/polkit/60-konbini-kofu-pcscd.rules" /etc/polkit-1/rules.d/60-konbini-kofu-pcscd.rules 0644

# 4. Never sleep, never blank: logind ignores idle and power keys; the console does not blank.
put "$HERE/logind/konbini-kofu.conf" /etc/systemd/logind.conf.d/konbini-kofu.conf 0644
GRUB="$ROOT/etc/default/grub"
if [ -f "$GRUB" ] && ! grep -q 'consoleblank=0' "$GRUB"; then
  sed -i 's/^GRUB_CMDLINE_LINUX_DEFAULT="\(.*\)"/GRUB_CMDLINE_LINUX_DEFAULT="\1 consoleblank=0"/' "$GRUB"
  say "added consoleblank=0 to the kernel command line"
  if live && command -v update-grub >/dev/null; then update-grub; fi
fi

# 4b. The voice of the spoken guidance: Chromium speaks through speech-dispatcher (espeak-ng
#     voices). The .deb depends on them; an AppImage install gets them here.
if live && ! command -v speech-dispatcher >/dev/null 2>&1; then
  if command -v apt-get >/dev/null; then
    apt-get install -y --no-install-recommends speech-dispatcher speech-dispatcher-espeak-ng espeak-ng
  else
    say "WARNING: install speech-dispatcher and espeak-ng, or the spoken guidance stays silent"
  fi
fi

# 5. The session: PAM stack, the systemd unit (with this PC's app path), a check-config command.
put "$HERE/pam.d/konbini-kofu" /etc/pam.d/konbini-kofu 0644
mkdir -p "$ROOT/etc/systemd/system"
sed "s#/opt/konbini-kofu/konbini-kofu#$APP#g" "$HERE/systemd/konbini-kofu-kiosk.service" >"$ROOT/etc/systemd/system/konbini-kofu-kiosk.service"
chmod 0644 "$ROOT/etc/systemd/system/konbini-kofu-kiosk.service"
say "installed /etc/systemd/system/konbini-kofu-kiosk.service (app: $APP)"
mkdir -p "$ROOT/usr/local/sbin"
sed "s#/opt/konbini-kofu/konbini-kofu#$APP#g" "$HERE/konbini-kofu-check-config" >"$ROOT/usr/local/sbin/konbini-kofu-check-config"
chmod 0755 "$ROOT/usr/local/sbin/konbini-kofu-check-config"
say "installed /usr/local/sbin/konbini-kofu-check-config"

if live; then
  udevadm control --reload && udevadm trigger
  systemctl mask --quiet sleep.target suspend.target hibernate.target hybrid-sleep.target
  systemctl daemon-reload
  systemctl enable --quiet pcscd.socket
  systemctl set-default graphical.target >/dev/null
  if [ "$ENABLE" = yes ]; then
    systemctl enable --quiet konbini-kofu-kiosk.service
    say "enabled konbini-kofu-kiosk.service: it starts at the next boot (or: systemctl start konbini-kofu-kiosk)"
  fi
fi
say "done. Check the configuration with: konbini-kofu-check-config"

#!/bin/sh
# Debian package post-remove (replaces electron-builder's default: also drops the /usr/bin link).
# Stops starting the kiosk; configuration and journals (/etc/konbini-kofu, /var/lib/konbini-kofu)
# stay, as they hold claims owed to residents.
set -e
if command -v update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove konbini-kofu /opt/konbini-kofu/konbini-kofu || true
else
  rm -f /usr/bin/konbini-kofu
fi
systemctl disable --now konbini-kofu-kiosk.service >/dev/null 2>&1 || true
rm -f /etc/systemd/system/konbini-kofu-kiosk.service /usr/local/sbin/konbini-kofu-check-config \
  /etc/udev/rules.d/99-konbini-kofu.rules /etc/polkit-1/rules.d/60-konbini-kofu-pcscd.rules \
  /etc/systemd/logind.conf.d/konbini-kofu.conf /etc/pam.d/konbini-kofu
systemctl daemon-reload >/dev/null 2>&1 || true

#!/bin/sh
# Debian package post-install. It replaces electron-builder's default script, so it first does
# what that one does (the /usr/bin link, the Chromium sandbox helper's mode), then sets the PC up
# as a kiosk (user, udev, polkit, logind, systemd unit). The unit is enabled, not started: it
# takes over the screen at the next boot. (No shell parameter expansions with braces here:
# electron-builder expands those as its own macros in package scripts.)
set -e
APP_DIR=/opt/konbini-kofu
if command -v update-alternatives >/dev/null 2>&1; then
  update-alternatives --install /usr/bin/konbini-kofu konbini-kofu "$APP_DIR/konbini-kofu" 100 || ln -sf "$APP_DIR/konbini-kofu" /usr/bin/konbini-kofu
else
  ln -sf "$APP_DIR/konbini-kofu" /usr/bin/konbini-kofu
fi
# The SUID sandbox helper only where unprivileged user namespaces do not work.
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$APP_DIR/chrome-sandbox" || true
else
  chmod 4755 "$APP_DIR/chrome-sandbox" || true
fi
sh "$APP_DIR/resources/deploy/linux/install-kiosk.sh" --app "$APP_DIR/konbini-kofu"

#!/bin/sh
# Debian package post-install: set the PC up as a kiosk (user, udev, logind, systemd unit).
# The unit is enabled, not started: it takes over the screen at the next boot.
set -e
sh /opt/konbini-kofu/resources/deploy/linux/install-kiosk.sh --app /opt/konbini-kofu/konbini-kofu

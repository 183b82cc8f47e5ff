#!/usr/bin/env bash
# Installs every Debian package the tests and the demo use. Idempotent; run as root.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
  pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools opensc \
  socat udev systemd \
  cups-ipp-utils avahi-daemon dbus \
  chromium fonts-noto-cjk fonts-ipaexfont-gothic fonts-ipaexfont-mincho \
  poppler-utils zbar-tools \
  espeak-ng kakasi \
  >/dev/null

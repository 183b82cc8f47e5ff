// postinstall: say clearly when an optional native module could not be built or loaded, and
// which Debian package fixes it. npm drops an optional dependency whose build fails without a
// word that a newcomer would notice; the demo still runs (in-process devices), but the real
// drivers and their tests cannot. Never fails the install.
import { closeSync, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const MODULES = [
  { name: 'pcsclite', packages: 'libpcsclite-dev', what: 'the card reader driver over PC/SC (drivers/card-reader) and its pcscd tests' },
  { name: 'node-hid', packages: 'libudev-dev libusb-1.0-0-dev', what: 'the USB HID I/O board driver (drivers/io-board) on a kiosk PC' },
];

// npm shows an install script's output only when it fails: write to the terminal itself when
// there is one (a newcomer at a shell), else to stderr (seen with --foreground-scripts).
function warn(text) {
  try {
    const tty = openSync('/dev/tty', 'w');
    writeSync(tty, `${text}\n`);
    closeSync(tty);
  } catch {
    console.warn(text);
  }
}

let missing = 0;
for (const m of MODULES) {
  try {
    require(m.name);
  } catch (error) {
    missing++;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    warn(
      [
        '',
        `!! konbini-kofu: the optional native module ${m.name} could not be built or loaded (${reason}).`,
        `!! Without it: ${m.what}.`,
        `!! Fix: apt install ${m.packages}   (or, as root, .ci/install-system-packages.sh for everything the tests use),`,
        `!!      then run npm install again.`,
      ].join('\n'),
    );
  }
}
if (missing > 0) warn('!! npm test skips the tests that need it and names them.\n');

import { createInterface } from 'node:readline';
import { staffPinEntry } from './staff-pin';

// Usage: npx tsx apps/kiosk/src/staff/hash-staff-pin-cli.ts   (type the PIN, or pipe it in)
// Prints the value for `staff.pinHash` in the kiosk configuration (salted scrypt, never the PIN).
// The PIN is read from stdin rather than argv so it does not land in the shell history or the
// process list, and typed at a terminal it is not echoed, so no scrollback or session log holds it.
process.stderr.write('Staff PIN (6–12 digits): ');

function readHidden(done: (pin: string) => void): void {
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  let pin = '';
  const onData = (chunk: string) => {
    for (const ch of chunk) {
      if (ch === '\r' || ch === '\n') {
        stdin.setRawMode(false);
        stdin.off('data', onData);
        stdin.pause();
        process.stderr.write('\n');
        return done(pin);
      }
      if (ch === '\u0003') process.exit(130); // Ctrl-C
      if (ch === '\u007f' || ch === '\b') pin = pin.slice(0, -1);
      else pin += ch;
    }
  };
  stdin.on('data', onData);
}

function readLine(done: (pin: string) => void): void {
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.once('line', (line) => {
    rl.close();
    done(line);
  });
}

// The typed text goes straight into staffPinEntry; only its hash or a fixed refusal reaches a log call.
(process.stdin.isTTY ? readHidden : readLine)((typed) => {
  const entry = staffPinEntry(typed);
  if (!entry.ok) {
    console.error(entry.refusal);
    process.exit(1);
  }
  console.log(entry.hash);
});

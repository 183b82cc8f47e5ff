import { createInterface } from 'node:readline';
import { hashStaffPin } from './staff-pin';

// Usage: npx tsx apps/kiosk/src/staff/hash-staff-pin-cli.ts   (type the PIN, or pipe it in)
// Prints the value for `staff.pinHash` in the kiosk configuration. The PIN is read from
// stdin rather than argv so it does not land in the shell history or the process list.
const rl = createInterface({ input: process.stdin, terminal: false });
process.stderr.write('Staff PIN (6–12 digits): ');
rl.once('line', (line) => {
  rl.close();
  const pin = line.trim();
  if (!/^[0-9]{6,12}$/.test(pin)) {
    console.error('\nThe staff PIN must be 6–12 digits.');
    process.exit(1);
  }
  console.log(hashStaffPin(pin));
});

import { afterEach, describe, expect, it } from 'vitest';
import type { Note } from '../cash-unit';
import { Id003Emulator } from '../emulator/id003-emulator';
import { ReopenablePort } from '../emulator/reopenable-port';
import { waitUntil } from '../emulator/wait-until';
import { Id003Command } from '../protocol/id003-codes';
import { inMemoryStreamPair } from '../transport/byte-stream';
import { BillValidatorDriver, type BillValidatorListener } from './bill-validator-driver';

// Real time (the driver's poll loop and reply deadlines): integration tier.
/**
 * Driver ↔ line ↔ emulator, where the line can lose the controller's STACK commands (a frame the
 * acceptor drops for a bad CRC) or everything both ways (a cable pulled). Each test reads where the
 * note physically went from the emulator and compares it with what the driver booked.
 */
function rig() {
  const [driverEnd, lineHost] = inMemoryStreamPair();
  const [lineDevice, deviceEnd] = inMemoryStreamPair();
  const line = { loseStacks: false, cut: false };
  lineHost.onData((chunk) => {
    if (line.cut || (line.loseStacks && chunk[2] === Id003Command.stack1)) return;
    void lineDevice.write(chunk);
  });
  lineDevice.onData((chunk) => {
    if (!line.cut) void lineHost.write(chunk);
  });
  const emulator = new Id003Emulator(deviceEnd);
  const booked: { taken: Note[]; uncertain: Note[]; returned: Note[]; outOfSight: Note[]; found: Array<{ note: Note; place: string }> } = { taken: [], uncertain: [], returned: [], outOfSight: [], found: [] };
  let connected = false;
  const self: { driver?: BillValidatorDriver } = {};
  const listener: BillValidatorListener = {
    escrow: () => void self.driver?.stack(),
    vendValid: (note) => {
      booked.taken.push(note);
      return Promise.resolve();
    },
    returned: (note) => booked.returned.push(note),
    rejected: () => undefined,
    noteUncertain: (note) => booked.uncertain.push(note),
    notePlaceUnknown: (note) => booked.outOfSight.push(note),
    notePlaceKnown: (note, place) => {
      booked.found.push({ note, place: place ?? 'unknown' });
      return Promise.resolve();
    },
    fault: () => undefined,
    connection: (c) => (connected = c),
  };
  const driver = new BillValidatorDriver(new ReopenablePort(driverEnd).open, listener, { pollIntervalMs: 5, replyTimeoutMs: 60, attempts: 2, failuresBeforeDisconnect: 2, reconnectIntervalMs: 20 }, [1000]);
  self.driver = driver;
  return { driver, emulator, line, booked, isConnected: () => connected };
}

let running: BillValidatorDriver | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function noteHeldInEscrow(r: ReturnType<typeof rig>): Promise<void> {
  running = r.driver;
  r.driver.start();
  await waitUntil('connected', r.isConnected);
  await r.driver.setAccepting(true);
  await waitUntil('accepting', () => r.emulator.stateName === 'idle');
  r.line.loseStacks = true;
  expect(r.emulator.insertNote(1000)).toBe('taken');
  // The driver ordered STACK (and repeats it while escrow shows): the acceptor never hears it.
  await waitUntil('STACK ordered twice', () => r.emulator.stateName === 'escrow' && r.driver.noteInFlight);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(r.emulator.stateName).toBe('escrow');
}

describe('bill validator driver: a note whose STACK was lost', () => {
  it('a power cut then: the acceptor gives the note back (power-up with the bill in the acceptor), booked as returned', async () => {
    const r = rig();
    await noteHeldInEscrow(r);
    r.line.loseStacks = false;
    r.emulator.powerCycle();
    await waitUntil('note settled', () => r.booked.returned.length + r.booked.uncertain.length + r.booked.taken.length > 0, 5_000);
    await waitUntil('set up again', () => r.emulator.stateName === 'idle' || r.emulator.stateName === 'disabled', 5_000);
    expect({ stacked: r.emulator.stacked, returned: r.emulator.returned }).toEqual({ stacked: [], returned: [1000] });
    expect(r.booked).toEqual({ taken: [], uncertain: [], returned: [1000], outOfSight: [], found: [] });
  });

  it('the line lost then back: the note out of sight is found still in escrow and stacked, not handed back', async () => {
    const r = rig();
    await noteHeldInEscrow(r);
    r.line.cut = true;
    await waitUntil('line lost', () => !r.isConnected(), 5_000);
    // Not booked as taken (it would be paid back, and then handed back too): its place is unknown.
    expect(r.booked).toMatchObject({ taken: [], uncertain: [], outOfSight: [1000] });
    r.line.loseStacks = false;
    r.line.cut = false;
    await waitUntil('line back', r.isConnected, 5_000);
    expect({ stacked: r.emulator.stacked, returned: r.emulator.returned }).toEqual({ stacked: [1000], returned: [] });
    expect(r.booked).toEqual({ taken: [], uncertain: [], returned: [], outOfSight: [1000], found: [{ note: 1000, place: 'stacker' }] });
  });

  it('the line lost, a power cut, then back: the acceptor hands the note back, and it is booked so', async () => {
    const r = rig();
    await noteHeldInEscrow(r);
    r.line.cut = true;
    await waitUntil('line lost', () => !r.isConnected(), 5_000);
    r.emulator.powerCycle();
    r.line.loseStacks = false;
    r.line.cut = false;
    await waitUntil('line back', r.isConnected, 5_000);
    expect({ stacked: r.emulator.stacked, returned: r.emulator.returned }).toEqual({ stacked: [], returned: [1000] });
    expect(r.booked).toEqual({ taken: [], uncertain: [], returned: [], outOfSight: [1000], found: [{ note: 1000, place: 'handed-back' }] });
  });
});

import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Coin, Note, PaymentOutcome } from './cash-unit';
import { sleep } from './devices/device-connection';
import { CcTalkBusEmulator } from './emulator/cctalk-bus-emulator';
import { HOPPER_ADDRESSES } from './emulator/emulated-cash-unit';
import { Id003Emulator } from './emulator/id003-emulator';
import { ReopenablePort } from './emulator/reopenable-port';
import { unbalancedSessions } from './emulator/journal-balance';
import { waitUntil } from './emulator/wait-until';
import { MoneyJournal } from './journal/money-journal';
import { SerialCashUnit } from './serial-cash-unit';
import { inMemoryStreamPair } from './transport/byte-stream';

// Random visits against the whole stack (drivers, frames, emulators) over in-memory lines, checking
// the money both ways: the journal balances, and it agrees with what physically moved in the emulators.
type Action =
  | { kind: 'coin'; coin: Coin }
  | { kind: 'note'; note: Note }
  | { kind: 'empty'; coin: Coin }
  | { kind: 'garbage'; device: 'validator' | 'bus'; n: number }
  | { kind: 'power'; device: 'validator' | 'bus' }
  | { kind: 'jam-next-stack' }
  | { kind: 'cancel' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Coin>(10, 50, 100, 500).map((coin) => ({ kind: 'coin' as const, coin })) },
  { weight: 2, arbitrary: fc.constantFrom<Note>(1000, 5000).map((note) => ({ kind: 'note' as const, note })) },
  { weight: 1, arbitrary: fc.constantFrom<Coin>(10, 50, 100, 500).map((coin) => ({ kind: 'empty' as const, coin })) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('garbage' as const), device: fc.constantFrom('validator' as const, 'bus' as const), n: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constantFrom('validator' as const, 'bus' as const).map((device) => ({ kind: 'power' as const, device })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'jam-next-stack' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'cancel' as const }) },
);

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

async function visit(fee: number, actions: Action[], levels: number[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cash-model-'));
  const [validatorHost, validatorDevice] = inMemoryStreamPair();
  const [busHost, busDevice] = inMemoryStreamPair();
  const validator = new Id003Emulator(validatorDevice);
  const hopperLevels = HOPPER_ADDRESSES.map((h, i) => ({ ...h, level: levels[i] ?? 0 }));
  // The acceptor's event counter starts near 255 so most visits cross the wrap to 1.
  const bus = new CcTalkBusEmulator(busDevice, { hoppers: hopperLevels, eventCounter: 253 });
  const journal = new MoneyJournal(join(dir, 'money.sqlite'));
  for (const h of hopperLevels) journal.correctHopper(h.coin, h.level, 'initial fill');
  const unit = new SerialCashUnit({
    journal,
    // Each (re)connect opens the port again, as after a lost line (the line end itself would close for good).
    billValidator: { connect: new ReopenablePort(validatorHost).open, acceptedNotes: [1000, 5000] },
    ccTalk: { connect: new ReopenablePort(busHost).open, hoppers: HOPPER_ADDRESSES },
    // Fast polls, but a reply timeout that a loaded CI machine (2 cores, 2 workers) still meets.
    timing: { pollIntervalMs: 5, replyTimeoutMs: 150, attempts: 3, failuresBeforeDisconnect: 3, reconnectIntervalMs: 50 },
    hopperPollMs: 2,
    noteSettleMs: 2000,
  });
  try {
    unit.start();
    await unit.whenReady();
    const session = unit.collect(fee, () => undefined);
    let outcome: PaymentOutcome | undefined;
    void session.outcome.then((o) => (outcome = o));
    const coinsIn: Coin[] = [];
    const notesIn: Note[] = [];
    for (const a of actions) {
      if (outcome) break;
      if (a.kind === 'coin' && bus.insertCoin(a.coin) === 'credited') coinsIn.push(a.coin);
      if (a.kind === 'note' && validator.insertNote(a.note) === 'taken') notesIn.push(a.note);
      if (a.kind === 'empty') bus.emptyHopper(a.coin);
      if (a.kind === 'garbage') (a.device === 'bus' ? bus : validator).mangle.garbageNext(a.n);
      if (a.kind === 'power' && a.device === 'bus') {
        // Credits the acceptor holds in RAM and the host has not read die with a power cut, for any
        // host; that loss is reported (fault), not modelled here: the cut comes once the host has
        // them in its journal. (Waiting for the emulator to have *sent* them is not enough: a reply
        // lost to garbage is sent but not read; seed 1740050444 found that 10-yen gap.)
        await waitUntil('credits journaled before the power cut', () => journal.creditedInto(['hopper', 'coin-cashbox']) === sum(coinsIn), 5000);
        bus.powerCycle();
      }
      if (a.kind === 'power' && a.device === 'validator') validator.powerCycle();
      if (a.kind === 'jam-next-stack') validator.jamNextStack = true;
      if (a.kind === 'cancel') await session.cancel('resident');
      await sleep(20);
    }
    if (!outcome) await session.cancel('timeout');
    const end = await Promise.race([session.outcome, sleep(10_000).then(() => Promise.reject(new Error('session did not settle within 10 s')))]);
    await sleep(50);

    expect(unbalancedSessions(journal)).toEqual([]);
    const balances = journal.sessions().map((s) => journal.balance(s));
    const taken = sum(balances.map((b) => b.taken));
    const paidOut = sum(balances.map((b) => b.paidOut));
    // What physically went in and out agrees with the journal.
    // A note jammed on its way to the stacker counts as taken (staff find it when clearing the jam).
    expect(taken).toBe(sum(coinsIn) + sum(validator.stacked) + sum(validator.jammedNotes));
    expect(paidOut).toBe(sum(bus.tray));
    // Every note the validator pulled in was stacked or given back.
    expect([...validator.stacked, ...validator.jammedNotes, ...validator.returned].sort()).toEqual([...notesIn].sort());
    const kept = end.kind === 'paid' ? end.fee : 0;
    const returned = end.kind === 'paid' ? end.change : end.returned;
    expect(end.inserted).toBe(kept + returned + end.claim);
  } finally {
    await unit.close();
    journal.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

it('seed 1740050444: garbage on the bus, then a bus power cut, keeps every coin counted', async () => {
  await visit(10, [{ kind: 'coin', coin: 10 }, { kind: 'garbage', device: 'bus', n: 3 }, { kind: 'coin', coin: 10 }, { kind: 'power', device: 'bus' }, { kind: 'coin', coin: 10 }], [2, 2, 2, 2]);
}, 30_000);

it('keeps the money straight on random visits (coins, notes, empty hoppers, garbage, validator and bus power cuts, jams, cancel)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 150 }).map((tens) => tens * 10),
      fc.array(action, { minLength: 1, maxLength: 10 }),
      fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }),
      visit,
    ),
    { numRuns: Number(process.env.CASH_MODEL_RUNS ?? 12), ...(process.env.CASH_MODEL_SEED ? { seed: Number(process.env.CASH_MODEL_SEED) } : {}) },
  );
}, 120_000);

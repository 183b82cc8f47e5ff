import { afterEach, expect, it } from 'vitest';
import type { PaymentEvent } from '../cash-unit';
import { HostileLineRig } from './hostile-line-visits';
import { waitUntil } from './wait-until';

// The rig must behave as a serial port does after "bus lost": the driver closes the port, opens it
// again and the same device answers. Its first close used to be final, so any bus loss in a long
// hostile-line run froze the rig and the next coin looked like lost money (a counterexample of the rig,
// not of the driver).
let rig: HostileLineRig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('comes back after a bus loss, and a coin inserted afterwards is credited', async () => {
  rig = new HostileLineRig();
  await rig.start();
  const events: PaymentEvent[] = [];
  const session = rig.unit.collect(500, (e) => events.push(e));
  await waitUntil('coins enabled', () => rig!.bus.acceptingCoins.includes(100));
  rig.busLine.silence(4_000);
  await waitUntil('bus lost', () => rig!.unit.status().kind === 'fault', 10_000);
  await session.outcome;
  await waitUntil('bus back', () => rig!.unit.status().kind === 'ready', 10_000);
  const next = rig.unit.collect(100, (e) => events.push(e));
  await waitUntil('coins enabled again', () => rig!.bus.acceptingCoins.includes(100));
  expect(rig.bus.insertCoin(100)).toBe('credited');
  expect(await next.outcome).toEqual({ kind: 'paid', fee: 100, inserted: 100, change: 0, claim: 0 });
}, 30_000);

it('a whole visit across a bus loss balances to the yen', async () => {
  rig = new HostileLineRig();
  await rig.start();
  // The line goes silent past lostAfterMs while a coin is in the acceptor's buffer: the coin is read
  // after the reconnect and paid back as a late credit.
  let busLost = false;
  const watch = setInterval(() => (busLost ||= rig?.unit.status().kind === 'fault'), 10);
  await rig.visit({ fee: 200, actions: [{ kind: 'coin', coin: 100 }, { kind: 'silence', line: 'bus', ms: 4_000 }, { kind: 'coin', coin: 50 }, { kind: 'wait', ms: 3_000 }] });
  clearInterval(watch);
  expect(busLost).toBe(true);
  await rig.visit({ fee: 100, actions: [{ kind: 'coin', coin: 100 }] });
  expect(rig.summary()).toMatchObject({ discrepancyYen: 0, reconnects: 1 });
}, 120_000);

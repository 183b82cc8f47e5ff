import { describe, expect, it } from 'vitest';
import type { Coin } from '../cash-unit';
import { CcTalkHeader } from '../protocol/cctalk-frames';
import type { CcTalkReply } from '../transport/cctalk-link';
import type { CcTalkBus } from './cctalk-bus';
import { CoinAcceptorDriver } from './coin-acceptor-driver';

const COIN_IDS = ['JP010A', 'JP050A', 'JP100A', 'JP500A'];
const reply = (data: number[] | Uint8Array): CcTalkReply => ({ kind: 'reply', frame: { destination: 1, source: 2, header: 0, data: Uint8Array.from(data) } });
/** A 229 reply: counter, then [coin position, sorter path] pairs newest first ([0, 2] = inhibited coin refused). */
const buffer = (counter: number, ...events: Array<[number, number]>): number[] => [counter, ...[...events, [0, 0], [0, 0], [0, 0], [0, 0], [0, 0]].slice(0, 5).flat()];

/** A coin acceptor whose 229 replies come from a script (the last one repeats), everything else answered plainly. */
function scriptedBus(replies229: number[][]): CcTalkBus {
  const script = [...replies229];
  const bus = {
    request: (_address: number, header: number, data: Uint8Array = new Uint8Array()): Promise<CcTalkReply> => {
      if (header === CcTalkHeader.readBufferedCredit) return Promise.resolve(reply(script.length > 1 ? (script.shift() ?? []) : (script[0] ?? [])));
      if (header === CcTalkHeader.requestCoinId) return Promise.resolve(reply(new TextEncoder().encode(COIN_IDS[(data[0] ?? 0) - 1] ?? '......')));
      if (header === CcTalkHeader.requestMasterInhibit) return Promise.resolve(reply([1]));
      return Promise.resolve(reply([]));
    },
  };
  return bus as unknown as CcTalkBus;
}

describe('coin acceptor driver (229 credit buffer)', () => {
  it('does not credit a coin from one stale reply that looks like a one-coin step (fuzz seed 272385617, visit 967)', async () => {
    // After a bus power cut the acceptor counts from 0 again: a 50 inserted before the inhibits were
    // back was refused (counter 1). A stale reply on the line, from an earlier count since a cut,
    // shows counter 2 with a 50 credited: one step forward, the very bytes a real 50 would give.
    // The next reads show the device still at 1; then a 500 really goes in.
    const credited: Coin[] = [];
    const driver = new CoinAcceptorDriver(
      scriptedBus([buffer(1, [0, 2]), buffer(1, [0, 2]), buffer(2, [2, 1], [0, 2]), buffer(1, [0, 2]), buffer(1, [0, 2]), buffer(1, [0, 2]), buffer(2, [4, 1], [0, 2])]),
      { credited: (coin) => (credited.push(coin), Promise.resolve()), rejected: () => undefined, fault: () => undefined },
    );
    expect(await driver.setUp()).toBe(true);
    await driver.accept(new Set<Coin>([10, 50, 100, 500]));
    for (let i = 0; i < 8; i++) await driver.poll();
    expect(credited).toEqual([500]);
  });

  it('does not take its baseline from one stale reply at set-up and credit coins again (a reconnect)', async () => {
    // The acceptor is at counter 5 (its last event a 100, credited before the bus dropped). At the
    // set-up after the reconnect a stale frame from counter 4 answers the first read.
    const credited: Coin[] = [];
    const driver = new CoinAcceptorDriver(
      scriptedBus([buffer(4, [1, 1]), buffer(5, [3, 1], [1, 1]), buffer(5, [3, 1], [1, 1])]),
      { credited: (coin) => (credited.push(coin), Promise.resolve()), rejected: () => undefined, fault: () => undefined },
    );
    expect(await driver.setUp()).toBe(true);
    await driver.accept(new Set<Coin>([10, 50, 100, 500]));
    for (let i = 0; i < 4; i++) await driver.poll();
    expect(credited).toEqual([]);
  });

  it('credits a coin the acceptor took while the bus was down, after the reconnect', async () => {
    // Counting at 5; the bus drops; a 10 goes in (counter 6); the set-up after the reconnect reads 6.
    const credited: Coin[] = [];
    const driver = new CoinAcceptorDriver(
      scriptedBus([buffer(5), buffer(5), buffer(5), buffer(6, [1, 1]), buffer(6, [1, 1])]),
      { credited: (coin) => (credited.push(coin), Promise.resolve()), rejected: () => undefined, fault: () => undefined },
    );
    expect(await driver.setUp()).toBe(true);
    await driver.accept(new Set<Coin>([10, 50, 100, 500]));
    await driver.poll();
    expect(await driver.setUp()).toBe(true);
    for (let i = 0; i < 3; i++) await driver.poll();
    expect(credited).toEqual([10]);
  });

  it('still credits coins that arrive between reads, each once', async () => {
    const credited: Coin[] = [];
    const driver = new CoinAcceptorDriver(
      scriptedBus([buffer(7), buffer(7), buffer(8, [3, 1]), buffer(9, [4, 1], [3, 1]), buffer(9, [4, 1], [3, 1]), buffer(11, [2, 1], [1, 1], [4, 1], [3, 1])]),
      { credited: (coin) => (credited.push(coin), Promise.resolve()), rejected: () => undefined, fault: () => undefined },
    );
    expect(await driver.setUp()).toBe(true);
    await driver.accept(new Set<Coin>([10, 50, 100, 500]));
    for (let i = 0; i < 8; i++) await driver.poll();
    expect(credited).toEqual([100, 500, 10, 50]);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessHoursClock, loadTestPki } from '@konbini-kofu/fixtures';
import { startCenter } from '@konbini-kofu/mock-center';
import { createDemoRuntime, type DemoRuntime } from '../src/runtime/create-demo-runtime';
import type { KioskView } from '../src/shared/screen';

/**
 * Model-based walk of the statechart: every path a resident can take (within the moves below,
 * with up to three wrong PINs and one 戻る), each run on a fresh kiosk over the in-process
 * devices, with the invariants checked along every path. Paths are enumerated like a
 * stateless model checker: run once per leaf, backtracking over the choices made.
 */
type Move = { name: string; apply: (rt: DemoRuntime) => void };

const send = (action: Parameters<DemoRuntime['api']['send']>[0]) => (rt: DemoRuntime) => rt.api.send(action);
const pin = (digits: string) => (rt: DemoRuntime) => {
  for (const d of digits) rt.api.send({ type: 'PIN_DIGIT', digit: Number(d) });
  rt.api.send({ type: 'PIN_SUBMIT' });
};
const dock = (command: Parameters<DemoRuntime['devDock']['command']>[0]) => (rt: DemoRuntime) => rt.devDock.command(command);

function movesFor(view: KioskView, history: string[]): Move[] {
  const s = view.screen;
  const cancel: Move = { name: 'cancel', apply: send({ type: 'CANCEL' }) };
  switch (s.name) {
    case 'terms':
      return [{ name: 'accept', apply: send({ type: 'ACCEPT_TERMS' }) }, cancel];
    case 'place-card':
      if (s.refusalKey) return [{ name: 'lift refused card', apply: dock({ type: 'LIFT_CARD' }) }];
      return history.includes('lift refused card')
        ? [cancel]
        : [{ name: 'place my number card', apply: dock({ type: 'PLACE_CARD', profileId: 'yamada-taro' }) }, { name: 'place 住基カード', apply: dock({ type: 'PLACE_CARD', profileId: 'juki-card' }) }, cancel];
    case 'pin-entry':
      return [{ name: 'right PIN', apply: pin('1234') }, { name: 'wrong PIN', apply: pin('9999') }, cancel];
    case 'lift-card':
      return [{ name: 'lift card', apply: dock({ type: 'LIFT_CARD' }) }, cancel];
    case 'choose-certificate':
      return [{ name: 'choose 住民票', apply: send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' }) }, cancel];
    case 'certificate-options':
      return history.includes('back')
        ? [{ name: 'confirm', apply: send({ type: 'CONFIRM' }) }]
        : [{ name: 'confirm', apply: send({ type: 'CONFIRM' }) }, { name: 'back', apply: send({ type: 'BACK' }) }, cancel];
    case 'confirm-fee':
      return [
        { name: 'confirm fee', apply: send({ type: 'CONFIRM' }) },
        { name: 'confirm fee, printer out of paper', apply: (rt) => (rt.devDock.command({ type: 'FAULT', fault: 'printer-paper-out' }), rt.api.send({ type: 'CONFIRM' })) },
        cancel,
      ];
    case 'paying':
      return s.inserted === 0
        ? [{ name: 'insert 1000-yen note', apply: dock({ type: 'INSERT_MONEY', denomination: 1000 }) }, { name: 'insert 100-yen coin', apply: dock({ type: 'INSERT_MONEY', denomination: 100 }) }, cancel]
        : [{ name: 'insert 100-yen coin', apply: dock({ type: 'INSERT_MONEY', denomination: 100 }) }, cancel];
    case 'take-outputs':
      return [{ name: 'take everything', apply: (rt) => s.pending.forEach((item) => rt.devDock.command(item === 'card' ? { type: 'LIFT_CARD' } : { type: 'TAKE', item })) }];
    default:
      return [];
  }
}

const TERMINAL = new Set(['thank-you', 'cancelled', 'error', 'attract']);
const settled = (v: KioskView) =>
  !['reading-card', 'authenticating', 'issuing', 'printing'].includes(v.screen.name) &&
  !(v.screen.name === 'pin-entry' && v.screen.digitsEntered > 0) &&
  !(v.screen.name === 'error' && v.screen.refunding);

function nextSettledView(rt: DemoRuntime, after: string): Promise<KioskView> {
  return new Promise((resolve, reject) => {
    let last = '';
    const timer = setTimeout(() => reject(new Error(`stuck after ${after} on ${last}`)), 10_000);
    let unsubscribe = () => {};
    let done = false;
    unsubscribe = rt.api.subscribe((v) => {
      last = JSON.stringify(v.screen);
      if (done || JSON.stringify(v) === after || !settled(v)) return;
      done = true;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      resolve(v);
    });
  });
}

interface PathResult {
  moves: string[];
  screens: string[];
  choices: number[];
  optionCounts: number[];
}

let center: Awaited<ReturnType<typeof startCenter>>;
beforeAll(async () => {
  center = await startCenter({ pki: await loadTestPki(), now: businessHoursClock() });
});
afterAll(() => center.close());

async function runPath(prefix: number[]): Promise<PathResult> {
  const rt = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-path-')), centerUrl: center.url, timings: { farewellMs: 60_000 } });
  const result: PathResult = { moves: [], screens: [], choices: [], optionCounts: [] };
  let liftedAfterAuth = false;
  try {
    let view = await new Promise<KioskView>((r) => rt.api.subscribe(r));
    let before = JSON.stringify(view);
    rt.api.send({ type: 'START' });
    view = await nextSettledView(rt, before);
    for (let step = 0; step < 40; step++) {
      result.screens.push(view.screen.name);
      const inspect = rt.flow.inspect();
      // Invariant: the PIN leaves memory once VERIFY is sent; it is only held on the PIN screen.
      if (view.screen.name !== 'pin-entry') expect(inspect.pinDigitsHeld).toBe(0);
      // Invariant: the card is never asked for again once it was released.
      if (view.screen.name === 'lift-card') liftedAfterAuth = true;
      if (liftedAfterAuth) expect(['place-card', 'pin-entry', 'reading-card']).not.toContain(view.screen.name);
      if (TERMINAL.has(view.screen.name)) break;
      const moves = movesFor(view, result.moves);
      expect(moves.length, `no move on ${view.screen.name}`).toBeGreaterThan(0);
      const choice = prefix[result.choices.length] ?? 0;
      result.choices.push(choice);
      result.optionCounts.push(moves.length);
      const move = moves[choice]!;
      result.moves.push(move.name);
      before = JSON.stringify(view);
      move.apply(rt);
      view = await nextSettledView(rt, before);
    }
    // Invariants at the end of every path: money balances; a fee is kept only for a printed document.
    const { money } = rt.flow.inspect();
    expect(money.taken).toBe(money.kept + money.returned + money.claim);
    if (money.kept > 0) expect(rt.printedFiles().length).toBeGreaterThan(0);
    if (view.screen.name !== 'thank-you') expect(money.kept).toBe(0);
    for (const tx of rt.journal.all()) {
      expect(['completed', 'cancelled', 'print-failed']).toContain(tx.step);
      expect(tx.money.taken).toBe(tx.money.kept + tx.money.returned + tx.money.claim);
    }
    return result;
  } finally {
    await rt.stop();
  }
}

/** Next choice vector in depth-first order, or undefined when every leaf was visited. */
function nextPrefix(r: PathResult): number[] | undefined {
  for (let i = r.choices.length - 1; i >= 0; i--) {
    if (r.choices[i]! + 1 < r.optionCounts[i]!) return [...r.choices.slice(0, i), r.choices[i]! + 1];
  }
  return undefined;
}

describe('every path through the issuance flow keeps the money, PIN and card invariants', () => {
  it('walks all paths', { timeout: 300_000 }, async () => {
    const ends = new Map<string, number>();
    let prefix: number[] | undefined = [];
    let paths = 0;
    while (prefix) {
      const r = await runPath(prefix);
      paths++;
      const end = r.screens.at(-1)!;
      ends.set(end, (ends.get(end) ?? 0) + 1);
      prefix = nextPrefix(r);
    }
    console.log(`flow paths walked: ${paths}; ends: ${JSON.stringify(Object.fromEntries(ends))}`);
    expect(paths).toBeGreaterThan(50);
    expect(ends.get('thank-you')).toBeGreaterThan(0);
    expect(ends.get('cancelled')).toBeGreaterThan(0);
    expect(ends.get('error')).toBeGreaterThan(0);
  });
});

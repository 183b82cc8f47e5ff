import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoRuntime, type DemoRuntime } from '../runtime/create-demo-runtime';
import { authenticateAndLiftCard, runScenario, waitForScreen } from '../headless/run-scenario';

let runtime: DemoRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

async function start(): Promise<DemoRuntime> {
  runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-flow-')), timings: { farewellMs: 60_000 } });
  return runtime;
}

function balanced(m: { taken: number; kept: number; returned: number; claim: number }): boolean {
  return m.taken === m.kept + m.returned + m.claim;
}

describe('issuance flow over the in-process devices and the mock center', () => {
  it('pays a 200-yen fee with a 1000-yen note and gives 800 yen change', async () => {
    const rt = await start();
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [1000] });
    expect(run.finalScreen.screen.name).toBe('thank-you');
    expect(run.transcript).toContain('take-outputs (certificate, change)');
    expect(rt.flow.inspect().money).toEqual({ taken: 1000, kept: 200, returned: 800, claim: 0 });
    expect(rt.printedFiles()).toHaveLength(1);
  });

  it('shows tries left after a wrong PIN, then accepts the right one', async () => {
    const rt = await start();
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-taro', pins: ['0000', '1234'], certificate: 'juminhyo', money: [100, 100] });
    expect(run.transcript).toContain('pin-entry (tries left 2, 0 digits, wrong PIN)');
    expect(run.finalScreen.screen.name).toBe('thank-you');
  });

  it('locks after three wrong PINs and ends with guidance, taking no money', async () => {
    const rt = await start();
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-taro', pins: ['0000', '1111', '2222'], certificate: 'juminhyo', money: [100] });
    expect(run.finalScreen.screen).toMatchObject({ name: 'error', messageKey: 'error.card.pinLocked' });
    expect(rt.flow.inspect().money.taken).toBe(0);
  });

  it('refuses a 住基カード and a non-JPKI card with the reason', async () => {
    const rt = await start();
    rt.api.send({ type: 'START' });
    rt.api.send({ type: 'ACCEPT_TERMS' });
    rt.devDock.command({ type: 'PLACE_CARD', profileId: 'juki-card' });
    const refused = await waitForScreen(rt.api, ['place-card'], 5_000, (v) => v.screen.name === 'place-card' && v.screen.refusalKey !== undefined);
    expect(refused.screen).toMatchObject({ refusalKey: 'refusal.card.jukiCard' });
    rt.devDock.command({ type: 'LIFT_CARD' });
    await waitForScreen(rt.api, ['place-card'], 5_000, (v) => v.screen.name === 'place-card' && v.screen.refusalKey === undefined);
    rt.devDock.command({ type: 'PLACE_CARD', profileId: 'not-jpki' });
    const other = await waitForScreen(rt.api, ['place-card'], 5_000, (v) => v.screen.name === 'place-card' && v.screen.refusalKey !== undefined);
    expect(other.screen).toMatchObject({ refusalKey: 'refusal.card.notMyNumberCard' });
  });

  it('refunds every yen when the resident cancels after inserting coins', async () => {
    const rt = await start();
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [100, 100], cancelAfterInserted: 100 });
    expect(run.finalScreen.screen).toMatchObject({ name: 'cancelled', refunded: 100, claim: 0 });
    expect(rt.flow.inspect().money).toEqual({ taken: 100, kept: 0, returned: 100, claim: 0 });
    expect(rt.printedFiles()).toHaveLength(0);
  });

  it('refunds the fee when the printer is out of paper after payment', async () => {
    const rt = await start();
    rt.devDock.command({ type: 'FAULT', fault: 'printer-paper-out' });
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [100, 100] });
    expect(run.finalScreen.screen).toMatchObject({ name: 'error', messageKey: 'error.printer.paperOut', refunded: 200 });
    const money = rt.flow.inspect().money;
    expect(money.kept).toBe(0);
    expect(balanced(money)).toBe(true);
  });

  it('a center that is down before the visit keeps the kiosk out of service on the attract screen: no card read, no money', async () => {
    const rt = await start();
    rt.devDock.command({ type: 'FAULT', fault: 'center-down' });
    rt.api.send({ type: 'START' });
    const closed = await waitForScreen(rt.api, ['attract'], 5_000, (v) => v.screen.name === 'attract' && !v.screen.open);
    expect(closed.screen).toMatchObject({ open: false, closedReasonKey: 'attract.closed.outOfService', problems: [{ reasonKey: 'attract.problem.centerDown', staffCode: 'N-DOWN' }] });
    await new Promise((r) => setTimeout(r, 100));
    expect(rt.flow.inspect().state).toBe('attract');
    rt.devDock.command({ type: 'FAULT', fault: 'clear' });
    await waitForScreen(rt.api, ['attract'], 5_000, (v) => v.screen.name === 'attract' && v.screen.open);
  });

  it('reports the center going down during the visit without taking money', async () => {
    const rt = await start();
    await authenticateAndLiftCard(rt.api, rt.devDock, 'yamada-taro');
    rt.devDock.command({ type: 'FAULT', fault: 'center-down' });
    rt.api.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
    rt.api.send({ type: 'CONFIRM' });
    const failed = await waitForScreen(rt.api, ['error']);
    expect(failed.screen).toMatchObject({ name: 'error', messageKey: 'error.center.unavailable' });
    expect(rt.flow.inspect().money.taken).toBe(0);
  });

  it('refuses a revoked certificate at the center', async () => {
    const rt = await start();
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-taro-revoked', pins: ['1234'], certificate: 'juminhyo', money: [] });
    expect(run.finalScreen.screen).toMatchObject({ name: 'error', messageKey: 'refusal.center.CERT_REVOKED' });
  });
});

describe('card lifted while the PIN is typed', () => {
  it('ends the visit with the reason and never sends VERIFY', async () => {
    const rt = await start();
    rt.api.send({ type: 'START' });
    rt.api.send({ type: 'ACCEPT_TERMS' });
    rt.devDock.command({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
    await waitForScreen(rt.api, ['pin-entry']);
    rt.api.send({ type: 'PIN_DIGIT', digit: 1 });
    rt.devDock.command({ type: 'LIFT_CARD' });
    const ended = await waitForScreen(rt.api, ['error']);
    expect(ended.screen).toMatchObject({ messageKey: 'error.card.removed' });
    expect(rt.flow.inspect().pinDigitsHeld).toBe(0);
  });
});

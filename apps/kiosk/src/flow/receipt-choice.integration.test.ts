import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoRuntime, type DemoRuntime } from '../runtime/create-demo-runtime';
import { runScenario, waitForScreen } from '../headless/run-scenario';

let runtime: DemoRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

const receiptOf = (rt: DemoRuntime) => rt.printedFiles().filter((f) => basename(f).startsWith('receipt-'));

async function issuedAndWaiting(): Promise<DemoRuntime> {
  runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-receipt-')), timings: { farewellMs: 5_000 } });
  const run = await runScenario(runtime.api, runtime.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [1000], takeOutputs: false });
  expect(run.finalScreen.screen).toMatchObject({ name: 'take-outputs', ending: 'issued', receipt: 'offered' });
  return runtime;
}

describe('the optional receipt at the end of an issued visit', () => {
  it('prints after the certificate on PRINT_RECEIPT, once, and the outputs are watched again', async () => {
    const rt = await issuedAndWaiting();
    rt.api.send({ type: 'PRINT_RECEIPT' });
    const printed = await waitForScreen(rt.api, ['take-outputs'], 10_000, (v) => v.screen.name === 'take-outputs' && v.screen.receipt === 'printed');
    expect(printed.screen.name === 'take-outputs' && printed.screen.pending).toContain('certificate');
    expect(rt.printedFiles()).toHaveLength(2);
    expect(receiptOf(rt)).toHaveLength(1);
    // A second ask does nothing: one receipt per visit.
    rt.api.send({ type: 'PRINT_RECEIPT' });
    rt.devDock.command({ type: 'TAKE', item: 'certificate' });
    rt.devDock.command({ type: 'TAKE', item: 'change' });
    const thanks = await waitForScreen(rt.api, ['thank-you'], 5_000);
    expect(thanks.screen).toEqual({ name: 'thank-you', receipt: 'printed' });
    expect(receiptOf(rt)).toHaveLength(1);
  });

  it('a printer that fails the receipt does not hold up the end of the visit', async () => {
    const rt = await issuedAndWaiting();
    rt.devDock.command({ type: 'FAULT', fault: 'printer-paper-out' });
    rt.api.send({ type: 'PRINT_RECEIPT' });
    const failed = await waitForScreen(rt.api, ['take-outputs'], 10_000, (v) => v.screen.name === 'take-outputs' && v.screen.receipt === 'failed');
    expect(failed.screen.name === 'take-outputs' && [...failed.screen.pending].sort()).toEqual(['certificate', 'change']);
    expect(receiptOf(rt)).toHaveLength(0);
    rt.devDock.command({ type: 'TAKE', item: 'certificate' });
    rt.devDock.command({ type: 'TAKE', item: 'change' });
    expect((await waitForScreen(rt.api, ['thank-you'], 5_000)).screen).toEqual({ name: 'thank-you', receipt: 'failed' });
  });

  it('is not offered after a cancelled visit (nothing was sold)', async () => {
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-receipt-')), timings: { farewellMs: 50 } });
    const rt = runtime;
    const run = await runScenario(rt.api, rt.devDock, { card: 'yamada-hanako-locked', pins: ['1234'], certificate: 'juminhyo' });
    expect(run.finalScreen.screen).toMatchObject({ name: 'error' });
    const prompt = await waitForScreen(rt.api, ['take-outputs'], 5_000, (v) => v.screen.name === 'take-outputs' && v.screen.pending.length > 0);
    expect(prompt.screen).not.toHaveProperty('receipt');
    rt.api.send({ type: 'PRINT_RECEIPT' });
    rt.devDock.command({ type: 'LIFT_CARD' });
    await waitForScreen(rt.api, ['attract'], 5_000);
    expect(rt.printedFiles()).toHaveLength(0);
  });
});

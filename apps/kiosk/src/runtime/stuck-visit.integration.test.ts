import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { createInProcessRig } from '../demo/in-process-rig';
import { authenticateAndLiftCard, waitForScreen } from '../headless/run-scenario';
import { staffApiOver, type StaffCall } from '../shared/staff-api';
import { createDemoRuntime, type DemoRuntime } from './create-demo-runtime';

let runtime: DemoRuntime | undefined;
afterEach(async () => {
  await runtime?.stop();
  runtime = undefined;
});

describe('a visit stuck with money at stake', () => {
  // The watchdog ends any step without money that has not moved for watchdogMs: long enough here
  // for a loaded machine to walk to the printing step, where the printer never answers.
  it('takes the kiosk out of service, lists the fee held as a claim for staff, and settling it ends the visit and closes the transaction', { timeout: 30_000 }, async () => {
    const rig = createInProcessRig(await loadTestPki());
    runtime = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-stuck-')), rig, watchdogMs: 5_000, timings: { farewellMs: 100 } });
    const rt = runtime;
    // A printer that takes the job and never answers: no driver deadline would ever fire.
    rt.printer.print = () => new Promise(() => undefined);
    const staff = staffApiOver((call: StaffCall) => rt.staff!.handle(call), () => () => undefined);

    await authenticateAndLiftCard(rt.api, rt.devDock, 'yamada-taro');
    rt.api.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
    await waitForScreen(rt.api, ['certificate-options']);
    rt.api.send({ type: 'CONFIRM' });
    await waitForScreen(rt.api, ['confirm-fee']);
    rt.api.send({ type: 'CONFIRM' });
    await waitForScreen(rt.api, ['paying']);
    rt.devDock.command({ type: 'INSERT_MONEY', denomination: 1000 });
    await waitForScreen(rt.api, ['printing']);
    const { requestId, atStake } = rt.flow.inspect();
    const fee = rt.journal.get(requestId!)!.fee;
    // Change was paid; the fee is held for a document not yet printed.
    expect(atStake).toBe(fee);

    expect(await staff.call('unlock-pin', { pin: '999999' })).toMatchObject({ ok: true });
    const claims = async () => {
      const reply = await staff.call('claims', {});
      return reply.ok ? reply.value : [];
    };
    await expect.poll(claims, { timeout: 20_000 }).toEqual([expect.objectContaining({ id: `visit-${requestId!}`, amount: fee })]);
    expect(await staff.call('overview', {})).toMatchObject({ ok: true, value: { service: { inService: false, by: 'kiosk-watchdog' }, openClaims: 1 } });
    expect(rt.journal.staffActions().find((a) => a.action === 'kiosk.visit-stuck')).toMatchObject({ detail: { state: 'printing', atStake: fee, requestId } });
    expect(rt.journal.get(requestId!)?.step).toBe('printing');

    expect(await staff.call('settle-claim', { claimId: `visit-${requestId!}`, paid: fee })).toMatchObject({ ok: true, value: [] });
    const failed = await waitForScreen(rt.api, ['error'], 5_000);
    expect(failed.screen).toMatchObject({ name: 'error', staffCode: 'X-STUCK', claim: fee });
    rt.devDock.command({ type: 'TAKE', item: 'change' });
    const attract = await waitForScreen(rt.api, ['attract'], 5_000);
    expect(attract.screen).toMatchObject({ open: false, problems: [{ reasonKey: 'attract.problem.stuckVisit', staffCode: 'X-STUCK' }] });
    // Closed in the journal: a restart's settlement must not refund what staff paid by hand.
    expect(rt.journal.get(requestId!)).toMatchObject({ step: 'print-failed', money: { taken: 1000, kept: 0, returned: 1000 - fee, claim: fee } });

    expect(await staff.call('set-service', { inService: true })).toMatchObject({ ok: true });
    await waitForScreen(rt.api, ['attract'], 5_000, (v) => v.screen.name === 'attract' && v.screen.open);
  });
});

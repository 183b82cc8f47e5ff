import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../src/web-bridge/renderer-build';
import { KioskSession } from './kiosk-session';
import { openStaffMode, staffDialog as staffDialogOf, staffTab } from './staff-console';

// A visit stuck with money at stake (a printer that takes the job and never answers), in
// Chromium over the demo runtime: the watchdog takes the kiosk out of service, staff see the fee
// held on the claims screen, pay it by hand, and the attract screen says why the kiosk is closed
// until staff put it back in service.
let s: KioskSession;

beforeAll(async () => {
  await ensureRendererBuilt('demo');
  // Long enough for a resident's taps on every step, short enough for the test.
  s = await KioskSession.start('stuck', { watchdogMs: 6_000 });
}, 180_000);

afterAll(async () => {
  await s?.close();
});

const staffDialog = () => staffDialogOf(s);

const tab = (name: string) => staffTab(s, name);

describe('a visit stuck while printing', { timeout: 120_000 }, () => {
  it('becomes a claim staff settle on the claims screen; the kiosk stays out of service until staff put it back', async () => {
    await s.signInWithCard('yamada-taro', '1234');
    const fee = await s.toPayment();
    s.runtime.printer.print = () => new Promise(() => undefined);
    s.dock({ type: 'INSERT_MONEY', denomination: 1000 });
    await s.expectScreen('printing', 20_000);
    const { requestId } = s.runtime.flow.inspect();
    await expect.poll(() => s.runtime.journal.staffActions().some((a) => a.action === 'kiosk.visit-stuck'), { timeout: 20_000 }).toBe(true);

    await openStaffMode(s);
    await tab('返金待ち').click();
    await staffDialog().getByText(/取引が止まりました（printing/).waitFor();
    await s.check('01-claim');
    await staffDialog().getByRole('button', { name: `${fee}円 を手渡しで返金した` }).click();
    await staffDialog().getByText('返金待ちはありません').waitFor();
    await staffDialog().getByRole('button', { name: '係員モードを閉じる' }).click();

    await s.expectScreen('error', 10_000);
    s.dock({ type: 'TAKE', item: 'change' });
    await s.expectScreen('attract', 15_000);
    await s.page.getByText('取引が途中で止まりました（係員が確認します）').waitFor();
    await s.check('02-out-of-service');
    expect(s.runtime.journal.get(requestId!)).toMatchObject({ step: 'print-failed', money: { taken: 1000, kept: 0, returned: 1000 - fee, claim: fee } });
    expect(s.runtime.journal.staffActions().filter((a) => a.action === 'staff.settle-claim').at(-1)).toMatchObject({ staffId: 'staff-pin', ok: true, detail: { paid: fee } });

    await openStaffMode(s);
    await tab('休止・再開').click();
    await staffDialog().getByText(/この端末は休止中です/).waitFor();
    await staffDialog().getByRole('button', { name: '再開する' }).click();
    await staffDialog().getByText('この端末は稼働中です').waitFor();
    await staffDialog().getByRole('button', { name: '係員モードを閉じる' }).click();
    await s.page.getByRole('button', { name: '証明書を発行する' }).first().waitFor({ timeout: 10_000 });
  });
});

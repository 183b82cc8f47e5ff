import { describe, expect, it } from 'vitest';
import { serviceAvailability } from '../../src/flow/service-hours';
import type { KioskSession } from './kiosk-session';
import { kioskSessionPerTest } from './session-per-test';

// The first build of the renderer (a fresh checkout) happens here, not inside a timed test.
const startSession = kioskSessionPerTest();

/** Card, PIN, 住民票の写し, 1 copy: up to the payment screen. */
async function toPayment(s: KioskSession): Promise<number> {
  await s.signInWithCard('yamada-taro', '1234');
  return s.toPayment();
}

describe('refusals, cancels and alarms in the real UI against the demo runtime', { timeout: 90_000 }, () => {
  it('cancels after coins were paid and shows the refund', async () => {
    const s = await startSession('cancel-paid');
    const fee = await toPayment(s);
    expect(fee).toBeGreaterThan(100);
    s.dock({ type: 'INSERT_MONEY', denomination: 100 });
    await s.page.locator('.summary--money dd').first().filter({ hasText: '100円' }).waitFor();
    await s.check('01-paying-partly');
    await s.tap(/中止/);
    await s.expectScreen('cancelled');
    await s.page.getByText('100円 をお返ししました。お取りください').waitFor();
    await s.check('02-cancelled-refund');
    expect(s.runtime.flow.inspect().money).toMatchObject({ taken: 100, kept: 0, returned: 100, claim: 0 });
    expect(s.runtime.printedFiles()).toEqual([]);
  });

  it('shows what happened, the refund and the staff code when the printer runs out of paper', async () => {
    const s = await startSession('paper-out');
    const fee = await toPayment(s);
    s.dock({ type: 'FAULT', fault: 'printer-paper-out' });
    s.dock({ type: 'INSERT_MONEY', denomination: 1000 });
    await s.expectScreen('error', 15_000);
    await s.page.locator('main').getByText('用紙がなくなりました。係員にお知らせください。').waitFor();
    await s.page.getByText('P-PAPER').waitFor();
    await s.page.getByText('1,000円 をお返ししました。お取りください').waitFor({ timeout: 10_000 });
    await s.check('01-error');
    expect(s.runtime.printedFiles()).toEqual([]);
    expect(s.runtime.flow.inspect().money).toMatchObject({ taken: 1000, kept: 0, returned: 1000, claim: 0 });
    expect(fee).toBeGreaterThan(0);
  });

  it('refuses to start out of service hours and says why', async () => {
    // 00:30 in Japan: コンビニ交付 runs 6:30–23:00.
    const s = await startSession('out-of-hours', { availability: () => serviceAvailability(new Date('2026-11-25T15:30:00Z')) });
    await s.page.getByText('ただいま証明書を発行できません').waitFor();
    await s.page.getByText(/発行できる時間外です/).waitFor();
    expect(await s.page.getByRole('button', { name: '証明書を発行する' }).count()).toBe(0);
    await s.page.locator('main').click();
    await s.page.waitForTimeout(300);
    await s.expectScreen('attract');
    await s.check('01-closed');
  });

  it('sounds the paper-left alarm: chime, then staff called, and follows what is taken', async () => {
    const s = await startSession('paper-left', { alarmTimings: { chimeAfterMs: 2_000, voiceAfterMs: 4_000, staffCallAfterMs: 8_000 } });
    const fee = await toPayment(s);
    s.dock({ type: 'INSERT_MONEY', denomination: 500 });
    await s.expectScreen('take-outputs', 15_000);
    expect(await s.page.locator('.output__name').allInnerTexts()).toEqual(['証明書', 'おつり']);
    await s.check('01-prompt');
    s.dock({ type: 'TAKE', item: 'change' });
    await expect.poll(() => s.page.locator('.output__name').allInnerTexts()).toEqual(['証明書']);
    // The stages are seconds apart, wider than an axe check takes on a loaded machine: the chime's
    // words must still be there when looked for (at 1 s / 3 s the staff call had replaced them).
    await s.page.getByText('取り出し口に残っています').waitFor({ timeout: 5_000 });
    await s.check('02-chime');
    await s.page.getByText('係員を呼びました。そのままお待ちください').waitFor({ timeout: 12_000 });
    await s.check('03-staff-called');
    await s.expectStillOn('take-outputs');
    // Taken after the staff call: the kiosk frees itself (no restart, no staff needed), and says goodbye.
    s.dock({ type: 'TAKE', item: 'certificate' });
    await s.expectScreen('thank-you');
    expect(s.runtime.alarm.log().at(-1)).toMatchObject({ event: 'taken', stage: 'staff-called' });
    expect(s.runtime.flow.inspect().money).toEqual({ taken: 500, kept: fee, returned: 500 - fee, claim: 0 });
    await s.expectScreen('attract', 15_000);
  });

  it('asks 「まだ操作中ですか？」 with the seconds left, continues on a key, then cancels safely', async () => {
    const s = await startSession('still-there', { timings: { farewellMs: 3_000, inactivityMs: 1_500, stillThereMs: 4_000 } });
    await s.tap('証明書を発行する');
    await s.expectScreen('terms');
    const prompt = s.page.getByRole('alertdialog', { name: 'まだ操作中ですか？' });
    await prompt.waitFor({ timeout: 5_000 });
    await prompt.getByText(/あと [0-9]+ 秒で中止します/).waitFor();
    await s.check('01-prompt');
    await s.page.keyboard.press('Space');
    await prompt.waitFor({ state: 'detached' });
    await s.expectStillOn('terms');
    // Nobody answers the second time: the transaction is cancelled.
    await prompt.waitFor({ timeout: 5_000 });
    await s.page.waitForFunction(() => document.querySelector('.kiosk')?.getAttribute('data-screen') !== 'terms', undefined, { timeout: 10_000 });
    expect(['cancelled', 'attract']).toContain(await s.page.locator('.kiosk').first().getAttribute('data-screen'));
  });

});

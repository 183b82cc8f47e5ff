import { afterEach, describe, expect, it } from 'vitest';
import { serviceAvailability } from '../../src/flow/service-hours';
import { KioskSession } from './kiosk-session';

let session: KioskSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Card, PIN, 住民票の写し, 1 copy: up to the payment screen. */
async function toPayment(s: KioskSession): Promise<number> {
  await s.tap('証明書を発行する');
  await s.tap('同意して進む');
  s.dock({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
  await s.expectScreen('pin-entry');
  for (const d of '1234') await s.tap(new RegExp(`^${d}$`));
  await s.tap('確定');
  await s.expectScreen('lift-card');
  s.dock({ type: 'LIFT_CARD' });
  await s.expectScreen('choose-certificate');
  await s.tap(/住民票の写し/);
  await s.tap(/次へ/);
  await s.expectScreen('confirm-fee');
  const fee = Number((await s.page.locator('.amount--huge').innerText()).replace(/[^0-9]/g, ''));
  await s.tap(/お支払いへ進む/);
  await s.expectScreen('paying');
  return fee;
}

describe('refusals, cancels and alarms in the real UI against the demo runtime', () => {
  it('cancels after coins were paid and shows the refund', async () => {
    const s = (session = await KioskSession.start('cancel-paid'));
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

  it('refuses to start out of service hours and says why', async () => {
    // 00:30 in Japan: コンビニ交付 runs 6:30–23:00.
    const s = (session = await KioskSession.start('out-of-hours', { availability: () => serviceAvailability(new Date('2026-11-25T15:30:00Z')) }));
    await s.page.getByText('ただいま証明書を発行できません').waitFor();
    await s.page.getByText(/発行できる時間外です/).waitFor();
    expect(await s.page.getByRole('button', { name: '証明書を発行する' }).count()).toBe(0);
    await s.page.locator('main').click();
    await s.page.waitForTimeout(300);
    await s.expectScreen('attract');
    await s.check('01-closed');
  });

  it('keeps asking for the certificate left in the tray until it is taken', async () => {
    const s = (session = await KioskSession.start('paper-left', { timings: { farewellMs: 3_000, inactivityMs: 1_500, stillThereMs: 1_500 } }));
    const fee = await toPayment(s);
    for (let paid = 0; paid < fee; paid += 100) s.dock({ type: 'INSERT_MONEY', denomination: 100 });
    await s.expectScreen('take-outputs', 15_000);
    // Nobody takes the paper: the screen must stay and keep showing it, whatever the timeouts.
    await s.page.waitForTimeout(4_000);
    await s.expectScreen('take-outputs', 100);
    expect(await s.page.locator('.output__name').allInnerTexts()).toContain('証明書');
    await s.check('01-paper-left');
    s.dock({ type: 'TAKE', item: 'certificate' });
    s.dock({ type: 'TAKE', item: 'change' });
    await s.expectScreen('thank-you');
  });

  it('asks 「まだ操作中ですか？」 with the seconds left, continues on a key, then cancels safely', async () => {
    const s = (session = await KioskSession.start('still-there', { timings: { farewellMs: 3_000, inactivityMs: 1_500, stillThereMs: 4_000 } }));
    await s.tap('証明書を発行する');
    await s.expectScreen('terms');
    const prompt = s.page.getByRole('alertdialog', { name: 'まだ操作中ですか？' });
    await prompt.waitFor({ timeout: 5_000 });
    await prompt.getByText(/あと [0-9]+ 秒で中止します/).waitFor();
    await s.check('01-prompt');
    await s.page.keyboard.press('Space');
    await prompt.waitFor({ state: 'detached' });
    await s.expectScreen('terms', 100);
    // Nobody answers the second time: the transaction is cancelled.
    await prompt.waitFor({ timeout: 5_000 });
    await s.page.waitForFunction(() => document.querySelector('.kiosk')?.getAttribute('data-screen') !== 'terms', undefined, { timeout: 10_000 });
    expect(['cancelled', 'attract']).toContain(await s.page.locator('.kiosk').first().getAttribute('data-screen'));
  });

  // UNFINISHED: the flow still reports stage 'prompt' only (kiosk-view.ts); once it escalates
  // (chime → voice → staff called) this checks that the screen says so.
  it.todo('escalates the paper-left alarm: chime, voice, staff called');
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KioskSession } from './kiosk-session';
import { kioskSessionPerTest } from './session-per-test';

// The first build of the renderer (a fresh checkout) happens here, not inside a timed test.
const startSession = kioskSessionPerTest();

async function enterPin(s: KioskSession, pin: string): Promise<void> {
  for (const digit of pin) await s.tap(new RegExp(`^${digit}$`));
  await s.tap(/^確定$|^Enter$/);
}

describe('issuance in the real UI (Chromium) against the demo runtime', { timeout: 90_000 }, () => {
  it('issues a 住民票の写し paid with a 1000-yen note and gives the change', async () => {
    const s = await startSession('issuance');
    await s.check('01-attract');
    await s.tap('証明書を発行する');
    await s.expectScreen('terms');
    await s.check('02-terms');
    await s.tap('同意して進む');
    await s.expectScreen('place-card');
    await s.check('03-place-card');
    s.dock({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
    await s.expectScreen('pin-entry');
    await s.tap(/^1$/);
    await s.tap(/^2$/);
    await expect.poll(() => s.page.locator('.pin-dot--filled').count()).toBe(2);
    await s.check('04-pin-entry');
    await s.tap(/^3$/);
    await s.tap(/^4$/);
    await s.tap('確定');
    await s.expectScreen('lift-card');
    await s.check('05-lift-card');
    s.dock({ type: 'LIFT_CARD' });
    await s.expectScreen('choose-certificate');
    await s.check('06-choose-certificate');
    await s.tap(/住民票の写し/);
    await s.expectScreen('certificate-options');
    await s.check('07-certificate-options');
    await s.throughOptions();
    await s.check('08-confirm-fee');
    const fee = Number((await s.page.locator('.amount--huge').innerText()).replace(/[^0-9]/g, ''));
    expect(fee).toBeGreaterThan(0);
    await s.tap(/お支払いへ進む/);
    await s.expectScreen('paying');
    await s.check('09-paying');
    s.dock({ type: 'INSERT_MONEY', denomination: 1000 });
    await s.expectScreen('take-outputs', 15_000);
    await s.check('10-take-outputs');
    expect(await s.page.locator('.output__name').allInnerTexts()).toEqual(['証明書', 'おつり']);
    s.dock({ type: 'TAKE', item: 'certificate' });
    s.dock({ type: 'TAKE', item: 'change' });
    await s.expectScreen('thank-you');
    await s.check('11-thank-you');

    expect(s.runtime.flow.inspect().money).toEqual({ taken: 1000, kept: fee, returned: 1000 - fee, claim: 0 });
    const printed = s.runtime.printedFiles();
    expect(printed).toHaveLength(1);
    expect(readFileSync(printed[0]!).subarray(0, 5).toString()).toBe('%PDF-');
    // The transaction ends clean: back to the attract screen in Japanese.
    await s.expectScreen('attract', 10_000);
  });

  it('refuses a wrong PIN with the tries left, then accepts the right one', async () => {
    const s = await startSession('wrong-pin');
    await s.tap('証明書を発行する');
    await s.tap('同意して進む');
    s.dock({ type: 'PLACE_CARD', profileId: 'yamada-hanako' });
    await s.expectScreen('pin-entry');
    await s.page.getByText('あと 3 回まちがえるとロックされます').waitFor();
    await enterPin(s, '9999');
    await s.page.getByText('暗証番号がちがいます').waitFor({ timeout: 10_000 });
    await s.page.getByText('あと 2 回まちがえるとロックされます').waitFor();
    await s.check('01-wrong-pin');
    await enterPin(s, '1234');
    await s.expectScreen('lift-card');
  });
});

import { describe, expect, it } from 'vitest';
import { kioskSessionPerTest } from './session-per-test';

const startSession = kioskSessionPerTest();

describe('keypad-only and English issuance in the real UI against the demo runtime', { timeout: 90_000 }, () => {
  it('issues a certificate with the keyboard alone (digits, Enter, Escape-free focus order)', async () => {
    const s = await startSession('keyboard');
    const key = (k: string) => s.page.keyboard.press(k);
    await key('Enter');
    await s.expectScreen('terms');
    await key('Enter');
    await s.expectScreen('place-card');
    s.dock({ type: 'PLACE_CARD', profileId: 'sato-kenji' });
    await s.expectScreen('pin-entry');
    for (const d of '1234') await key(d);
    await key('Backspace');
    await key('4');
    await expect.poll(() => s.page.locator('.pin-dot--filled').count()).toBe(4);
    await key('Enter');
    await s.expectScreen('lift-card');
    s.dock({ type: 'LIFT_CARD' });
    await s.expectScreen('choose-certificate');
    // Focus starts on the first available certificate; Enter chooses it.
    const focused = await s.page.evaluate(() => ({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent ?? '' }));
    expect(focused.tag).toBe('BUTTON');
    expect(focused.text).toContain('住民票の写し');
    await key('Enter');
    await s.expectScreen('certificate-options');
    // One decision per page: whose record (1 本人のみ, chosen), the items (2 toggles 続柄), then 通数.
    await s.page.getByRole('radio', { name: /本人のみ/ }).and(s.page.locator(':checked')).waitFor();
    await key('Enter');
    await s.page.getByRole('checkbox').first().waitFor();
    await key('2');
    await s.page.getByRole('checkbox', { name: /続柄/ }).and(s.page.locator(':checked')).waitFor();
    await key('Enter');
    await key('+');
    await s.page.locator('.stepper__value', { hasText: '2通' }).waitFor();
    await key('-');
    await s.page.locator('.stepper__value', { hasText: '1通' }).waitFor();
    await key('Enter');
    await s.expectScreen('confirm-fee');
    const fee = Number((await s.page.locator('.amount--huge').innerText()).replace(/[^0-9]/g, ''));
    await key('Enter');
    await s.expectScreen('paying');
    for (let paid = 0; paid < fee; paid += 100) s.dock({ type: 'INSERT_MONEY', denomination: 100 });
    await s.expectScreen('take-outputs', 15_000);
    s.dock({ type: 'TAKE', item: 'certificate' });
    s.dock({ type: 'TAKE', item: 'change' });
    await s.expectScreen('thank-you');
    expect(s.runtime.printedFiles()).toHaveLength(1);
    await s.check('01-thank-you');
  });

  it('runs a whole issuance in English and returns to Japanese afterwards', async () => {
    const s = await startSession('english');
    await s.tap(/Language/);
    await s.page.getByRole('dialog').getByRole('button', { name: 'English' }).click();
    await s.page.getByText('Get a certificate').first().waitFor();
    await s.check('01-attract');
    await s.tap('Get a certificate');
    await s.tap('Agree and continue');
    await s.expectScreen('place-card');
    await s.page.getByRole('heading', { name: 'Place your card' }).waitFor();
    s.dock({ type: 'PLACE_CARD', profileId: 'tanaka-yuki' });
    await s.expectScreen('pin-entry');
    await s.check('02-pin');
    for (const d of '1234') await s.tap(new RegExp(`^${d}$`));
    await s.tap(/^Enter$/);
    await s.expectScreen('lift-card');
    s.dock({ type: 'LIFT_CARD' });
    await s.expectScreen('choose-certificate');
    await s.check('03-choose');
    await s.tap(/Certificate of residence/);
    await s.throughOptions();
    await s.check('04-confirm');
    const fee = Number((await s.page.locator('.amount--huge').innerText()).replace(/[^0-9]/g, ''));
    await s.tap(/Go to payment/);
    await s.expectScreen('paying');
    s.dock({ type: 'INSERT_MONEY', denomination: 500 });
    await s.expectScreen('take-outputs', 15_000);
    await s.page.getByText('Take everything with you').waitFor();
    await s.check('05-take');
    s.dock({ type: 'TAKE', item: 'certificate' });
    s.dock({ type: 'TAKE', item: 'change' });
    await s.expectScreen('thank-you');
    await s.page.getByRole('heading', { name: 'Thank you' }).waitFor();
    expect(s.runtime.flow.inspect().money).toEqual({ taken: 500, kept: fee, returned: 500 - fee, claim: 0 });
    // The language is cleared with the transaction.
    await s.expectScreen('attract', 10_000);
    await s.page.getByText('証明書を発行する').first().waitFor();
  });
});

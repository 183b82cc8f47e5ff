import { describe, expect, it } from 'vitest';
import type { KioskSession } from './kiosk-session';
import { kioskSessionPerTest } from './session-per-test';

const startSession = kioskSessionPerTest();

/** From the choice of the smartphone on the first screen to the phone lying on the reader. */
async function placePhone(s: KioskSession, profileId: string): Promise<void> {
  await s.tap('スマートフォンで証明書を発行する');
  await s.expectScreen('terms');
  await s.page.getByText('スマホ用電子証明書を入れたスマートフォンが必要です').waitFor();
  await s.tap('同意して進む');
  await s.expectScreen('place-card');
  await s.page.getByRole('heading', { name: 'スマートフォンを置いてください' }).waitFor();
  await s.check('01-place-phone');
  s.dock({ type: 'PLACE_CARD', profileId });
}

/** After authentication: lift the phone, a 住民票, pay, take; the words say スマートフォン throughout. */
async function finish(s: KioskSession): Promise<void> {
  await s.expectScreen('lift-card');
  await s.page.getByRole('heading', { name: 'スマートフォンをお取りください' }).waitFor();
  await s.check('03-lift-phone');
  await s.afterAuthentication();
  await s.toPayment();
  await s.payAndPrint(500);
  s.dock({ type: 'TAKE', item: 'certificate' });
  s.dock({ type: 'TAKE', item: 'change' });
  await s.expectScreen('thank-you');
  expect(s.runtime.printedFiles()).toHaveLength(1);
  expect(await s.page.locator('.kiosk').innerText()).not.toMatch(/マイナンバーカードを/);
}

describe('smartphone (スマホ用電子証明書) flows in the real UI against the demo runtime', { timeout: 90_000 }, () => {
  it('Android: the PIN of the phone certificate is entered on the kiosk', async () => {
    const s = await startSession('android');
    await placePhone(s, 'tanaka-yuki-android');
    await s.expectScreen('pin-entry');
    await s.page.getByRole('heading', { name: 'スマホ用電子証明書の暗証番号を入力してください' }).waitFor();
    await s.check('02-pin-phone');
    for (const d of '5678') await s.page.keyboard.press(d);
    await s.page.keyboard.press('Enter');
    await finish(s);
  });

  it('iPhone: the resident authenticates on the phone, the kiosk asks no PIN', async () => {
    const s = await startSession('iphone');
    const seen: string[] = [];
    const unsubscribe = s.runtime.api.subscribe((v) => {
      if (seen.at(-1) !== v.screen.name) seen.push(v.screen.name);
    });
    await placePhone(s, 'sato-kenji-iphone');
    await finish(s);
    unsubscribe();
    expect(seen).not.toContain('pin-entry');
    expect(seen).toEqual(expect.arrayContaining(['reading-card', 'authenticating', 'lift-card']));
  });
});

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandLineTools } from '../../src/document/poppler';
import type { KioskSession } from './kiosk-session';
import { kioskSessionPerTest } from './session-per-test';

const startSession = kioskSessionPerTest();

const squeezed = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const OFFER = '利用明細（領収書）を印刷する';

/** The receipt the demo's printer recorded, as pdftotext reads it: the sale, not the resident. */
async function expectReceipt(s: KioskSession, fee: number): Promise<void> {
  const printed = s.runtime.printedFiles();
  expect(printed).toHaveLength(2);
  expect(basename(printed[1]!)).toMatch(/^receipt-/);
  const text = squeezed(await commandLineTools.extractText(readFileSync(printed[1]!)));
  const requestId = s.runtime.journal.all().at(-1)?.requestId ?? '';
  expect(requestId).not.toBe('');
  for (const expected of ['利用明細書兼領収書', '住民票の写し', '1通', `手数料Fee${fee}円`, 'お預かりPaid1,000円', `おつりChange${1000 - fee}円`, 'デモ店舗', 'kiosk-0001', requestId]) expect(text).toContain(squeezed(expected));
  // The certificate names 山田 太郎 and his address; the receipt does not.
  expect(text).not.toMatch(/山田|太郎|架空県|見本市/);
}

describe('the optional receipt (利用明細 兼 領収書) in the real UI against the demo runtime', { timeout: 90_000 }, () => {
  it('is offered with the outputs, printed after the certificate on tap, and taken from the same tray', async () => {
    const s = await startSession('receipt');
    await s.signInWithCard('yamada-taro', '1234');
    const fee = await s.toPayment();
    expect(fee).toBeGreaterThan(0);
    await s.payAndPrint(1000);
    await s.page.getByRole('button', { name: OFFER }).waitFor();
    await s.check('01-take-outputs-offer');
    expect(s.runtime.printedFiles()).toHaveLength(1);
    await s.tap(OFFER);
    await s.page.getByText('利用明細は証明書の取り出し口に出ました').waitFor({ timeout: 15_000 });
    await s.check('02-receipt-printed');
    await expectReceipt(s, fee);
    // Once printed it is not offered again.
    expect(await s.page.getByRole('button', { name: OFFER }).count()).toBe(0);
    s.dock({ type: 'TAKE', item: 'certificate' });
    s.dock({ type: 'TAKE', item: 'change' });
    await s.expectScreen('thank-you');
    expect(await s.page.getByRole('button', { name: OFFER }).count()).toBe(0);
  });

  it('can still be asked for on the thank-you screen, with the 0 key; the tray is watched again', async () => {
    const s = await startSession('receipt-late', { timings: { farewellMs: 15_000 } });
    await s.signInWithCard('yamada-taro', '1234');
    const fee = await s.toPayment();
    await s.payAndPrint(1000);
    s.dock({ type: 'TAKE', item: 'certificate' });
    s.dock({ type: 'TAKE', item: 'change' });
    await s.expectScreen('thank-you');
    await s.page.getByRole('button', { name: OFFER }).waitFor();
    await s.check('03-thank-you-offer');
    await s.page.keyboard.press('0');
    // The receipt lies in the certificate tray: the take-outputs screen asks for it to be taken.
    await s.expectScreen('take-outputs', 15_000);
    await s.page.getByText('利用明細は証明書の取り出し口に出ました').waitFor({ timeout: 15_000 });
    await expectReceipt(s, fee);
    s.dock({ type: 'TAKE', item: 'certificate' });
    await s.expectScreen('thank-you');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandLineTools } from '../../src/document/poppler';
import type { KioskSession } from './kiosk-session';
import { kioskSessionPerTest } from './session-per-test';
import { RECORD_SPEECH, spoken } from './speech-recorder';

const startSession = kioskSessionPerTest();

const squeezed = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The certificate the demo's printer recorded, as pdftotext reads it. */
async function printedText(s: KioskSession): Promise<string> {
  const printed = s.runtime.printedFiles();
  expect(printed).toHaveLength(1);
  return squeezed(await commandLineTools.extractText(readFileSync(printed[0]!)));
}

/** The page's title once it is the one asked for (the options screen changes pages without changing screens). */
async function onPage(s: KioskSession, title: string): Promise<void> {
  await s.page.locator('main h1', { hasText: title }).waitFor();
}

describe('choosing people in the real UI (Chromium) against the demo runtime: 世帯の一部 and 個人事項 of another member', { timeout: 90_000 }, () => {
  it('prints a 住民票 of exactly the two members chosen by number keys, listed on the confirm screen and spoken', async () => {
    const s = await startSession('members-juminhyo', {}, undefined, RECORD_SPEECH);
    const key = (k: string) => s.page.keyboard.press(k);
    await s.signInWithCard('yamada-taro', '1234');
    await key('1');
    await s.expectScreen('certificate-options');
    await onPage(s, '記載される人を選んでください');
    await key('3');
    await s.page.locator('.option--on', { hasText: '世帯の一部' }).waitFor();
    await key('Enter');
    await onPage(s, '記載する人を選んでください');
    // The applicant (listed first) starts chosen; 山田 花子 is added with her number.
    expect(await s.page.locator('.option__label').allInnerTexts()).toEqual(['山田　太郎', '山田　花子', '山田　健太', '山田　美咲', '山田　空']);
    await key('2');
    await expect.poll(() => s.page.locator('.option--on .option__label').allInnerTexts()).toEqual(['山田　太郎', '山田　花子']);
    await s.check('01-members');
    const heard = (await spoken(s.page)).map((u) => u.text);
    expect(heard).toContain('1番、山田　太郎、記載する。');
    expect(heard).toContain('3番、山田　健太、記載しない。');
    await expect.poll(async () => (await spoken(s.page)).map((u) => u.text)).toContain('2番、山田　花子、記載する。');
    await key('Enter');
    await onPage(s, '記載する項目を選んでください');
    await key('Enter');
    await onPage(s, '通数を選んでください');
    await key('Enter');
    await s.expectScreen('confirm-fee');
    await s.page.locator('.summary dd', { hasText: '山田　太郎、山田　花子' }).waitFor();
    await s.check('02-confirm');
    await expect.poll(async () => (await spoken(s.page)).map((u) => u.text)).toContain('選んだ人 山田　太郎、山田　花子');
    await key('Enter');
    await s.expectScreen('paying');
    await s.payAndPrint(500);
    const text = await printedText(s);
    for (const shown of ['（世帯の一部）', '山田太郎', '山田花子', '世帯の一部の住民票の原本と相違ない']) expect(text).toContain(squeezed(shown));
    for (const left of ['山田健太', '山田美咲', '山田空']) expect(text).not.toContain(squeezed(left));
  });

  it('prints the 個人事項 of another member of the 戸籍, named on the confirm screen', async () => {
    const s = await startSession('members-koseki');
    const key = (k: string) => s.page.keyboard.press(k);
    await s.signInWithCard('sato-kenji', '1234');
    await s.tap(/戸籍証明書/);
    await s.expectScreen('certificate-options');
    await onPage(s, '記載する範囲を選んでください');
    await key('2');
    await s.page.locator('.option--on', { hasText: '個人事項（1人）' }).waitFor();
    await key('Enter');
    await onPage(s, '個人事項を証明する人を選んでください');
    // The applicant is chosen until another is.
    await expect.poll(() => s.page.locator('.option--on .option__label').allInnerTexts()).toEqual(['佐藤　健二']);
    await key('2');
    await expect.poll(() => s.page.locator('.option--on .option__label').allInnerTexts()).toEqual(['佐藤　美香']);
    await s.check('01-koseki-member');
    await key('Enter');
    await onPage(s, '通数を選んでください');
    await key('Enter');
    await s.expectScreen('confirm-fee');
    await s.page.locator('.summary dd', { hasText: '佐藤　美香' }).waitFor();
    await key('Enter');
    await s.expectScreen('paying');
    await s.payAndPrint(1000);
    const text = await printedText(s);
    for (const shown of ['（個人事項証明）', '【名】美香', '戸籍中の一部の者について記録されている事項を証明した書面である']) expect(text).toContain(squeezed(shown));
    for (const left of ['【名】健二', '【名】陽翔', '【名】結衣']) expect(text).not.toContain(squeezed(left));
  });
});

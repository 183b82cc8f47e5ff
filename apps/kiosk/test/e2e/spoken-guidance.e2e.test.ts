import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from './kiosk-browser';
import { kioskSessionPerTest } from './session-per-test';
import { RECORD_SPEECH, spoken, type Utterance } from './speech-recorder';

const startSession = kioskSessionPerTest();

/** Whitespace and the Japanese a foreign-language voice skips do not count in the comparison. */
function normalise(text: string, language: 'ja' | 'en'): string {
  const t = language === 'ja' ? text : text.replace(/\s*[（(][^)）]*[\u3040-\u30ff\u4e00-\u9fff][^)）]*[)）]/g, '');
  return t.replace(/[\s\u200b。.、,:：]/g, '');
}

/** The texts of the screen a listener must hear: caption, notices, choices, amounts, summary rows, trays. */
function screenFacts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null && !el.closest('.visually-hidden');
    const caption = document.querySelector('.caption')?.cloneNode(true) as HTMLElement | undefined;
    caption?.querySelector('.visually-hidden')?.remove();
    const selectors = '.notice, .choice__name, .choice__fee, .option__label, .summary dd, .amount, .output__name, .output__where, .stepper__value, .lead';
    const texts = [...document.querySelectorAll(`main :is(${selectors})`)].filter(visible).map((el) => (el as HTMLElement).innerText);
    return [caption?.innerText ?? '', ...texts].map((t) => t.trim()).filter((t) => t.length > 0);
  });
}

/** Every fact now on the screen was spoken (in this visit), in the screen's language. */
async function expectScreenSpoken(page: Page, language: 'ja' | 'en', label: string): Promise<void> {
  await page.waitForTimeout(150);
  const facts = await screenFacts(page);
  await expect
    .poll(async () => {
      const heard = (await spoken(page)).map((u) => normalise(u.text, language)).join('|');
      return facts.filter((f) => !heard.includes(normalise(f, language)));
    }, { message: `${language} ${label}: shown but never spoken`, timeout: 3_000 })
    .toEqual([]);
}

/** A full visit with the keyboard alone: a wrong PIN first, 世帯全員 and 続柄, two copies, paid with 1,000 yen. */
async function keysOnlyVisit(language: 'ja' | 'en'): Promise<Utterance[]> {
  const s = await startSession(`spoken-${language}`, {}, undefined, RECORD_SPEECH);
  const page = s.page;
  const key = (k: string) => page.keyboard.press(k);
  const check = (label: string) => expectScreenSpoken(page, language, label);
  if (language === 'en') {
    await s.tap(/Language/);
    // From here on the visit is in English: what was said in Japanese before does not count.
    await page.evaluate(() => ((window as unknown as { __spoken: Utterance[] }).__spoken.length = 0));
    await page.getByRole('dialog').getByRole('button', { name: 'English' }).click();
    await page.getByText('Get a certificate').first().waitFor();
  }
  await check('attract');
  await key('Enter');
  await s.expectScreen('terms');
  await check('terms');
  await key('Enter');
  await s.expectScreen('place-card');
  await check('place-card');
  s.dock({ type: 'PLACE_CARD', profileId: 'yamada-taro' });
  await s.expectScreen('pin-entry');
  await check('pin-entry');
  for (const d of '0000') await key(d);
  await key('Enter');
  await page.locator('.notice--error').waitFor();
  await check('pin-entry after a wrong PIN');
  for (const d of '1234') await key(d);
  await key('Enter');
  await s.expectScreen('lift-card');
  await check('lift-card');
  s.dock({ type: 'LIFT_CARD' });
  await s.expectScreen('choose-certificate');
  await check('choose-certificate');
  await key('1');
  await s.expectScreen('certificate-options');
  await check('options: whose record');
  await key('2');
  await page.locator('.option--on', { hasText: language === 'ja' ? '世帯全員' : 'Whole household' }).waitFor();
  await check('options: whole household chosen');
  const before = (await spoken(page)).length;
  await key('*');
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(before + 2);
  await key('Enter');
  await page.getByRole('checkbox').first().waitFor();
  await key('2');
  await page.locator('.option--on').waitFor();
  await check('options: items');
  await key('Enter');
  await page.locator('.stepper').waitFor();
  await key('+');
  await page.locator('.stepper__value', { hasText: '2' }).waitFor();
  await check('options: copies');
  await key('Enter');
  await s.expectScreen('confirm-fee');
  await check('confirm-fee');
  await key('Enter');
  await s.expectScreen('paying');
  await check('paying');
  s.dock({ type: 'INSERT_MONEY', denomination: 1000 });
  await s.expectScreen('take-outputs', 15_000);
  await check('take-outputs');
  s.dock({ type: 'TAKE', item: 'certificate' });
  s.dock({ type: 'TAKE', item: 'change' });
  await s.expectScreen('thank-you');
  await check('thank-you');
  const all = await spoken(page);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(join(SCREENSHOT_DIR, `spoken-${language}.txt`), all.map((u) => `${u.lang}\t${u.text}`).join('\n'));
  return all;
}

describe('spoken guidance carries a whole keys-only visit', { timeout: 120_000 }, () => {
  it('ja: every screen speaks what it shows, the wrong PIN with the tries left, the fee, the change and its tray', async () => {
    const heard = await keysOnlyVisit('ja');
    const texts = heard.map((u) => u.text);
    expect(texts).toContain('暗証番号がちがいます');
    expect(texts).toContain('あと 2 回まちがえるとロックされます');
    expect(texts.some((t) => t.startsWith('1番、住民票の写し、'))).toBe(true);
    expect(texts).toContain('1番、本人のみ。');
    expect(texts).toContain('2番、世帯全員、選択中。');
    expect(texts.some((t) => /^[0-9]番、おつり、[0-9,]+円、おつりの取り出し口。$/.test(t))).toBe(true);
    // Never a PIN digit: the only numbers spoken on the PIN screen are counts.
    expect(texts.filter((t) => /[0-9]{4}/.test(t) && !/[0-9],?[0-9]{3}円/.test(t))).toEqual([]);
    expect(new Set(heard.map((u) => u.lang))).toEqual(new Set(['ja-JP']));
    expect(Math.max(...heard.map((u) => u.rate))).toBeLessThan(1);
  });

  it('en: the same visit in English, spoken in English', async () => {
    const heard = await keysOnlyVisit('en');
    const texts = heard.map((u) => u.text);
    expect(texts).toContain('The PIN is not correct');
    expect(texts.some((t) => /^[0-9]: Change, [0-9,]+ yen, Change tray\.$/.test(t))).toBe(true);
    // The English voice is not handed the Japanese names in brackets (place names stay as they are).
    expect(texts.filter((t) => /[（(][^)）]*[\u3040-\u30ff\u4e00-\u9fff]/.test(t))).toEqual([]);
    expect(new Set(heard.map((u) => u.lang))).toEqual(new Set(['en']));
  });
});

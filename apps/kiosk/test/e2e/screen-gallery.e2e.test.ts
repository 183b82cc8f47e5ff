import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoUi } from '../../src/demo/demo-ui';
import { ScriptedKioskApi } from '../../src/renderer/testing/scripted-kiosk-api';
import { optionSampleViews, sampleViews } from '../../src/renderer/testing/sample-views';
import { LANGUAGES, type KioskView } from '../../src/shared/screen';
import { axeViolations, openKioskBrowser, platformFonts, screenshot, waitForScreen, type KioskBrowser } from './kiosk-browser';

/**
 * Every screen variant (including ones the demo reaches only through faults) in every language,
 * in the real renderer in Chromium: axe-core must find nothing, and nothing may overflow the
 * panel. Views come from the sample set; the flows themselves are covered by the e2e tests
 * against the demo runtime.
 */
const api = new ScriptedKioskApi(sampleViews.attract);
let ui: { url: string; close: () => Promise<void> };
let big: KioskBrowser;
let small: KioskBrowser;

beforeAll(async () => {
  ui = await startDemoUi({ api, devDock: undefined, stop: () => Promise.resolve() }, { browserOnly: true });
  big = await openKioskBrowser(ui.url);
  small = await openKioskBrowser(ui.url, { width: 1024, height: 600 });
}, 120_000);

afterAll(async () => {
  await big.close();
  await small.close();
  await ui.close();
});

async function show(browser: KioskBrowser, view: KioskView): Promise<void> {
  api.show(view);
  await waitForScreen(browser.page, view.screen.name);
  await browser.page.locator(`.kiosk[lang]`).first().waitFor();
  await browser.page.waitForTimeout(30);
}

/** Elements whose content is cut off or that stick out of the panel. */
function overflowing(browser: KioskBrowser): Promise<string[]> {
  return browser.page.evaluate(() => {
    const out: string[] = [];
    const { innerWidth: w, innerHeight: h } = window;
    const main = document.querySelector('main')?.getBoundingClientRect();
    for (const el of document.querySelectorAll<HTMLElement>('.kiosk__app button, .kiosk__app h1, .kiosk__app p, .kiosk__app dd, .kiosk__app li')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      // Inside the main area nothing may be clipped by it (no scrolling for essential content).
      const bottom = main && el.closest('main') ? main.bottom : h;
      if (r.right > w + 1 || r.bottom > bottom + 1 || r.left < -1 || el.scrollWidth > el.clientWidth + 2) out.push(`${el.tagName}.${el.className}: ${el.innerText.slice(0, 30)} (${el.scrollWidth}/${el.clientWidth}, ${Math.round(r.right)},${Math.round(r.bottom)})`);
    }
    return out;
  });
}

const TEXT_ELEMENTS = ['h1', 'h2', 'p', 'button', 'span', 'dt', 'dd', 'li', 'legend', 'output', 'strong'].map((tag) => `.kiosk ${tag}`).join(', ');

const names = Object.keys(sampleViews) as (keyof typeof sampleViews)[];
/** Every screen once, plus the option screens of the other certificate kinds. */
const gallery: { label: string; view: KioskView }[] = [
  ...names.map((name) => ({ label: name, view: sampleViews[name] })),
  ...optionSampleViews.map((view) => ({ label: `${view.screen.name}-${'kind' in view.screen ? view.screen.kind : ''}`, view })),
];

describe('every screen, every language: accessible and within the 1920×1080 panel', () => {
  for (const language of LANGUAGES) {
    it(`${language}`, async () => {
      for (const { label, view } of gallery) {
        await show(big, { ...view, language });
        await screenshot(big.page, `gallery-${language}-${label}`);
        expect(await axeViolations(big.page), `${language} ${label}`).toEqual([]);
        expect(await overflowing(big), `${language} ${label}`).toEqual([]);
        const osFonts = (await platformFonts(big.page, TEXT_ELEMENTS)).filter((f) => !f.isCustomFont);
        expect(osFonts, `${language} ${label}: glyphs drawn with OS fonts`).toEqual([]);
      }
    }, 120_000);
  }
});

describe('the small copier panel (1024×600)', () => {
  it.each(LANGUAGES)('%s: still shows every screen without overflow', async (language) => {
    for (const { label, view } of gallery) {
      await show(small, { ...view, language });
      await screenshot(small.page, `small-${language}-${label}`);
      expect(await overflowing(small), `${language} ${label}`).toEqual([]);
    }
  }, 120_000);
});

describe('dialogs', () => {
  it('the still-there prompt shows the seconds left and is accessible', async () => {
    await show(big, { ...sampleViews.paying, stillThere: { secondsLeft: 17 } });
    await big.page.getByText('あと 17 秒で中止します').waitFor();
    await screenshot(big.page, 'gallery-still-there');
    expect(await axeViolations(big.page)).toEqual([]);
    await big.page.keyboard.press('Space');
    expect(api.sent.at(-1)).toEqual({ type: 'STILL_HERE' });
  });

  it('the language dialog offers the five languages, each in itself', async () => {
    await show(big, sampleViews.terms);
    await big.page.getByRole('button', { name: /Language/ }).click();
    const dialog = big.page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByRole('button').allInnerTexts()).toEqual(['日本語', 'English', '中文（简体）', '한국어', 'やさしい にほんご', '閉じる']);
    await screenshot(big.page, 'gallery-language-dialog');
    expect(await axeViolations(big.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'English' }).click();
    expect(api.sent.at(-1)).toEqual({ type: 'SET_LANGUAGE', language: 'en' });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KioskView } from '../../src/shared/screen';
import { translatorFor } from '../../src/renderer/i18n/translate';
import { clipFilesFor } from '../../src/renderer/speech/clip-player';
import type { ClipManifest } from '../../src/renderer/speech/clip-plan';
import { buildSpeechClips, MANIFEST, SPEECH_DIR } from '../../src/speech-clips/build-speech-clips';
import { forSpeech, spokenLines } from '../../src/renderer/shell/spoken-guidance';
import { ensureRendererBuilt, KIOSK_APP_DIR } from '../../src/web-bridge/renderer-build';
import { KioskSession } from './kiosk-session';

// Headless Chromium here has no speech voice, as a kiosk PC without speech-dispatcher: the
// guidance must come from the pre-rendered clips. The demo build gets the Japanese clips here.
let manifest: ClipManifest;
beforeAll(async () => {
  const dir = await ensureRendererBuilt('demo');
  const report = await buildSpeechClips(dir, join(KIOSK_APP_DIR, '.tmp', 'speech-clip-cache'), ['ja']);
  expect(report.note).toBeUndefined();
  // kakasi gave every Japanese phrase a kana reading (espeak-ng would say "Chinese letter" for a kanji).
  expect(report.skipped).toEqual([]);
  manifest = JSON.parse(readFileSync(join(dir, SPEECH_DIR, MANIFEST), 'utf8')) as ClipManifest;
}, 600_000);

let session: KioskSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** Records the clips the page plays instead of playing them (each "ends" at once). */
const RECORD_CLIPS = `
  window.__clips = [];
  HTMLMediaElement.prototype.play = function () {
    window.__clips.push(new URL(this.src).pathname.replace(/^\\//, ''));
    setTimeout(() => this.dispatchEvent(new Event('ended')), 0);
    return Promise.resolve();
  };
`;

const played = (page: Page) => page.evaluate(() => (window as unknown as { __clips: string[] }).__clips);
const clear = (page: Page) => page.evaluate(() => ((window as unknown as { __clips: string[] }).__clips.length = 0));

/** The clip files of a view's spoken lines, as the kiosk must play them. */
function expectedFiles(view: KioskView, lines?: (texts: string[]) => string[]): string[] {
  const { t, yen } = translatorFor('ja');
  const texts = spokenLines(view, 0, t, yen).map((l) => forSpeech(l.text, 'ja-JP'));
  return clipFilesFor(lines ? lines(texts) : texts, 'ja', manifest).files;
}

describe('spoken guidance from pre-rendered clips where no speech service runs', { timeout: 120_000 }, () => {
  it('has no voice here, so plays the clips of each screen, amounts composed from number clips', async () => {
    const s = (session = await KioskSession.start('clips', {}, undefined, RECORD_CLIPS));
    expect(await s.page.evaluate(() => speechSynthesis.getVoices().length)).toBe(0);
    let view: KioskView | undefined;
    s.runtime.api.subscribe((v) => (view = v));
    // The attract screen, sentence by sentence.
    // (Said again once the manifest has loaded: the first words may have come before it.)
    await expect.poll(async () => (await played(s.page)).join('|'), { timeout: 10_000 }).toContain(expectedFiles(view!).join('|'));
    await clear(s.page);
    await s.signInWithCard('yamada-taro', '1234');
    const fee = await s.toPayment();
    // The paying screen's sentences, in order, after those of the screens before it.
    const paying = expectedFiles(view!).join('|');
    await expect.poll(async () => (await played(s.page)).join('|'), { timeout: 10_000 }).toContain(paying);
    // The fee's number clips are in there: e.g. 200 → #200, 円.
    const { yen } = translatorFor('ja');
    const feeClips = clipFilesFor([yen(fee)], 'ja', manifest);
    expect(feeClips.unvoiced).toEqual([]);
    expect((await played(s.page)).join('|')).toContain(feeClips.files.join('|'));
    // Money inserted: the live line is said again with the new amounts.
    await clear(s.page);
    s.dock({ type: 'INSERT_MONEY', denomination: 100 });
    const { t } = translatorFor('ja');
    const inserted = clipFilesFor([`${t('paying.inserted')} ${yen(100)}`], 'ja', manifest).files;
    await expect.poll(async () => (await played(s.page)).join('|'), { timeout: 10_000 }).toContain(inserted.join('|'));
  });

  it('the clips are WAV files Chromium decodes, with a voice’s length', async () => {
    const s = (session = await KioskSession.start('clips-audio'));
    const file = manifest.ja?.['#300'];
    expect(file).toBeDefined();
    const seconds = await s.page.evaluate(
      (src) =>
        new Promise<number>((resolve, reject) => {
          const audio = new Audio(src);
          audio.addEventListener('loadedmetadata', () => resolve(audio.duration), { once: true });
          audio.addEventListener('error', () => reject(new Error(`cannot decode ${src}`)), { once: true });
        }),
      file!,
    );
    expect(seconds).toBeGreaterThan(0.3);
    expect(seconds).toBeLessThan(5);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { translatorFor } from '../i18n/translate';
import { sampleViews } from '../testing/sample-views';
import { forSpeech, spokenLines } from './spoken-guidance';

/**
 * Where a voice is installed (espeak-ng, the engine speech-dispatcher drives on the kiosk PC),
 * the spoken guidance of every screen must come out as audio: a WAV with sound in it, in the
 * screen's language. Skipped where espeak-ng is absent.
 */
const hasVoice = spawnSync('espeak-ng', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'kiosk-voice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Peak sample of a 16-bit PCM WAV (espeak-ng writes a 44-byte header). */
function peak(wav: Buffer): number {
  let max = 0;
  for (let i = 44; i + 1 < wav.length; i += 2) max = Math.max(max, Math.abs(wav.readInt16LE(i)));
  return max;
}

describe.skipIf(!hasVoice)('spoken guidance through espeak-ng', () => {
  it.each([
    ['ja', 'ja'],
    ['en', 'en'],
  ] as const)('%s: every screen of the sample set is voiced with audible sound', (language, voice) => {
    const { t, yen } = translatorFor(language);
    for (const view of Object.values(sampleViews)) {
      const text = spokenLines({ ...view, language }, 0, t, yen)
        .map((l) => forSpeech(l.text, language))
        .join(' ');
      const file = join(dir, `${language}-${view.screen.name}.wav`);
      const run = spawnSync('espeak-ng', ['-v', voice, '-s', '150', '-w', file, text], { encoding: 'utf8' });
      expect(run.status, `${language} ${view.screen.name}: ${run.stderr}`).toBe(0);
      const wav = readFileSync(file);
      expect(wav.subarray(0, 4).toString()).toBe('RIFF');
      // At least half a second of 22,050 Hz 16-bit audio, and not silence.
      expect(wav.length, `${language} ${view.screen.name}`).toBeGreaterThan(44 + 22_050);
      expect(peak(wav), `${language} ${view.screen.name}`).toBeGreaterThan(1_000);
    }
  });
});

import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../shared/screen';
import { messages } from '../renderer/i18n/translate';
import { fixedPhrases, numberClipTexts, type ClipKey, type ClipManifest } from '../renderer/speech/clip-plan';

/** espeak-ng voices (Debian's espeak-ng-data); やさしい日本語 is Japanese. */
const VOICES: Record<Language, string> = { ja: 'ja', 'ja-easy': 'ja', en: 'en-us', zh: 'cmn', ko: 'ko' };
/** Slower than espeak's 175 wpm: the same pace as the live guidance (rate 0.85). */
const SPEED = '150';

export const SPEECH_DIR = 'speech';
export const MANIFEST = 'manifest.json';


export interface ClipBuildReport {
  clips: number;
  bytes: number;
  /** Phrases no clip could be made for (kanji without a reading tool, a failed voice). */
  skipped: { language: Language; text: string; why: string }[];
  note?: string;
}

const hasTool = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const KANJI = /[\u4e00-\u9fff\u3400-\u4dbf]/u;

/**
 * Renders the fixed phrases and number clips of every language with espeak-ng into
 * `outDir/speech/<lang>/`, plus a manifest. Japanese goes through kakasi first: espeak-ng's
 * Japanese voice reads kana only (kanji come out as "Chinese letter"). Clips are cached by voice
 * and text under `cacheDir`, so a rebuild renders only what changed. Without espeak-ng nothing is
 * rendered and the kiosk's fallback stays silent (the report says so).
 */
export async function buildSpeechClips(outDir: string, cacheDir: string, languages: readonly Language[] = Object.keys(VOICES) as Language[]): Promise<ClipBuildReport> {
  const report: ClipBuildReport = { clips: 0, bytes: 0, skipped: [] };
  const manifest: ClipManifest = {};
  mkdirSync(join(outDir, SPEECH_DIR), { recursive: true });
  if (!hasTool('espeak-ng', ['--version'])) {
    writeFileSync(join(outDir, SPEECH_DIR, MANIFEST), '{}');
    return { ...report, note: 'espeak-ng not found: no pre-rendered speech (the fallback is silent)' };
  }
  const kakasi = hasTool('sh', ['-c', 'command -v kakasi']);
  mkdirSync(cacheDir, { recursive: true });
  for (const language of languages) {
    const texts: Record<ClipKey, string> = { ...Object.fromEntries(fixedPhrases(messages[language]).map((p) => [p, p])), ...numberClipTexts(language) };
    const keys = Object.keys(texts);
    const spoken = VOICES[language] === 'ja' && kakasi ? await readingsOf(keys.map((k) => texts[k]!)) : keys.map((k) => texts[k]!);
    const files: Record<ClipKey, string> = {};
    mkdirSync(join(outDir, SPEECH_DIR, language), { recursive: true });
    await inParallel(keys, 2, async (key, i) => {
      const text = spoken[i]!;
      if (VOICES[language] === 'ja' && KANJI.test(text)) {
        report.skipped.push({ language, text: key, why: kakasi ? 'kakasi left kanji' : 'kanji and no kakasi for a reading' });
        return;
      }
      const id = createHash('sha256').update(`${VOICES[language]}|${SPEED}|${text}`).digest('hex').slice(0, 20);
      const cached = join(cacheDir, `${id}.wav`);
      if (!existsSync(cached)) {
        const rendered = await espeak(VOICES[language], text).catch((e: unknown) => {
          report.skipped.push({ language, text: key, why: String(e) });
          return undefined;
        });
        if (!rendered) return;
        writeFileSync(cached, halveSampleRate(rendered));
      }
      const file = `${SPEECH_DIR}/${language}/${id}.wav`;
      copyFileSync(cached, join(outDir, file));
      files[key] = file;
      report.clips++;
      report.bytes += readFileSync(cached).length;
    });
    manifest[language] = files;
  }
  writeFileSync(join(outDir, SPEECH_DIR, MANIFEST), JSON.stringify(manifest));
  return report;
}

function espeak(voice: string, text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile('espeak-ng', ['-v', voice, '-s', SPEED, '--stdout', text], { encoding: 'buffer', timeout: 20_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(new Error(`espeak-ng failed: ${error.message}`));
      else resolve(stdout);
    });
  });
}

/** Hiragana readings, one line per phrase (kakasi converts line by line). */
function readingsOf(phrases: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('kakasi', ['-JH', '-iutf8', '-outf8'], { encoding: 'utf8', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(new Error(`kakasi failed: ${error.message}`));
      else resolve(stdout.split('\n').slice(0, phrases.length));
    });
    child.stdin?.end(phrases.join('\n') + '\n');
  });
}

async function inParallel<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
}

/**
 * espeak-ng's 22,050 Hz 16-bit mono WAV as 11,025 Hz (pairs averaged: a crude low-pass), half the
 * size: enough for a voice, and the five languages' clips stay a few megabytes each.
 */
export function halveSampleRate(wav: Buffer): Buffer {
  const dataAt = wav.indexOf('data', 12, 'latin1');
  if (wav.toString('latin1', 0, 4) !== 'RIFF' || dataAt < 0) throw new Error('not a WAV file');
  const rate = wav.readUInt32LE(24);
  // espeak-ng writes the data size as 0x7fffffff on stdout: the data runs to the end of the file.
  const samples = Math.floor((wav.length - dataAt - 8) / 2);
  const out = Buffer.alloc(44 + Math.floor(samples / 2) * 2);
  for (let i = 0; i + 1 < samples; i += 2) out.writeInt16LE(Math.round((wav.readInt16LE(dataAt + 8 + i * 2) + wav.readInt16LE(dataAt + 10 + i * 2)) / 2), 44 + i);
  const dataBytes = out.length - 44;
  out.write('RIFF', 0, 'latin1');
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write('WAVEfmt ', 8, 'latin1');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(rate / 2, 24);
  out.writeUInt32LE(rate, 28); // byte rate: (rate / 2) × 2 bytes
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'latin1');
  out.writeUInt32LE(dataBytes, 40);
  return out;
}

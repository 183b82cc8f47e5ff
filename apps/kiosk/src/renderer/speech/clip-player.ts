import type { Language } from '../../shared/screen';
import { planClips, type ClipKey, type ClipManifest } from './clip-plan';

/** No clip may hold the queue longer than this (a file that never ends or never loads). */
const CLIP_DEADLINE_MS = 8_000;

/** Which voice speaks: the speech service, the pre-rendered clips, or nobody. */
export type SpeechEngine = 'speech-synthesis' | 'clips' | 'none';

/**
 * The speech service when it has a voice for the language (Chromium on Linux has one only with
 * speech-dispatcher running); else the clips when this build has them for the language.
 * Japanese is the exception: espeak-ng's Japanese voice (speech-dispatcher's default module; its
 * voices are named "<voice> espeak-ng" in Chromium) reads kana only and says "Chinese letter" for
 * every kanji, so where that is the only Japanese voice the clips speak — they were rendered from
 * kakasi's kana readings of the same sentences.
 */
export function chooseEngine(voices: readonly { lang: string; name?: string }[] | undefined, manifest: ClipManifest | undefined, language: Language, languageTag: string): SpeechEngine {
  const prefix = languageTag.split('-')[0]!.toLowerCase();
  const usable = voices?.filter((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === prefix) ?? [];
  const clips = manifest?.[language];
  const hasClips = clips !== undefined && Object.keys(clips).length > 0;
  const kanaOnly = prefix === 'ja' && usable.length > 0 && usable.every((v) => ESPEAK.test(v.name ?? ''));
  if (usable.length > 0 && !(kanaOnly && hasClips)) return 'speech-synthesis';
  return hasClips ? 'clips' : 'none';
}

const ESPEAK = /espeak/i;

/** The files to play for sentences, in order; what no clip covers is left out (and counted). */
export function clipFilesFor(texts: string[], language: Language, manifest: ClipManifest): { files: string[]; unvoiced: string[] } {
  const clips = manifest[language] ?? {};
  const known = knownPhrases(clips);
  const files: string[] = [];
  const unvoiced: string[] = [];
  for (const text of texts) {
    const plan = planClips(text, language, known);
    for (const key of plan.clips) {
      const file = clips[key];
      if (file) files.push(file);
      else unvoiced.push(key);
    }
    unvoiced.push(...plan.unvoiced);
  }
  return { files, unvoiced };
}

const knownCache = new WeakMap<Record<ClipKey, string>, Set<string>>();
function knownPhrases(clips: Record<ClipKey, string>): Set<string> {
  let known = knownCache.get(clips);
  if (!known) {
    known = new Set(Object.keys(clips).filter((k) => !k.startsWith('#')));
    knownCache.set(clips, known);
  }
  return known;
}

/**
 * Plays clip files one after another with <audio>; a new sentence list interrupts the old one.
 * Each clip has a deadline, so a broken file cannot silence the rest of the visit.
 */
export class ClipPlayer {
  private generation = 0;
  private current: HTMLAudioElement | undefined;

  constructor(private readonly makeAudio: (src: string) => HTMLAudioElement = (src) => new Audio(src)) {}

  play(files: string[]): void {
    const run = ++this.generation;
    void (async () => {
      for (const file of files) {
        if (run !== this.generation) return;
        await this.playOne(file);
      }
    })();
  }

  cancel(): void {
    this.generation++;
    this.current?.pause();
    this.current = undefined;
  }

  private playOne(file: string): Promise<void> {
    return new Promise((resolve) => {
      const audio = this.makeAudio(file);
      this.current = audio;
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, CLIP_DEADLINE_MS);
      audio.addEventListener('ended', done, { once: true });
      audio.addEventListener('error', done, { once: true });
      audio.play().catch(done);
    });
  }
}

let manifestPromise: Promise<ClipManifest | undefined> | undefined;

/** The build's clip manifest, fetched once; undefined where the build has none. */
export function loadClipManifest(url = 'speech/manifest.json'): Promise<ClipManifest | undefined> {
  manifestPromise ??= fetch(url)
    .then((r) => (r.ok ? (r.json() as Promise<ClipManifest>) : undefined))
    .catch(() => undefined);
  return manifestPromise;
}

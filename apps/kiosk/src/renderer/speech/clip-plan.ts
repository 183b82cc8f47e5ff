import type { Language } from '../../shared/screen';

/**
 * Pre-rendered speech for kiosks without a speech service: the fixed words of the message
 * catalogue are recorded once at build time (build-speech-clips.ts, espeak-ng), and a sentence is
 * played as a sequence of those clips. What is dynamic is composed where it can be — amounts and
 * counts from number clips (1–9, 10–90, 100–900, 1000–9000, 万 / thousand) — and is otherwise
 * left out and reported: names from the center (the municipality), a staff code's letters.
 */

/** Number clips are keyed `#300`; the big unit `#万` (ja, zh, ko) or `#thousand` (en). */
export type ClipKey = string;

/** Where each clip of each language lies, relative to index.html (build-speech-clips.ts writes it). */
export type ClipManifest = Partial<Record<Language, Record<ClipKey, string>>>;

export interface ClipPlan {
  clips: ClipKey[];
  /** Text no clip covers (not spoken by the fallback). */
  unvoiced: string[];
}

/** Pauses, not words: a clip boundary anyway. Spaces separate too, but may sit inside a phrase (English). */
const PUNCTUATION = /[\u200b、。，,.!！?？・:：;；（）()「」『』"“”/／–—…]/u;
const SPACE = /\s/u;
const NUMBER = /^\d[\d,]*/;

/**
 * The fixed phrases of a catalogue: each message split at its placeholders and at punctuation.
 * `{number}番、{text}。` gives 「番」; 「カードを置いてください」 stays whole.
 */
export function fixedPhrases(catalogue: Readonly<Record<string, string>>): string[] {
  const phrases = new Set<string>();
  for (const message of Object.values(catalogue)) {
    for (const piece of message.split(/\{\w+\}/)) {
      for (const part of piece.split(new RegExp(PUNCTUATION.source, 'gu'))) {
        const phrase = part.trim().replace(/\s+/gu, ' ');
        if (phrase.length > 0 && !/^\d+$/.test(phrase)) phrases.add(phrase);
      }
    }
  }
  return [...phrases].sort();
}

/** Every number clip a language needs, as the text the voice reads for it. */
export function numberClipTexts(language: Language): Record<ClipKey, string> {
  const texts: Record<ClipKey, string> = {};
  const add = (n: number) => (texts[`#${n}`] = String(n));
  for (let d = 0; d <= 9; d++) add(d);
  if (language === 'en') for (let n = 11; n <= 19; n++) add(n);
  for (let d = 1; d <= 9; d++) [10, 100, 1000].forEach((unit) => add(d * unit));
  if (language === 'en') texts['#thousand'] = 'thousand';
  else texts['#万'] = language === 'ko' ? '만' : language === 'zh' ? '万' : 'まん';
  return texts;
}

/** The number clips for n (0 ≤ n < 10^8), in reading order. */
export function numberClips(n: number, language: Language): ClipKey[] {
  if (!Number.isSafeInteger(n) || n < 0) return [];
  if (n === 0) return ['#0'];
  const big = language === 'en' ? 1000 : 10_000;
  const bigKey = language === 'en' ? '#thousand' : '#万';
  if (n >= big) return [...numberClips(Math.floor(n / big), language), bigKey, ...(n % big > 0 ? numberClips(n % big, language) : [])];
  const clips: ClipKey[] = [];
  let rest = n;
  for (const unit of [1000, 100]) {
    if (rest >= unit) {
      clips.push(`#${Math.floor(rest / unit) * unit}`);
      rest %= unit;
    }
  }
  if (language === 'en' && rest >= 11 && rest <= 19) return [...clips, `#${rest}`];
  if (rest >= 10) {
    clips.push(`#${Math.floor(rest / 10) * 10}`);
    rest %= 10;
  }
  if (rest > 0) clips.push(`#${rest}`);
  return clips;
}

/**
 * The clips of one sentence: at each place the longest known phrase, else a number, else the
 * character is unvoiced; punctuation and spaces only separate.
 */
export function planClips(text: string, language: Language, known: ReadonlySet<string>): ClipPlan {
  const longest = longestOf(known);
  const clips: ClipKey[] = [];
  const unvoiced: string[] = [];
  let gap = '';
  const endGap = () => {
    if (gap.trim().length > 0) unvoiced.push(gap.trim());
    gap = '';
  };
  let at = 0;
  while (at < text.length) {
    const ch = text.charAt(at);
    if (PUNCTUATION.test(ch) || SPACE.test(ch)) {
      endGap();
      at++;
      continue;
    }
    const digits = NUMBER.exec(text.slice(at))?.[0].replace(/,+$/, '');
    if (digits) {
      endGap();
      clips.push(...numberClips(Number(digits.replace(/,/g, '')), language));
      at += digits.length;
      continue;
    }
    let phrase = '';
    for (let len = Math.min(longest, text.length - at); len > 0 && !phrase; len--) {
      const candidate = text.slice(at, at + len).replace(/\s+/gu, ' ');
      if (known.has(candidate)) phrase = candidate;
    }
    if (phrase) {
      endGap();
      clips.push(phrase);
      at += phrase.length;
    } else {
      gap += ch;
      at++;
    }
  }
  endGap();
  return { clips, unvoiced };
}

const longestCache = new WeakMap<ReadonlySet<string>, number>();
function longestOf(known: ReadonlySet<string>): number {
  let longest = longestCache.get(known);
  if (longest === undefined) {
    longest = 0;
    for (const p of known) longest = Math.max(longest, p.length);
    longestCache.set(known, longest);
  }
  return longest;
}

import type { Language } from '../../shared/screen';
import { en } from './en';
import { ja, type MessageKey, type Messages } from './ja';
import { jaEasy } from './ja-easy';
import { ko } from './ko';
import { zh } from './zh';

export const messages: Record<Language, Messages> = { ja, en, zh, ko, 'ja-easy': jaEasy };

/** Each language named in itself, so a resident finds their own on the language screen. */
export const languageNames: Record<Language, string> = {
  ja: '日本語',
  en: 'English',
  zh: '中文（简体）',
  ko: '한국어',
  'ja-easy': 'やさしい にほんご',
};

/** BCP 47 tags for the `lang` attribute and speech synthesis. */
export const languageTags: Record<Language, string> = { ja: 'ja-JP', en: 'en', zh: 'zh-CN', ko: 'ko-KR', 'ja-easy': 'ja-JP' };

export type Params = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(ja, key);
}

/**
 * The text of a key in a language. Keys the flow builds at run time may be unknown to this
 * build (a new refusal code of the center): the resident then sees the generic error text,
 * never a raw key.
 */
export function translate(language: Language, key: string, params: Params = {}): string {
  const known: MessageKey = isMessageKey(key) ? key : fallbackKey(key);
  const template = messages[language][known];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

function fallbackKey(key: string): MessageKey {
  if (key.startsWith('guidance.')) return 'guidance.error';
  return 'error.unexpected';
}

/** `300円` / `300 yen`: tabular digits with thousands separators. */
export function formatYen(language: Language, amount: number): string {
  return translate(language, 'money.yen', { amount: amount.toLocaleString('ja-JP') });
}

export type Translate = (key: string, params?: Params) => string;

/**
 * `variants`: suffixes tried first, in order (`.iphone`, `.phone`): a resident with a
 * smartphone reads 「スマートフォンを置いてください」 where the card text would say カード.
 */
export function translatorFor(language: Language, variants: readonly string[] = []): { t: Translate; yen: (amount: number) => string } {
  const pick = (key: string) => variants.map((v) => `${key}.${v}`).find(isMessageKey) ?? key;
  return { t: (key, params) => translate(language, pick(key), params), yen: (amount) => formatYen(language, amount) };
}

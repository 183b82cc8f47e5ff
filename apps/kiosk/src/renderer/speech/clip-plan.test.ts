import { describe, expect, it } from 'vitest';
import { messages, translatorFor } from '../i18n/translate';
import { chooseEngine, clipFilesFor } from './clip-player';
import { fixedPhrases, numberClips, numberClipTexts, planClips, type ClipManifest } from './clip-plan';

describe('pre-rendered speech: what the clips can say', () => {
  it('takes the fixed words of each message, split at placeholders and punctuation', () => {
    expect(fixedPhrases({ a: '{number}番、{text}。', b: 'カードを置いてください', c: 'Press "Enter". Then wait' })).toEqual(['Enter', 'Press', 'Then wait', 'カードを置いてください', '番'].sort());
  });

  it('composes amounts from number clips, in each language’s way of counting', () => {
    expect(numberClips(1200, 'ja')).toEqual(['#1000', '#200']);
    expect(numberClips(15_300, 'ja')).toEqual(['#1', '#万', '#5000', '#300']);
    expect(numberClips(10_000, 'zh')).toEqual(['#1', '#万']);
    expect(numberClips(1215, 'en')).toEqual(['#1', '#thousand', '#200', '#15']);
    expect(numberClips(0, 'ko')).toEqual(['#0']);
    // Every clip a composition uses is one the build renders.
    for (const language of ['ja', 'en', 'zh', 'ko'] as const) {
      const rendered = numberClipTexts(language);
      for (const n of [0, 7, 11, 19, 40, 99, 300, 1000, 9999, 12_345, 99_999_999]) for (const key of numberClips(n, language)) expect(rendered, `${language} ${n}`).toHaveProperty([key]);
    }
  });

  it('plans a spoken line of the paying screen as fixed phrases and numbers; names are unvoiced', () => {
    const { t, yen } = translatorFor('ja');
    const known = new Set(fixedPhrases(messages.ja));
    const line = `${t('paying.fee')} ${yen(1200)}`;
    expect(planClips(line, 'ja', known)).toEqual({ clips: [t('paying.fee'), '#1000', '#200', '円'], unvoiced: [] });
    // A municipality's name comes from the center: no clip exists for it.
    expect(planClips(`架空県見本市${t('take.title')}`, 'ja', known).unvoiced).toEqual(['架空県見本市']);
  });

  it('speaks through the service when it has a voice for the language, else from the clips, else not', () => {
    const manifest: ClipManifest = { ja: { 円: 'speech/ja/a.wav' } };
    expect(chooseEngine([{ lang: 'ja-JP' }], manifest, 'ja', 'ja-JP')).toBe('speech-synthesis');
    expect(chooseEngine([{ lang: 'en-US' }], manifest, 'ja', 'ja-JP')).toBe('clips');
    expect(chooseEngine([], manifest, 'ja', 'ja-JP')).toBe('clips');
    expect(chooseEngine(undefined, manifest, 'ja', 'ja-JP')).toBe('clips');
    expect(chooseEngine([], manifest, 'en', 'en')).toBe('none');
    expect(chooseEngine([], undefined, 'ja', 'ja-JP')).toBe('none');
  });

  it('speaks Japanese from the clips where espeak-ng is the only Japanese voice (it reads kanji as "Chinese letter")', () => {
    const manifest: ClipManifest = { ja: { 円: 'speech/ja/a.wav' }, en: { yen: 'speech/en/a.wav' } };
    const espeak = [
      { lang: 'ja', name: 'Japanese espeak-ng' },
      { lang: 'en-US', name: 'English (America) espeak-ng' },
    ];
    expect(chooseEngine(espeak, manifest, 'ja', 'ja-JP')).toBe('clips');
    expect(chooseEngine(espeak, manifest, 'ja-easy', 'ja-JP')).toBe('speech-synthesis');
    expect(chooseEngine(espeak, { ...manifest, 'ja-easy': { えん: 'speech/ja-easy/a.wav' } }, 'ja-easy', 'ja-JP')).toBe('clips');
    // English is read well enough by espeak-ng; a build without Japanese clips keeps the service.
    expect(chooseEngine(espeak, manifest, 'en', 'en-US')).toBe('speech-synthesis');
    expect(chooseEngine(espeak, { en: manifest.en! }, 'ja', 'ja-JP')).toBe('speech-synthesis');
    // A real Japanese voice (Open JTalk, a vendor's) beside espeak-ng is used.
    expect(chooseEngine([...espeak, { lang: 'ja-JP', name: 'Haruka' }], manifest, 'ja', 'ja-JP')).toBe('speech-synthesis');
  });

  it('maps a sentence to the clip files in order, and names what has no file', () => {
    const manifest: ClipManifest = { ja: { お支払い金額: 'f/fee.wav', '#1000': 'f/1000.wav', '#200': 'f/200.wav', 円: 'f/yen.wav' } };
    expect(clipFilesFor(['お支払い金額 1,200円', '300円'], 'ja', manifest)).toEqual({ files: ['f/fee.wav', 'f/1000.wav', 'f/200.wav', 'f/yen.wav', 'f/yen.wav'], unvoiced: ['#300'] });
  });
});

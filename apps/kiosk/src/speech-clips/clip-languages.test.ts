import { describe, expect, it } from 'vitest';
import { speechClipLanguages } from './clip-languages';

describe('the languages a renderer build renders speech clips for', () => {
  it('packs all five into the production build and none into the demo build by default', () => {
    expect(speechClipLanguages('production', undefined)).toEqual(['ja', 'en', 'zh', 'ko', 'ja-easy']);
    expect(speechClipLanguages('demo', undefined)).toEqual([]);
  });

  it('follows KIOSK_SPEECH_CLIPS: a list, all or none, and refuses a language it does not know', () => {
    expect(speechClipLanguages('demo', 'ja,en')).toEqual(['ja', 'en']);
    expect(speechClipLanguages('demo', 'all')).toHaveLength(5);
    expect(speechClipLanguages('production', 'none')).toEqual([]);
    expect(() => speechClipLanguages('production', 'ja,fr')).toThrow(/unknown language fr/);
  });
});

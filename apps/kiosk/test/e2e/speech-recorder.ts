import type { Page } from 'playwright-core';

/**
 * Records every utterance the page hands to speech synthesis. Headless Chromium has no voice:
 * the stub lists two, or the kiosk would fall back to pre-rendered clips (speech-clips.e2e.test.ts).
 */
export const RECORD_SPEECH = `
  window.__spoken = [];
  const record = (u) => window.__spoken.push({ text: u.text, lang: u.lang, rate: u.rate });
  if (typeof SpeechSynthesis !== 'undefined') {
    SpeechSynthesis.prototype.speak = function (u) { record(u); };
    SpeechSynthesis.prototype.cancel = function () {};
    SpeechSynthesis.prototype.getVoices = function () { return [{ lang: 'ja-JP' }, { lang: 'en-US' }]; };
  } else {
    window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.rate = 1; } };
    window.speechSynthesis = { speak: record, cancel() {} };
  }
`;

export interface Utterance {
  text: string;
  lang: string;
  rate: number;
}

export const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: Utterance[] }).__spoken);

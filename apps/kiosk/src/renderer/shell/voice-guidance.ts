import { useEffect, useRef } from 'react';
import { forSpeech, type SpokenLine } from './spoken-guidance';

/** Slower than the default: an elderly listener follows one sentence at a time. */
const RATE = 0.85;

function speak(texts: string[], languageTag: string, interrupt: boolean): void {
  if (typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return;
  if (interrupt) speechSynthesis.cancel();
  // One utterance per sentence: the synthesizer pauses between them.
  for (const text of texts) {
    const utterance = new SpeechSynthesisUtterance(forSpeech(text, languageTag));
    utterance.lang = languageTag;
    utterance.rate = RATE;
    speechSynthesis.speak(utterance);
  }
}

/**
 * Speaks the screen when voice is on: everything on a new screen (interrupting the old one),
 * then only the live lines that change (money inserted, a choice toggled, a wrong PIN), and
 * everything again when `repeat` changes (the resident pressed the repeat key).
 */
export function useSpokenGuidance(lines: SpokenLine[], screenKey: string, languageTag: string, enabled: boolean, repeat: number): void {
  const spoken = useRef<{ key: string; texts: Set<string>; repeat: number }>({ key: '', texts: new Set(), repeat: 0 });
  const texts = lines.map((l) => l.text).join('\n');
  useEffect(() => {
    if (!enabled) {
      spoken.current = { key: '', texts: new Set(), repeat };
      return;
    }
    const last = spoken.current;
    const all = lines.map((l) => l.text);
    if (last.key !== screenKey || last.repeat !== repeat) speak(all, languageTag, true);
    else {
      const changed = lines.filter((l) => l.live && !last.texts.has(l.text)).map((l) => l.text);
      if (changed.length > 0) speak(changed, languageTag, true);
    }
    spoken.current = { key: screenKey, texts: new Set(all), repeat };
    // `texts` stands for `lines` (a new array on every render).
  }, [texts, screenKey, languageTag, enabled, repeat]);
  useEffect(() => () => void (typeof speechSynthesis !== 'undefined' && speechSynthesis.cancel()), []);
}

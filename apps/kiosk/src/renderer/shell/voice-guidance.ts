import { useEffect } from 'react';

/**
 * Speaks the screen's guidance sentence when voice is on and the runtime has speech synthesis
 * (the caption shows the same text either way). A new sentence interrupts the old one.
 */
export function useVoiceGuidance(text: string, languageTag: string, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined') return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = languageTag;
    utterance.rate = 0.9;
    speechSynthesis.cancel();
    speechSynthesis.speak(utterance);
    return () => speechSynthesis.cancel();
  }, [text, languageTag, enabled]);
}

import { useEffect, useRef, useState } from 'react';
import type { Language } from '../../shared/screen';
import { languageTags } from '../i18n/translate';
import { ClipPlayer, chooseEngine, clipFilesFor, loadClipManifest } from '../speech/clip-player';
import type { ClipManifest } from '../speech/clip-plan';
import { forSpeech, type SpokenLine } from './spoken-guidance';

/** Slower than the default: an elderly listener follows one sentence at a time. */
const RATE = 0.85;

const clipPlayer = new ClipPlayer();
let clipManifest: ClipManifest | undefined;

/** True once the build's clips are known to exist: the screen is then said again from them. */
function useClipsLoaded(): boolean {
  const [loaded, setLoaded] = useState(clipManifest !== undefined);
  useEffect(() => {
    let live = true;
    void loadClipManifest().then((m) => {
      clipManifest = m;
      if (live && m && Object.keys(m).length > 0) setLoaded(true);
    });
    return () => void (live = false);
  }, []);
  return loaded;
}

/**
 * Speaks sentences in the language: through the speech service when it has a voice for it, else
 * from the build's pre-rendered clips (speech/clip-plan.ts says what those cannot say), else not.
 * The engine is chosen per call: speech-dispatcher may come up after the kiosk started.
 */
export function speak(texts: string[], language: Language, interrupt: boolean): void {
  const tag = languageTags[language];
  const hasSynthesis = typeof speechSynthesis !== 'undefined' && typeof SpeechSynthesisUtterance !== 'undefined';
  const engine = chooseEngine(hasSynthesis ? speechSynthesis.getVoices() : undefined, clipManifest, language, tag);
  if (engine === 'clips' && clipManifest) {
    if (interrupt) clipPlayer.cancel();
    clipPlayer.play(clipFilesFor(texts.map((t) => forSpeech(t, tag)), language, clipManifest).files);
    return;
  }
  // No voice and no clips: the utterances still go to the service, which may gain a voice later
  // (and the spoken-guidance test records them there).
  if (!hasSynthesis) return;
  speakWithSynthesis(texts, tag, interrupt);
}

function speakWithSynthesis(texts: string[], languageTag: string, interrupt: boolean): void {
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
export function useSpokenGuidance(lines: SpokenLine[], screenKey: string, language: Language, enabled: boolean, repeat: number): void {
  const spoken = useRef<{ key: string; texts: Set<string>; repeat: number; clips: boolean }>({ key: '', texts: new Set(), repeat: 0, clips: false });
  const clipsLoaded = useClipsLoaded();
  const texts = lines.map((l) => l.text).join('\n');
  useEffect(() => {
    if (!enabled) {
      spoken.current = { key: '', texts: new Set(), repeat, clips: clipsLoaded };
      return;
    }
    const last = spoken.current;
    const all = lines.map((l) => l.text);
    if (last.key !== screenKey || last.repeat !== repeat || last.clips !== clipsLoaded) speak(all, language, true);
    else {
      const changed = lines.filter((l) => l.live && !last.texts.has(l.text)).map((l) => l.text);
      if (changed.length > 0) speak(changed, language, true);
    }
    spoken.current = { key: screenKey, texts: new Set(all), repeat, clips: clipsLoaded };
    // `texts` stands for `lines` (a new array on every render).
  }, [texts, screenKey, language, enabled, repeat, clipsLoaded]);
  useEffect(
    () => () => {
      clipPlayer.cancel();
      if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
    },
    [],
  );
}

import { LANGUAGES, type Language } from '../shared/screen';

/**
 * The languages a renderer build pre-renders speech clips for (vite.config.ts): all five in the
 * production build that electron-builder packs, none in the demo build, unless KIOSK_SPEECH_CLIPS
 * lists them ("ja,en"), says "all" or "none".
 */
export function speechClipLanguages(mode: string, listed: string | undefined): Language[] {
  const all = [...LANGUAGES];
  if (listed === undefined) return mode === 'demo' ? [] : all;
  if (listed === 'all') return all;
  if (listed === 'none') return [];
  const languages = listed.split(',').filter(Boolean);
  const unknown = languages.filter((l) => !all.includes(l as Language));
  if (unknown.length > 0) throw new Error(`KIOSK_SPEECH_CLIPS: unknown language ${unknown.join(', ')} (known: ${all.join(', ')}, all, none)`);
  return languages as Language[];
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificateKindSchema } from '@konbini-kofu/center-client';
import { refusals } from '@konbini-kofu/mock-center';
import { LANGUAGES } from '../../shared/screen';
import { sampleViews } from '../testing/sample-views';
import { ja } from './ja';
import { isMessageKey, messages, translate } from './translate';

const SRC = join(import.meta.dirname, '..', '..');
const REPO = join(SRC, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** File names are dotted literals too ('money.sqlite'), but no message key ends like one. */
const FILE_NAME = /\.(sqlite|db|json|ya?ml|pdf|png|ttf|txt|log|c?js|mjs|ts|sock|pem|der)$/;

/** The dotted string literals of a set of sources: the message keys they name ('error.card.removed', …). */
/** XState's own events ('xstate.stop', 'xstate.init'): dotted like a key, never shown. */
const XSTATE_EVENT = /^xstate\./;

function literalKeys(...dirs: string[]): string[] {
  const keys = new Set<string>();
  for (const file of dirs.flatMap(sourceFiles)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/'([a-z][a-zA-Z]*(?:\.[A-Za-z0-9_-]+)+)'/g)) if (!FILE_NAME.test(m[1]!) && !XSTATE_EVENT.test(m[1]!)) keys.add(m[1]!);
  }
  return [...keys];
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n files', () => {
  it.each(LANGUAGES)('%s has every key, none empty, with the same placeholders as 日本語', (language) => {
    const table = messages[language];
    expect(Object.keys(table).sort()).toEqual(Object.keys(ja).sort());
    for (const [key, text] of Object.entries(table)) {
      expect(text.trim(), `${language} ${key}`).not.toBe('');
      expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(ja[key as keyof typeof ja]));
    }
  });

  it('covers every key the flow and the runtime name literally', () => {
    const flowKeys = literalKeys(join(SRC, 'flow'), join(SRC, 'runtime'));
    expect(flowKeys.length).toBeGreaterThan(10);
    expect(flowKeys.filter((k) => !isMessageKey(k))).toEqual([]);
  });

  it('covers the keys the flow builds: guidance per screen, center refusals, returned notes', () => {
    const built = [
      ...Object.keys(sampleViews).map((name) => `guidance.${name}`),
      ...Object.keys(refusals).map((code) => `refusal.center.${code}`),
      ...['cannot-make-change', 'not-accepted', 'over-limit', 'cancelled'].map((reason) => `payment.noteReturned.${reason}`),
    ];
    expect(built.filter((k) => !isMessageKey(k))).toEqual([]);
  });

  it('covers every unavailable-offering code the mock center sends', () => {
    const codes = new Set<string>();
    for (const file of sourceFiles(join(REPO, 'mock-center', 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/unavailableCode:\s*'([A-Z_]+)'/g)) codes.add(m[1]!);
    }
    expect([...codes].filter((code) => !isMessageKey(`refusal.center.${code}`))).toEqual([]);
  });

  it('covers the keys the screens build from kinds and steps', () => {
    const built = [...certificateKindSchema.options.map((k) => `cert.${k}`), ...['card', 'pin', 'certificate', 'confirm', 'payment', 'print'].map((s) => `step.${s}`), ...['card', 'certificate', 'change'].map((i) => `take.${i}`)];
    expect(built.filter((k) => !isMessageKey(k))).toEqual([]);
  });

  it('never shows a raw key: an unknown key falls back to the generic error text', () => {
    expect(translate('en', 'refusal.center.SOMETHING_NEW')).toBe(messages.en['error.unexpected']);
    expect(translate('ja', 'pin.triesLeft', { count: 2 })).toBe('あと 2 回まちがえるとロックされます');
  });
});

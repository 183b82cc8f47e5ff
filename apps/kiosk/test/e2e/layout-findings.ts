import { loadDefaultJapaneseParser } from 'budoux';
import type { Page } from 'playwright-core';

/** A text node drawn on more than one line: where each new line starts (character indexes). */
export interface WrappedText {
  text: string;
  lang: string;
  /** Inside an amount of money, a key or a button: must stay on one line. */
  unbreakable: boolean;
  breaks: number[];
  where: string;
}

/** What is measured (`root`) and what it must stay inside (`frame`; null: the whole window). */
export interface LayoutScope {
  root: string;
  frame: string | null;
}

/** The resident's screen, inside the kiosk screen (the window less the dev dock where one is shown). */
export const RESIDENT_SCREEN: LayoutScope = { root: '.kiosk__app', frame: '.kiosk' };
/** The staff console: it covers the whole window, dev dock included. */
export const STAFF_CONSOLE: LayoutScope = { root: '.staff', frame: null };

/**
 * Every visible element box of the scope that leaves its frame or is cut by its scroll box, and every
 * text node that wraps, with the positions of its line starts (measured per character with
 * Range rects, as the layout engine drew it).
 */
export function collectLayout(page: Page, scope: LayoutScope = RESIDENT_SCREEN): Promise<{ outside: string[]; wrapped: WrappedText[] }> {
  return page.evaluate(({ root, frame: frameSelector }) => {
    const outside: string[] = [];
    const app = document.querySelector(root);
    const frame = (frameSelector ? document.querySelector(frameSelector)?.getBoundingClientRect() : undefined) ?? new DOMRect(0, 0, window.innerWidth, window.innerHeight);
    const main = document.querySelector('main')?.getBoundingClientRect();
    if (!app) return { outside: [`no ${root}`], wrapped: [] };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const el of app.querySelectorAll<HTMLElement>('*')) {
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      // The indeterminate progress bar slides inside its own clipped track by design.
      if (el.closest('.visually-hidden') || el.closest('.progress--indeterminate') || el.classList.contains('option__input')) continue;
      const r = el.getBoundingClientRect();
      // Visually hidden text (1×1 px, for screen readers) is not drawn.
      if (r.width <= 1 || r.height <= 1) continue;
      const bottom = main && el.closest('main') ? main.bottom : frame.bottom;
      const right = main && el.closest('main') ? main.right : frame.right;
      if (r.left < frame.left - 1 || r.top < frame.top - 1 || r.right > right + 1 || r.bottom > bottom + 1) outside.push(`${describe(el)} box ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} outside ${Math.round(right)}×${Math.round(bottom)}`);
      else if (el.scrollWidth > el.clientWidth + 2 && getComputedStyle(el).overflowX !== 'visible') outside.push(`${describe(el)} clipped ${el.scrollWidth}/${el.clientWidth}`);
    }
    const wrapped: WrappedText[] = [];
    const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || !text.trim() || parent.closest('.visually-hidden') || parent.closest('svg')) continue;
      const breaks: number[] = [];
      let lineTop: number | undefined;
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text[i]!)) continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (lineTop !== undefined && rect.top > lineTop + rect.height / 2) breaks.push(i);
        if (lineTop === undefined || rect.top > lineTop + rect.height / 2) lineTop = rect.top;
      }
      if (breaks.length === 0) continue;
      // A count of coins or notes staff read at a glance (「1,000円 × 2」) keeps its line too.
      const unbreakable = parent.closest('.amount, .pin-key, .button, .choice__fee, .stepper__value, .fee-breakdown, .staff__counted') !== null;
      wrapped.push({ text, lang: parent.closest('[lang]')?.getAttribute('lang') ?? '', unbreakable, breaks, where: describe(parent) });
    }
    return { outside, wrapped };
  }, scope);
}

const japanese = loadDefaultJapaneseParser();
const AMOUNT = /[0-9][0-9,]*\s?(円|yen|元|엔)|¥[0-9,]+/g;

/**
 * Line breaks that cut a phrase or an amount: inside an amount of money or a key, inside a
 * Latin word, and for Japanese anywhere but between BudouX phrases (or at a space).
 */
export function badBreaks(wrapped: WrappedText[]): string[] {
  const found: string[] = [];
  for (const w of wrapped) {
    const amounts = [...w.text.matchAll(AMOUNT)].map((m) => [m.index, m.index + m[0].length] as const);
    const phraseStarts = w.lang.startsWith('ja') ? new Set(japanese.parseBoundaries(w.text)) : undefined;
    for (const i of w.breaks) {
      const before = w.text[i - 1] ?? '';
      const at = w.text[i] ?? '';
      // Between words, or at a bracket (「次へ」／を, （じゅうみんひょう）／などを): a break a reader expects.
      const atSpace = /\s/.test(before) || /\s/.test(at) || /[」）)』]/.test(before) || /[「（(『]/.test(at);
      const cut = `${w.where}: 「${w.text.slice(0, i)}／${w.text.slice(i)}」`;
      if (w.unbreakable) found.push(`${cut} (must stay on one line)`);
      else if (amounts.some(([s, e]) => i > s && i < e)) found.push(`${cut} (inside an amount)`);
      else if (/[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(at)) found.push(`${cut} (inside a word)`);
      else if (phraseStarts && !atSpace && !phraseStarts.has(i)) found.push(`${cut} (inside a phrase)`);
      else if (w.lang.startsWith('ko') && !atSpace && !/[(（]/.test(at) && !/[)）]/.test(before)) found.push(`${cut} (inside a Korean word)`);
    }
  }
  return found;
}

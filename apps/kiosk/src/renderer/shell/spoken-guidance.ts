import type { KioskView, ReceiptState } from '../../shared/screen';
import type { Translate } from '../i18n/translate';
import { confirmedOptions } from '../screens/confirmed-options';
import { choiceKindOf, choicesOf, optionsPageAt, pageHintOf, peopleRangeOf } from '../screens/options-pages';
import { outputName } from '../screens/payment-screens';
import { captionOf } from './guidance-caption';

/**
 * One sentence to speak. `live` lines are spoken again when their text changes on the same
 * screen (money inserted, digits entered, a choice toggled); the others only when the screen
 * (or the page of the options screen) changes, or when the resident asks for a repeat.
 */
export interface SpokenLine {
  text: string;
  live?: boolean;
}

/**
 * Everything on the screen that matters to a resident who cannot see it, in reading order:
 * the guidance first, then the facts and choices with the number keys that choose them.
 * Never the PIN digits, the address or the My Number.
 */
export function spokenLines(view: KioskView, optionsPage: number, t: Translate, yen: (amount: number) => string): SpokenLine[] {
  // The guidance sentence is live: it names what is still in the trays, the error's own reason.
  const lines: SpokenLine[] = [{ text: captionOf(view, t), live: true }];
  const add = (text: string, live = false) => lines.push({ text, live });
  const s = view.screen;
  if (view.stillThere) return [{ text: t('stillThere.title') }, { text: t('stillThere.seconds', { seconds: view.stillThere.secondsLeft }) }, { text: t('speech.stillThere') }];
  switch (s.name) {
    case 'attract':
      add(t('attract.subtitle'));
      if (s.open) {
        add(t('speech.numbered', { number: 1, text: t('attract.withCard') }));
        add(t('speech.numbered', { number: 2, text: t('attract.withPhone') }));
      }
      if (!s.open) {
        add(t('attract.closed'), true);
        if (s.closedReasonKey) add(t(s.closedReasonKey), true);
      }
      break;
    case 'terms':
      add(t('terms.body1'));
      add(t('terms.body2'));
      add(t('terms.body3'));
      break;
    case 'place-card':
      if (s.refusalKey) add(t(s.refusalKey), true);
      add(t('placeCard.hint'));
      break;
    case 'reading-card':
    case 'authenticating':
    case 'issuing':
      add(t(`${WAIT_KEYS[s.name]}.hint`));
      break;
    case 'lift-card':
      add(t('liftCard.hint'));
      break;
    case 'thank-you':
      add(t('thankYou.hint'));
      receiptLine(s.receipt, t, add);
      break;
    case 'pin-entry':
      add(t('pin.hint'));
      if (s.wrongPin) add(t('pin.wrong'), true);
      add(s.lastTry ? t('pin.lastTry') : t('pin.triesLeft', { count: s.triesLeft }), true);
      if (s.digitsEntered > 0) add(t('pin.entered', { count: s.digitsEntered }), true);
      break;
    case 'choose-certificate':
      add(t('choose.municipality', { name: s.municipalityName }));
      s.offerings.forEach((o, i) => {
        const name = t(`cert.${o.kind}`);
        add(o.available ? t('speech.numbered', { number: i + 1, text: `${name}${t('list.separator')}${yen(o.fee)}` }) : t('speech.numbered', { number: i + 1, text: `${name}${t('list.separator')}${t('choose.unavailable')}` }));
      });
      add(t('speech.chooseByNumber'));
      break;
    case 'certificate-options': {
      const { page, part } = optionsPageAt(s, optionsPage);
      lines[0] = { text: t(`options.page.${page}`) };
      if (page === 'copies') {
        add(`${t(`cert.${s.kind}`)}${t('list.separator')}${t('options.feeEach', { fee: yen(s.fee) })}`);
        add(`${t('options.copies')} ${t('options.copiesValue', { count: s.copies })}${t('list.separator')}${t('options.total')} ${yen(s.fee * s.copies)}`, true);
        add(t('speech.copiesKeys'));
      } else {
        const hint = pageHintOf(page);
        if (hint) add(t(hint));
        const people = peopleRangeOf(s, page, part);
        if (people) add(t('options.peopleRange', people));
        const kind = choiceKindOf(page);
        choicesOf(s, page, part).forEach((c, i) => {
          const state = kind === 'radio' ? (c.selected ? t('options.selected') : '') : c.selected ? t('options.on') : t('options.off');
          add(t('speech.numbered', { number: i + 1, text: `${t(c.labelKey, c.labelParams)}${state ? t('list.separator') + state : ''}` }), true);
        });
        add(t('speech.chooseByNumber'));
      }
      add(t('guidance.certificate-options'));
      break;
    }
    case 'confirm-fee':
      add(`${t('confirm.kind')} ${t(`cert.${s.kind}`)}`);
      add(`${t('confirm.municipality')} ${s.municipalityName}`);
      if (s.issuerName) add(`${t('confirm.issuer')} ${s.issuerName}`);
      for (const row of confirmedOptions(s, t)) add(`${row.label} ${row.value}`);
      add(`${t('confirm.copies')} ${t('options.copiesValue', { count: s.copies })}`);
      add(`${t('confirm.fee')} ${s.feeEach ? `${t('confirm.breakdown', { each: yen(s.feeEach), count: s.copies })}${t('list.separator')}` : ''}${yen(s.fee)}`);
      add(t('speech.confirmKeys'));
      break;
    case 'paying':
      add(`${t('paying.fee')} ${yen(s.fee)}`);
      add(`${t('paying.inserted')} ${yen(s.inserted)}${t('list.separator')}${t('paying.remaining')} ${yen(s.remaining)}`, true);
      if (s.change > 0) add(`${t('paying.change')} ${yen(s.change)}`, true);
      if (s.noteReturnedKey) add(t(s.noteReturnedKey), true);
      add(t('paying.cancelHint'));
      break;
    case 'printing':
      add(t('printing.stay'));
      if (s.pagesTotal > 0) add(t('printing.pages', { printed: s.pagesPrinted, total: s.pagesTotal }), true);
      break;
    case 'take-outputs':
      s.pending.forEach((item, i) => {
        const amount = item === 'change' && s.change ? `${t('list.separator')}${yen(s.change)}` : '';
        add(t('speech.numbered', { number: i + 1, text: `${outputName(item, s.ending, t)}${amount}${t('list.separator')}${t(`take.where.${item}`)}` }), true);
      });
      if (s.stage === 'staff-called') add(t('take.staffCalled'), true);
      receiptLine(s.receipt, t, add);
      break;
    case 'cancelled':
      if (s.refunded > 0) add(t('cancelled.refunded', { amount: yen(s.refunded) }), true);
      else if (s.claim === 0) add(t('cancelled.nothing'));
      if (s.claim > 0) add(t('error.claim', { amount: yen(s.claim) }), true);
      break;
    case 'error':
      if (s.refunding) add(t('error.refunding'), true);
      else if (s.refunded > 0) add(t('error.refunded', { amount: yen(s.refunded) }), true);
      if (s.claim > 0) add(t('error.claim', { amount: yen(s.claim) }), true);
      add(`${t('error.staffCode')} ${s.staffCode.split('').join(' ')}`);
      break;
    default:
      break;
  }
  if (ASKS_THE_RESIDENT.has(s.name)) add(t('speech.repeat'));
  return withoutRepeats(lines);
}

/** The receipt: how to ask for it (key 0), then what became of it, said as it changes. */
function receiptLine(receipt: ReceiptState | undefined, t: Translate, add: (text: string, live?: boolean) => void): void {
  if (receipt === 'offered') add(t('speech.receiptKey'));
  else if (receipt) add(t(`receipt.${receipt}`), true);
}

/** Screens where the resident decides or acts: the repeat key is worth a sentence there. */
const ASKS_THE_RESIDENT = new Set(['terms', 'pin-entry', 'choose-certificate', 'certificate-options', 'confirm-fee', 'paying', 'take-outputs', 'error']);

const bare = (text: string) => text.replace(/[\s。.、,]/g, '');

/** A hint that only repeats the caption (「カードを動かさないでください」) is said once. */
function withoutRepeats(lines: SpokenLine[]): SpokenLine[] {
  return lines.filter((line, i) => !lines.slice(0, i).some((earlier) => bare(earlier.text).includes(bare(line.text))));
}

const WAIT_KEYS = { 'reading-card': 'readingCard', authenticating: 'authenticating', issuing: 'issuing' } as const;

/** Japanese in brackets after a translated name is for the eye; a voice of another language garbles it. */
export function forSpeech(text: string, language: string): string {
  const plain = text.replace(/[\u200b]/g, '');
  return language.startsWith('ja') ? plain : plain.replace(/\s*[（(][^)）]*[\u3040-\u30ff\u4e00-\u9fff][^)）]*[)）]/g, '');
}

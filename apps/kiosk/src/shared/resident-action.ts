import type { CertificateKind, FuhyoOptions, JuminhyoOptions, KosekiOptions, TaxOptions } from '@konbini-kofu/center-client';
import type { Language, Medium } from './screen';

/** What the resident can do on the screen (or a physical keypad): the UI's only output. */
export type ResidentAction =
  /** Start a visit; `medium`: what the resident brought (the card when absent). */
  | { type: 'START'; medium?: Medium | undefined }
  | { type: 'SET_LANGUAGE'; language: Language }
  | { type: 'ACCEPT_TERMS' }
  | { type: 'PIN_DIGIT'; digit: number }
  | { type: 'PIN_DELETE' }
  | { type: 'PIN_SUBMIT' }
  | { type: 'CHOOSE_CERTIFICATE'; kind: CertificateKind }
  | { type: 'SET_COPIES'; copies: number }
  /** Changes some options of the chosen certificate (e.g. 世帯全員, 個人番号, 年度, 全部事項). */
  | { type: 'SET_OPTIONS'; options: { juminhyo?: Partial<JuminhyoOptions>; tax?: Partial<TaxOptions>; koseki?: Partial<KosekiOptions>; fuhyo?: Partial<FuhyoOptions> } }
  | { type: 'CONFIRM' }
  | { type: 'BACK' }
  | { type: 'CANCEL' }
  | { type: 'STILL_HERE' }
  /** At the end of an issued visit: print the receipt (利用明細 兼 領収書) after the certificate. */
  | { type: 'PRINT_RECEIPT' };

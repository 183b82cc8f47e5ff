import type { CertificateKind, FuhyoOptions, JuminhyoItem, JuminhyoOptions, KosekiOptions, TaxOptions } from '@konbini-kofu/center-client';

/** Denominations in yen the cash unit accepts, smallest first. */
export interface AcceptedMoney {
  coins: readonly (10 | 50 | 100 | 500)[];
  notes: readonly (1000 | 2000 | 5000 | 10000)[];
}

/** The options of the chosen certificate, one group per kind that has options. */
export interface CertificateOptions {
  juminhyo?: JuminhyoOptions;
  tax?: TaxOptions;
  koseki?: KosekiOptions;
  /** 戸籍の附票: 全部 or 一部, and 本籍・筆頭者 only when asked for. */
  fuhyo?: FuhyoOptions;
}

/**
 * The flat screen value the renderer draws: derived from the flow's snapshot, never a nested
 * state path. Holds no personal data beyond what the screen may show (kind, municipality,
 * copies, fee); the PIN appears only as a count of entered digits.
 */
export type Language = 'ja' | 'en' | 'zh' | 'ko' | 'ja-easy';
export const LANGUAGES: readonly Language[] = ['ja', 'en', 'zh', 'ko', 'ja-easy'];

/** The step bar on top: カード → 暗証番号 → 証明書 → 確認 → お支払い → 印刷. */
export type Step = 'card' | 'pin' | 'certificate' | 'confirm' | 'payment' | 'print';

export interface OfferingView {
  kind: CertificateKind;
  fee: number;
  available: boolean;
  /** i18n key of why it is unavailable now (e.g. out of hours). */
  unavailableReasonKey?: string;
  /** Out of hours: when it can be issued (the center's "HH:MM–HH:MM" in JST), shown beside the reason. */
  hours?: string;
}

/** A person of the resident's household or 戸籍, as the options screen lists them. */
export interface ChoosableMember {
  id: string;
  name: string;
}

export type OutputItem = 'card' | 'certificate' | 'change';
/** What holds the resident's certificate: the My Number card or a smartphone (スマホ用電子証明書). */
export type Medium = 'card' | 'phone';
export type AlarmStage = 'prompt' | 'chime' | 'voice' | 'staff-called';

export type Screen =
  | { name: 'attract'; open: boolean; closedReasonKey?: string; problems?: { reasonKey: string; staffCode: string }[] }
  | { name: 'terms' }
  | { name: 'place-card'; refusalKey?: string }
  | { name: 'reading-card' }
  | { name: 'pin-entry'; triesLeft: number; digitsEntered: number; lastTry: boolean; wrongPin: boolean }
  | { name: 'authenticating' }
  | { name: 'choose-certificate'; municipalityName: string; offerings: OfferingView[] }
  | {
      name: 'certificate-options';
      kind: CertificateKind;
      fee: number;
      copies: number;
      maxCopies: number;
      /** The options chosen so far for this kind (absent for kinds without options). */
      options?: CertificateOptions;
      /** 戸籍/附票: the 本籍地 municipality that issues it, when it is not the 住所地. */
      issuerName?: string;
      /** 税証明書: the fiscal years (年度) the resident can choose. */
      taxYears?: number[];
      /** 住民票: the optional items that apply to this resident (国籍など only for foreign residents); all when absent. */
      juminhyoItems?: JuminhyoItem[];
      /**
       * 住民票 世帯の一部 or 戸籍 個人事項: whom the resident may choose, the applicant first. Only the
       * resident's own household or 戸籍, and only after the PIN was verified (the center's answer).
       */
      members?: ChoosableMember[];
    }
  | { name: 'lift-card' }
  | { name: 'issuing' }
  | {
      name: 'confirm-fee';
      kind: CertificateKind;
      municipalityName: string;
      copies: number;
      /** The total to pay. */
      fee: number;
      /** The fee of one copy, for the breakdown (1通 200円 × 2通). */
      feeEach?: number;
      /** Every choice made on the options screen, listed for checking before paying. */
      options?: CertificateOptions;
      /** 戸籍/附票: the 本籍地 municipality that issues it, when it is not the 住所地. */
      issuerName?: string;
      /** 世帯の一部: the chosen members' names; 個人事項: the one person's name (checked before paying). */
      memberNames?: string[];
    }
  | {
      name: 'paying';
      fee: number;
      inserted: number;
      remaining: number;
      change: number;
      noteReturnedKey?: string;
      /** Exactly the coins and notes the configured cash unit takes (absent: the unit does not say). */
      accepted?: AcceptedMoney;
    }
  | { name: 'printing'; pagesPrinted: number; pagesTotal: number }
  | {
      name: 'take-outputs';
      pending: OutputItem[];
      stage: AlarmStage;
      /** The change (or the money paid back) waiting in the coin tray. */
      change?: number;
      /** How the visit ended: only an issued visit has a certificate to take. */
      ending?: 'issued' | 'ended';
      /** The optional receipt, on an issued visit where the kiosk prints receipts. */
      receipt?: ReceiptState;
    }
  | { name: 'thank-you'; receipt?: ReceiptState }
  | { name: 'cancelled'; refunded: number; claim: number }
  | { name: 'error'; messageKey: string; staffCode: string; refunded: number; claim: number; /** Money is being paid back right now. */ refunding: boolean };

/** The receipt (利用明細 兼 領収書): offered until asked for, then printing, printed or failed. */
export type ReceiptState = 'offered' | 'printing' | 'printed' | 'failed';

export type ScreenName = Screen['name'];

export interface KioskView {
  screen: Screen;
  /** The card or a smartphone, for the words and pictures of the card steps (absent: card). */
  medium?: Medium;
  /** On the authenticating screen: the phone asks its holder to authenticate (iPhone). */
  phoneAuthenticates?: boolean;
  language: Language;
  step: Step | null;
  /** i18n key of the one guidance sentence (caption, and spoken when voice is on). */
  guidanceKey: string;
  /** Set while the 「まだ操作中ですか？」 prompt counts down. */
  stillThere?: { secondsLeft: number };
  /** Whether 中止 is offered now (not while money or the document is in flight). */
  canCancel: boolean;
  canGoBack: boolean;
}

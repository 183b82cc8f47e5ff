import type { KioskView, Screen, ScreenName, Step } from '../../shared/screen';

const view = (screen: Screen, step: Step | null, extra: Partial<KioskView> = {}): KioskView => ({
  screen,
  language: 'ja',
  step,
  guidanceKey: `guidance.${screen.name}`,
  canCancel: step !== null && step !== 'print',
  canGoBack: false,
  ...extra,
});

type OptionsScreen = Extract<Screen, { name: 'certificate-options' }>;

/** The options screen of a kind (one copy of up to ten unless said), on the certificate step with 戻る. */
const optionsView = (screen: Omit<OptionsScreen, 'name' | 'copies' | 'maxCopies'> & Partial<Pick<OptionsScreen, 'copies' | 'maxCopies'>>): KioskView =>
  view({ name: 'certificate-options', copies: 1, maxCopies: 10, ...screen }, 'certificate', { canGoBack: true });

/**
 * One view for every screen of the flow (typed by screen name, so a new variant must get a
 * sample): the component tests and the accessibility gallery render each of them.
 */
export const sampleViews: Record<ScreenName, KioskView> = {
  attract: view({ name: 'attract', open: true }, null),
  terms: view({ name: 'terms' }, null, { canCancel: true, canGoBack: true }),
  'place-card': view({ name: 'place-card', refusalKey: 'refusal.card.jukiCard' }, 'card', { canGoBack: true }),
  'reading-card': view({ name: 'reading-card' }, 'card', { canCancel: false }),
  'pin-entry': view({ name: 'pin-entry', triesLeft: 1, digitsEntered: 2, lastTry: true, wrongPin: true }, 'pin'),
  authenticating: view({ name: 'authenticating' }, 'pin', { canCancel: false }),
  'lift-card': view({ name: 'lift-card' }, 'pin'),
  'choose-certificate': view(
    {
      name: 'choose-certificate',
      municipalityName: '甲府市',
      offerings: [
        { kind: 'juminhyo', fee: 200, available: true },
        { kind: 'inkan', fee: 200, available: true },
        { kind: 'tax', fee: 300, available: true },
        { kind: 'koseki', fee: 450, available: false, unavailableReasonKey: 'refusal.center.OUT_OF_HOURS', hours: '08:30–17:15 (平日、祝日除く)' },
        { kind: 'koseki-fuhyo', fee: 300, available: true },
      ],
    },
    'certificate',
  ),
  'certificate-options': optionsView({
    kind: 'juminhyo',
    fee: 200,
    copies: 2,
    options: { juminhyo: { scope: 'household', includeHonseki: false, includeRelationship: true, includeMyNumber: false, includeForeignResidentItems: false } },
    juminhyoItems: ['honseki', 'relationship', 'myNumber'],
  }),
  issuing: view({ name: 'issuing' }, 'certificate', { canCancel: false }),
  'confirm-fee': view(
    {
      name: 'confirm-fee',
      kind: 'juminhyo',
      municipalityName: '甲府市',
      copies: 2,
      fee: 400,
      feeEach: 200,
      options: { juminhyo: { scope: 'household', includeHonseki: false, includeRelationship: true, includeMyNumber: false, includeForeignResidentItems: false } },
    },
    'confirm',
  ),
  paying: view({ name: 'paying', fee: 400, inserted: 100, remaining: 300, change: 0, noteReturnedKey: 'payment.noteReturned.cannot-make-change' }, 'payment'),
  printing: view({ name: 'printing', pagesPrinted: 1, pagesTotal: 2 }, 'print', { canCancel: false }),
  'take-outputs': view({ name: 'take-outputs', pending: ['card', 'certificate', 'change'], stage: 'chime', change: 800, ending: 'issued', receipt: 'offered' }, 'print', { canCancel: false }),
  'thank-you': view({ name: 'thank-you', receipt: 'offered' }, null, { canCancel: false }),
  cancelled: view({ name: 'cancelled', refunded: 600, claim: 0 }, null, { canCancel: false }),
  error: view({ name: 'error', messageKey: 'error.printer.paperOut', staffCode: 'P-PAPER', refunded: 400, claim: 100, refunding: false }, null, { canCancel: false }),
};

/** 世帯の一部 of a household of five (the applicant listed first), two chosen: every page of the 住民票, with the member page. */
export const householdMembersView = optionsView({
  kind: 'juminhyo',
  fee: 200,
  options: { juminhyo: { scope: 'members', memberIds: ['m-taro', 'm-hanako'], includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: false } },
  juminhyoItems: ['honseki', 'relationship'],
  members: [
    { id: 'm-taro', name: '山田　太郎' },
    { id: 'm-hanako', name: '山田　花子' },
    { id: 'm-kenta', name: '山田　健太' },
    { id: 'm-misaki', name: '山田　美咲' },
    { id: 'm-sora', name: '山田　空' },
  ],
});

/** 世帯の一部 of a household of twelve: more people than one page lists (the applicant and the last one chosen). */
export const largeHouseholdView = optionsView({
  kind: 'juminhyo',
  fee: 200,
  options: { juminhyo: { scope: 'members', memberIds: ['m-01', 'm-12'], includeHonseki: false, includeRelationship: false, includeMyNumber: false, includeForeignResidentItems: false } },
  juminhyoItems: ['relationship'],
  members: ['山田　太郎', '山田　花子', '山田　健太', '山田　美咲', '山田　空', '山田　一郎', '山田　次郎', '山田　三郎', '山田　春子', '山田　夏子', '山田　秋子', '山田　冬子'].map((name, i) => ({
    id: `m-${String(i + 1).padStart(2, '0')}`,
    name,
  })),
});

/** 戸籍 個人事項 of another member of the 戸籍 (the applicant listed first). */
export const kosekiMemberView = optionsView({
  kind: 'koseki',
  fee: 450,
  options: { koseki: { scope: 'individual', memberId: 'm-mika' } },
  issuerName: '北杜市',
  members: [
    { id: 'm-kenji', name: '佐藤　健二' },
    { id: 'm-mika', name: '佐藤　美香' },
    { id: 'm-haruto', name: '佐藤　陽翔' },
    { id: 'm-yui', name: '佐藤　結衣' },
  ],
});

/** The confirm screen of a 世帯の一部: the chosen members by name. */
export const householdMembersConfirmView = view(
  {
    name: 'confirm-fee',
    kind: 'juminhyo',
    municipalityName: '甲府市',
    copies: 1,
    fee: 200,
    feeEach: 200,
    options: { juminhyo: { scope: 'members', memberIds: ['m-taro', 'm-hanako'], includeHonseki: false, includeRelationship: true, includeMyNumber: false, includeForeignResidentItems: false } },
    memberNames: ['山田　太郎', '山田　花子'],
  },
  'confirm',
);

/** The option screens of the other kinds (税 with its years, 戸籍 from another 本籍地), and the end states. */
export const optionSampleViews: KioskView[] = [
  view({ name: 'take-outputs', pending: ['card'], stage: 'prompt', ending: 'ended' }, null, { canCancel: false }),
  view({ name: 'error', messageKey: 'error.card.pinLocked', staffCode: 'C-LOCK', refunded: 0, claim: 0, refunding: false }, null, { canCancel: false }),
  optionsView({ kind: 'tax', fee: 300, options: { tax: { certificate: 'income', fiscalYear: 2025 } }, taxYears: [2025, 2024, 2023] }),
  optionsView({ kind: 'koseki', fee: 450, options: { koseki: { scope: 'full' } }, issuerName: '北杜市' }),
  optionsView({ kind: 'inkan', fee: 200 }),
  optionsView({ kind: 'koseki-fuhyo', fee: 300, options: { fuhyo: { scope: 'full', includeHonseki: false } }, issuerName: '北杜市' }),
  householdMembersView,
  largeHouseholdView,
  kosekiMemberView,
  householdMembersConfirmView,
];

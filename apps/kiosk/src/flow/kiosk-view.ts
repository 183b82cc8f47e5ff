import type { SnapshotFrom } from 'xstate';
import type { AcceptedMoney, CertificateOptions, ChoosableMember, KioskView, Screen, Step } from '../shared/screen';
import type { KioskMachine } from './kiosk-machine';

type Snapshot = SnapshotFrom<KioskMachine>;
type StateName = Extract<Snapshot['value'], string>;

/** The screen the resident sees, derived from the flow's snapshot (the renderer's only input). */
export function toKioskView(snapshot: Snapshot, accepted?: AcceptedMoney): KioskView {
  const state = snapshot.value;
  const c = snapshot.context;
  const drawn = screenOf(state, snapshot);
  const screen: Screen = drawn.name === 'paying' && accepted ? { ...drawn, accepted } : drawn;
  return {
    screen,
    ...(c.medium === 'phone' ? { medium: 'phone' as const } : {}),
    ...(c.phoneAuthenticates ? { phoneAuthenticates: true } : {}),
    language: c.language,
    step: stepOf(screen),
    guidanceKey: `guidance.${screen.name}`,
    ...(c.stillThereSecondsLeft !== undefined && snapshot.hasTag('interactive') ? { stillThere: { secondsLeft: c.stillThereSecondsLeft } } : {}),
    canCancel: CANCELLABLE.has(state),
    canGoBack: BACKABLE.has(state),
  };
}

const CANCELLABLE = new Set<StateName>(['terms', 'placeCard', 'placeCardRefused', 'pinEntry', 'liftCard', 'chooseCertificate', 'certificateOptions', 'confirmFee', 'paying']);
const BACKABLE = new Set<StateName>(['terms', 'placeCard', 'certificateOptions']);

function screenOf(state: StateName, snapshot: Snapshot): Screen {
  const c = snapshot.context;
  switch (state) {
    case 'attract':
      if (c.availability.open || !c.availability.closedReasonKey) return { name: 'attract', open: c.availability.open };
      return { name: 'attract', open: false, closedReasonKey: c.availability.closedReasonKey, ...(c.availability.problems?.length ? { problems: c.availability.problems } : {}) };
    case 'terms':
      return { name: 'terms' };
    case 'placeCard':
      return { name: 'place-card' };
    case 'placeCardRefused':
      return c.placeCardRefusalKey ? { name: 'place-card', refusalKey: c.placeCardRefusalKey } : { name: 'place-card' };
    case 'readingCard':
      return { name: 'reading-card' };
    case 'pinEntry':
    case 'verifyingPin':
      return { name: 'pin-entry', triesLeft: c.pinTriesLeft, digitsEntered: c.pinDigits.length, lastTry: c.pinTriesLeft === 1, wrongPin: c.wrongPin };
    case 'authenticating':
      return { name: 'authenticating' };
    case 'liftCard':
      return { name: 'lift-card' };
    case 'chooseCertificate':
      return {
        name: 'choose-certificate',
        municipalityName: c.center?.municipality.name ?? '',
        offerings: (c.center?.offerings ?? []).map((o) => ({
          kind: o.kind,
          fee: o.fee,
          available: o.available,
          ...(o.unavailableCode ? { unavailableReasonKey: `refusal.center.${o.unavailableCode}` } : {}),
          // Hours only where the hour is the reason: beside another refusal they would suggest coming back later.
          ...(o.unavailableCode === 'OUT_OF_HOURS' && o.hours ? { hours: o.hours } : {}),
        })),
      };
    case 'certificateOptions': {
      const offering = c.center?.offerings.find((o) => o.kind === c.choice?.kind);
      const issuer = offering?.issuer && offering.issuer.code !== c.center?.municipality.code ? offering.issuer.name : undefined;
      return {
        name: 'certificate-options',
        kind: c.choice!.kind,
        fee: offering?.fee ?? 0,
        copies: c.choice!.copies,
        maxCopies: 10,
        ...(Object.keys(c.choice!.options).length > 0 ? { options: c.choice!.options } : {}),
        ...(issuer ? { issuerName: issuer } : {}),
        ...(offering?.taxYears ? { taxYears: offering.taxYears } : {}),
        ...(offering?.juminhyoItems ? { juminhyoItems: offering.juminhyoItems } : {}),
        ...(offering?.members?.length ? { members: offering.members } : {}),
      };
    }
    case 'issuing':
      return { name: 'issuing' };
    case 'confirmFee': {
      const d = c.document!;
      const offering = c.center?.offerings.find((o) => o.kind === d.kind);
      const issuer = offering?.issuer && offering.issuer.code !== c.center?.municipality.code ? offering.issuer.name : undefined;
      const options = c.choice?.options ?? {};
      const memberNames = chosenMemberNames(options, offering?.members ?? []);
      return {
        name: 'confirm-fee',
        kind: d.kind,
        municipalityName: d.municipality.name,
        copies: d.copies,
        fee: d.fee,
        ...(offering && offering.fee * d.copies === d.fee ? { feeEach: offering.fee } : {}),
        ...(Object.keys(options).length > 0 ? { options } : {}),
        ...(issuer ? { issuerName: issuer } : {}),
        ...(memberNames.length > 0 ? { memberNames } : {}),
      };
    }
    case 'paying': {
      const p = c.payment;
      return {
        name: 'paying',
        fee: p.fee,
        inserted: p.inserted + p.escrowed,
        remaining: Math.max(0, p.fee - p.inserted - p.escrowed),
        change: p.change,
        ...(p.noteReturnedKey ? { noteReturnedKey: p.noteReturnedKey } : {}),
      };
    }
    case 'reportingPaid':
    case 'printing':
    case 'reportingPrinted':
      return { name: 'printing', pagesPrinted: c.printing.pagesPrinted, pagesTotal: c.printing.pagesTotal };
    case 'takeOutputs':
    case 'printingReceipt':
    case 'takeOutputsAfterEnd':
      return {
        name: 'take-outputs',
        pending: c.outputs.pending,
        stage: c.outputs.stage,
        ...(c.money.returned > 0 ? { change: c.money.returned } : {}),
        ending: state === 'takeOutputsAfterEnd' ? 'ended' : 'issued',
        ...(state !== 'takeOutputsAfterEnd' && c.receipt !== 'unavailable' ? { receipt: c.receipt } : {}),
      };
    case 'thankYou':
      return c.receipt !== 'unavailable' ? { name: 'thank-you', receipt: c.receipt } : { name: 'thank-you' };
    case 'cancelBeforePayment':
    case 'reportingCancelled':
    case 'cancelled':
      return { name: 'cancelled', refunded: c.money.returned, claim: c.money.claim };
    case 'reportingCashFailed':
    case 'refundingAfterPrintFailure':
    case 'reportingPrintFailed':
    case 'failedReleasingCard':
    case 'failed':
      return {
        name: 'error',
        messageKey: c.error?.messageKey ?? 'error.unexpected',
        staffCode: c.error?.staffCode ?? 'X-UNKNOWN',
        refunded: c.money.returned,
        claim: c.money.claim,
        refunding: state === 'refundingAfterPrintFailure',
      };
  }
}

/** The people a 世帯の一部 or a 個人事項 certifies, in the order the options screen listed them. */
function chosenMemberNames(options: CertificateOptions, members: readonly ChoosableMember[]): string[] {
  const ids = options.juminhyo?.scope === 'members' ? (options.juminhyo.memberIds ?? []) : options.koseki?.scope === 'individual' && options.koseki.memberId ? [options.koseki.memberId] : [];
  return members.filter((m) => ids.includes(m.id)).map((m) => m.name);
}

function stepOf(screen: Screen): Step | null {
  switch (screen.name) {
    case 'place-card':
    case 'reading-card':
      return 'card';
    case 'pin-entry':
    case 'authenticating':
    case 'lift-card':
      return 'pin';
    case 'choose-certificate':
    case 'certificate-options':
    case 'issuing':
      return 'certificate';
    case 'confirm-fee':
      return 'confirm';
    case 'paying':
      return 'payment';
    case 'printing':
      return 'print';
    case 'take-outputs':
      // After a cancel or a failure nothing was printed: the step bar must not claim it was.
      return screen.ending === 'ended' ? null : 'print';
    default:
      return null;
  }
}

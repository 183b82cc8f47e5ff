import { randomUUID } from 'node:crypto';
import { assign, fromCallback, sendTo, setup } from 'xstate';
import type { PaymentOutcome, RefundOutcome } from '@konbini-kofu/cash-unit';
import { createFlowActors, type PinCheck } from './flow-actors';
import { asFlowFailure, type FlowFailure } from './flow-failure';
import { emptyMoney, type FlowContext, type FlowError, type FlowEvent } from './flow-types';
import type { KioskDevices } from './kiosk-devices';
import { serviceAvailability, type Availability } from './service-hours';
import { changeOptions, defaultOptions } from './certificate-options';
import { issueInputOf } from './issued-terms';
import type { ReceiptSale } from '../document/receipt';

export interface FlowTimings {
  /** How long the thank-you and the cancelled/error screens stay before the attract screen. */
  farewellMs: number;
  /** Inactivity on an interactive step before 「まだ操作中ですか？」 shows. */
  inactivityMs: number;
  /** How long that prompt counts down before the step is cancelled safely. */
  stillThereMs: number;
}

export const defaultTimings: FlowTimings = { farewellMs: 8_000, inactivityMs: 60_000, stillThereMs: 20_000 };

const PIN_LENGTH = 4;

export const initialContext = (): FlowContext => ({
  language: 'ja',
  card: undefined,
  certificateDer: undefined,
  pinTriesLeft: 0,
  pinDigits: [],
  wrongPin: false,
  placeCardRefusalKey: undefined,
  center: undefined,
  choice: undefined,
  requestId: undefined,
  document: undefined,
  payment: { fee: 0, inserted: 0, escrowed: 0, change: 0, noteReturnedKey: undefined },
  money: emptyMoney(),
  printing: { pagesPrinted: 0, pagesTotal: 0 },
  error: undefined,
  stillThereSecondsLeft: undefined,
  availability: { open: true },
  outputs: { pending: [], stage: 'prompt' },
  medium: 'card',
  phoneAuthenticates: false,
  receipt: 'unavailable',
});

const stuck: FlowError = { messageKey: 'error.unexpected', staffCode: 'X-STUCK' };

const failWith = (failure: FlowFailure): FlowError => ({ messageKey: failure.messageKey, staffCode: failure.staffCode, ...(failure.staffReason ? { staffReason: failure.staffReason } : {}) });

/**
 * The issuance flow (walking-skeleton scope: the main path with cancel and failures;
 * inactivity prompts, 本籍地 choice, options per kind and the journal are issue #7).
 */
export function createKioskMachine(devices: KioskDevices, timingOverrides: Partial<FlowTimings> = {}, availability: () => Availability = () => serviceAvailability(new Date())) {
  const timings: FlowTimings = { ...defaultTimings, ...timingOverrides };
  return setup({
    types: { context: {} as FlowContext, events: {} as FlowEvent },
    actors: {
      ...createFlowActors(devices),
      // Service hours, out-of-service and unclaimed outputs can change while the attract screen shows.
      availabilityClock: fromCallback<FlowEvent>(({ sendBack }) => {
        const timer = setInterval(() => sendBack({ type: 'AVAILABILITY', availability: availability() }), 10_000);
        return () => clearInterval(timer);
      }),
    },
    delays: { farewell: () => timings.farewellMs },
  }).createMachine({
    id: 'kiosk',
    context: initialContext,
    initial: 'attract',
    invoke: { id: 'inactivity', src: 'inactivity', input: { inactivityMs: timings.inactivityMs, stillThereMs: timings.stillThereMs } },
    on: {
      SET_LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
      ACTIVITY: { actions: [sendTo('inactivity', { type: 'ACTIVITY' }), assign({ stillThereSecondsLeft: undefined })] },
      STILL_HERE: { actions: [sendTo('inactivity', { type: 'ACTIVITY' }), assign({ stillThereSecondsLeft: undefined })] },
      INACTIVE_WARN: { actions: assign({ stillThereSecondsLeft: ({ event }) => event.secondsLeft }) },
      // Never sent with money at stake (runtime/flow-watchdog.ts). By default the visit ends as
      // failed, releasing the card a stuck card or center step still holds; steps with a timeout
      // or an error exit of their own leave by it instead (WATCHDOG beside INACTIVE_TIMEOUT below).
      WATCHDOG: { target: '.failedReleasingCard', actions: assign({ error: stuck }) },
    },
    states: {
      attract: {
        // Everything personal goes, language included.
        entry: assign(() => ({ ...initialContext(), availability: availability(), receipt: devices.composeReceipt ? ('offered' as const) : ('unavailable' as const) })),
        invoke: { src: 'availabilityClock' },
        on: {
          START: [
            { guard: ({ context }) => context.availability.open, target: 'terms', actions: assign({ medium: ({ event }) => event.medium ?? 'card' }) },
            { actions: assign({ availability: () => availability() }) },
          ],
          AVAILABILITY: { actions: assign({ availability: ({ event }) => event.availability }) },
        },
      },
      terms: {
        tags: 'interactive',
        on: { ACCEPT_TERMS: 'placeCard', CANCEL: 'attract', BACK: 'attract', INACTIVE_TIMEOUT: 'attract', WATCHDOG: 'attract' },
      },
      placeCard: {
        tags: 'interactive',
        invoke: { src: 'watchCardPresence' },
        on: { CARD_PRESENT: 'readingCard', CANCEL: 'attract', BACK: 'terms', INACTIVE_TIMEOUT: 'attract', WATCHDOG: 'attract' },
      },
      readingCard: {
        invoke: {
          src: 'openCard',
          onDone: [
            {
              // An iPhone: the resident authenticates on the phone, the PIN step is skipped.
              guard: ({ event }) => event.output.verifiedOnDevice === true,
              target: 'authenticating',
              actions: assign(({ event }) => ({ card: event.output.session, certificateDer: event.output.certificateDer, placeCardRefusalKey: undefined, phoneAuthenticates: true })),
            },
            {
              guard: ({ event }) => event.output.triesLeft === 0,
              target: 'failed',
              actions: [
                ({ event }) => void event.output.session.release(),
                assign({ error: { messageKey: 'error.card.pinLocked', staffCode: 'C-LOCK' } }),
              ],
            },
            {
              target: 'pinEntry',
              actions: assign(({ event }) => ({
                card: event.output.session,
                certificateDer: event.output.certificateDer,
                pinTriesLeft: event.output.triesLeft,
                placeCardRefusalKey: undefined,
              })),
            },
          ],
          onError: {
            target: 'placeCardRefused',
            actions: assign({ placeCardRefusalKey: ({ event }) => asFlowFailure(event.error).messageKey }),
          },
        },
      },
      placeCardRefused: {
        tags: 'interactive',
        // Show why, then wait for the card to be lifted before watching for the next one.
        invoke: { src: 'watchCardPresence' },
        on: { CARD_ABSENT: 'placeCard', CANCEL: 'attract', INACTIVE_TIMEOUT: 'attract', WATCHDOG: 'attract' },
      },
      pinEntry: {
        tags: 'interactive',
        // Lifting the card while typing the PIN ends the visit at once, before any VERIFY.
        invoke: { src: 'watchCardPresence' },
        on: {
          CARD_ABSENT: { target: 'failedReleasingCard', actions: assign({ pinDigits: () => [], error: { messageKey: 'error.card.removed', staffCode: 'C-RMV' } }) },
          PIN_DIGIT: {
            guard: ({ context, event }) => context.pinDigits.length < PIN_LENGTH && Number.isInteger(event.digit) && event.digit >= 0 && event.digit <= 9,
            actions: assign({ pinDigits: ({ context, event }) => [...context.pinDigits, event.digit], wrongPin: false }),
          },
          PIN_DELETE: { actions: assign({ pinDigits: ({ context }) => context.pinDigits.slice(0, -1) }) },
          PIN_SUBMIT: { guard: ({ context }) => context.pinDigits.length === PIN_LENGTH, target: 'verifyingPin' },
          // Leaving without VERIFY: the digits typed so far go too.
          CANCEL: { target: 'cancelBeforePayment', actions: assign({ pinDigits: () => [] }) },
          INACTIVE_TIMEOUT: { target: 'cancelBeforePayment', actions: assign({ pinDigits: () => [] }) },
          WATCHDOG: { target: 'cancelBeforePayment', actions: assign({ pinDigits: () => [] }) },
        },
      },
      verifyingPin: {
        invoke: {
          src: 'verifyPin',
          input: ({ context }) => ({ session: context.card!, digits: context.pinDigits }),
          onDone: [
            { guard: ({ event }) => (event.output).kind === 'verified', target: 'authenticating' },
            {
              target: 'pinEntry',
              actions: assign({ wrongPin: true, pinTriesLeft: ({ event }) => (event.output as Extract<PinCheck, { kind: 'wrong' }>).triesLeft }),
            },
          ],
          onError: { target: 'failedReleasingCard', actions: [assign({ error: ({ event }) => failWith(asFlowFailure(event.error)) }), journalRefusal(devices)] },
        },
        // The digits leave memory as soon as VERIFY has been sent, whatever the answer.
        exit: assign({ pinDigits: () => [] }),
      },
      authenticating: {
        invoke: {
          src: 'authenticate',
          input: ({ context }) => ({ session: context.card!, certificateDer: context.certificateDer! }),
          onDone: {
            target: 'liftCard',
            actions: assign({ center: ({ event }) => event.output, card: undefined, certificateDer: undefined }),
          },
          onError: { target: 'failedReleasingCard', actions: [assign({ error: ({ event }) => failWith(asFlowFailure(event.error)) }), journalRefusal(devices)] },
        },
      },
      liftCard: {
        tags: 'interactive',
        invoke: { src: 'watchCardPresence' },
        on: { CARD_ABSENT: 'chooseCertificate', CANCEL: 'cancelBeforePayment', INACTIVE_TIMEOUT: 'cancelBeforePayment', WATCHDOG: 'cancelBeforePayment' },
      },
      chooseCertificate: {
        tags: 'interactive',
        on: {
          CHOOSE_CERTIFICATE: {
            guard: ({ context, event }) => context.center?.offerings.some((o) => o.kind === event.kind && o.available) ?? false,
            target: 'certificateOptions',
            actions: assign({
              choice: ({ context, event }) => ({ kind: event.kind, copies: 1, options: defaultOptions(event.kind, context.center?.offerings.find((o) => o.kind === event.kind)) }),
            }),
          },
          CANCEL: 'cancelBeforePayment',
          INACTIVE_TIMEOUT: 'cancelBeforePayment',
          WATCHDOG: 'cancelBeforePayment',
        },
      },
      certificateOptions: {
        tags: 'interactive',
        on: {
          SET_COPIES: {
            guard: ({ event }) => Number.isInteger(event.copies) && event.copies >= 1 && event.copies <= 10,
            actions: assign({ choice: ({ context, event }) => context.choice && { ...context.choice, copies: event.copies } }),
          },
          SET_OPTIONS: {
            guard: ({ context, event }) => changeOptions(context.choice!.kind, context.choice!.options, event.options, offeringOf(context)) !== undefined,
            actions: assign({
              choice: ({ context, event }) => ({ ...context.choice!, options: changeOptions(context.choice!.kind, context.choice!.options, event.options, offeringOf(context))! }),
            }),
          },
          CONFIRM: { target: 'issuing', actions: assign({ requestId: () => randomUUID() }) },
          BACK: 'chooseCertificate',
          CANCEL: 'cancelBeforePayment',
          INACTIVE_TIMEOUT: 'cancelBeforePayment',
          WATCHDOG: 'cancelBeforePayment',
        },
      },
      issuing: {
        invoke: {
          src: 'issue',
          input: ({ context }) => issueInputOf(context),
          onDone: {
            target: 'confirmFee',
            actions: [
              assign(({ event }) => {
                const document = event.output;
                return { document, payment: { fee: document.fee, inserted: 0, escrowed: 0, change: 0, noteReturnedKey: undefined } };
              }),
              ({ context }) =>
                devices.journal.begin({ requestId: context.requestId!, sessionId: context.center!.sessionId, kind: context.document!.kind, copies: context.document!.copies, fee: context.document!.fee }),
            ],
          },
          onError: { target: 'failed', actions: [assign({ error: ({ event }) => failWith(asFlowFailure(event.error)) }), journalRefusal(devices)] },
        },
      },
      confirmFee: {
        tags: 'interactive',
        on: { CONFIRM: 'paying', CANCEL: 'cancelBeforePayment', INACTIVE_TIMEOUT: 'cancelBeforePayment', WATCHDOG: 'cancelBeforePayment' },
      },
      paying: {
        tags: 'interactive',
        entry: ({ context }) => devices.journal.step(context.requestId!, 'paying'),
        invoke: { id: 'payment', src: 'collectPayment', input: ({ context }) => ({ fee: context.payment.fee, requestId: context.requestId }) },
        on: {
          PAYMENT_EVENT: {
            actions: [
              ({ context, event }) => {
                if (event.event.kind === 'credited') devices.journal.money(context.requestId!, 'credit', event.event.denomination);
              },
              assign(({ context, event }) => {
              const e = event.event;
              // A note held in escrow counts for the resident at once; it is credited when stacked.
              if (e.kind === 'note-escrowed') return { payment: { ...context.payment, escrowed: e.denomination, noteReturnedKey: undefined } };
              if (e.kind === 'credited') return { payment: { ...context.payment, inserted: e.inserted, escrowed: e.denomination >= 1000 ? 0 : context.payment.escrowed, noteReturnedKey: undefined } };
              if (e.kind === 'note-returned') return { payment: { ...context.payment, escrowed: 0, noteReturnedKey: `payment.noteReturned.${e.reason}` } };
              // A note or coin the device itself refused (counterfeit, disabled denomination): nothing
              // was credited; the resident is told to take it back.
              if (e.kind === 'rejected') return { payment: { ...context.payment, noteReturnedKey: e.device === 'bill-validator' ? 'payment.noteReturned.not-accepted' : 'payment.coinRejected' } };
              if (e.kind === 'paying-change') return { payment: { ...context.payment, change: e.amount } };
              return {};
            }),
            ],
          },
          CANCEL: { actions: sendTo('payment', { type: 'CANCEL' }) },
          INACTIVE_TIMEOUT: { actions: sendTo('payment', { type: 'CANCEL' }) },
          ABANDON_STUCK_PAYMENT: { actions: sendTo('payment', { type: 'ABANDON_STUCK_PAYMENT' }) },
          END_STUCK_VISIT: { target: 'failed', actions: [journalStuckVisitEnd(devices, 'paying'), assign(({ context, event }) => stuckVisitEnded(context, event, 'paying'))] },
          PAYMENT_SETTLED: [
            {
              guard: ({ event }) => event.outcome.kind === 'paid',
              target: 'reportingPaid',
              actions: [
                journalPayment(devices, 'paid'),
                assign(({ context, event }) => ({
                  money: ledgerAfterPayment(event.outcome),
                  printing: { pagesPrinted: 0, pagesTotal: (context.document?.pages ?? 1) * (context.document?.copies ?? 1) },
                })),
              ],
            },
            {
              guard: ({ event }) => event.outcome.kind === 'cancelled',
              target: 'reportingCancelled',
              actions: [journalPayment(devices, 'cancelled'), assign(({ event }) => ({ money: ledgerAfterPayment(event.outcome) }))],
            },
            {
              target: 'reportingCashFailed',
              actions: [
                journalPayment(devices, 'cancelled'),
                assign(({ event }) => ({ money: ledgerAfterPayment(event.outcome), error: { messageKey: 'error.cash.failed', staffCode: 'M-FAIL' } })),
              ],
            },
          ],
        },
        exit: assign({ payment: ({ context }) => ({ ...context.payment, noteReturnedKey: undefined }) }),
      },
      reportingPaid: {
        // The center's lifecycle is issued → paid → printed; a failed report does not stop printing
        // (settlement reports again).
        invoke: { src: 'reportOutcome', input: ({ context }) => ({ requestId: context.requestId, outcome: 'paid' as const }), onDone: 'printing', onError: 'printing' },
        on: { END_STUCK_VISIT: { target: 'failed', actions: [journalStuckVisitEnd(devices, 'paid'), assign(({ context, event }) => stuckVisitEnded(context, event, 'paid'))] } },
      },
      printing: {
        entry: [
          ({ context }) => devices.journal.step(context.requestId!, 'printing'),
          assign({ printing: ({ context }) => ({ pagesPrinted: 0, pagesTotal: (context.document?.pages ?? 1) * (context.document?.copies ?? 1) }) }),
        ],
        invoke: { src: 'printDocument', input: ({ context }) => ({ document: context.document!, ...(context.requestId ? { requestId: context.requestId } : {}) }) },
        on: {
          END_STUCK_VISIT: { target: 'failed', actions: [journalStuckVisitEnd(devices, 'paid'), assign(({ context, event }) => stuckVisitEnded(context, event, 'paid'))] },
          PRINT_PROGRESS: { actions: assign({ printing: ({ context, event }) => ({ ...context.printing, pagesPrinted: event.pagesPrinted }) }) },
          PRINT_DONE: {
            target: 'reportingPrinted',
            actions: [
              ({ context }) => {
                devices.journal.money(context.requestId!, 'kept', context.money.kept);
                devices.journal.step(context.requestId!, 'printed');
              },
              assign({ printing: ({ event }) => ({ pagesPrinted: event.pages, pagesTotal: event.pages }) }),
            ],
          },
          PRINT_FAILED: {
            target: 'refundingAfterPrintFailure',
            actions: [({ context }) => devices.journal.step(context.requestId!, 'refunding'), assign({ error: ({ event }) => failWith(event.failure) })],
          },
        },
      },
      reportingPrinted: {
        invoke: {
          src: 'reportOutcome',
          input: ({ context }) => ({ requestId: context.requestId, outcome: 'printed' as const }),
          onDone: { target: 'takeOutputs', actions: ({ context }) => devices.journal.step(context.requestId!, 'completed') },
          onError: { target: 'takeOutputs', actions: ({ context }) => devices.journal.step(context.requestId!, 'completed') },
        },
        // The document is printed: a center that does not answer is told at the next start's settlement.
        on: { WATCHDOG: { target: 'takeOutputs', actions: ({ context }) => devices.journal.step(context.requestId!, 'completed') } },
      },
      refundingAfterPrintFailure: {
        on: { END_STUCK_VISIT: { target: 'failed', actions: [journalStuckVisitEnd(devices, 'paid'), assign(({ context, event }) => stuckVisitEnded(context, event, 'paid'))] } },
        invoke: {
          src: 'refund',
          input: ({ context }) => ({ amount: context.money.kept, requestId: context.requestId }),
          onDone: {
            target: 'reportingPrintFailed',
            actions: [
              ({ context, event }) => {
                devices.journal.money(context.requestId!, 'refund', event.output.returned);
                devices.journal.money(context.requestId!, 'claim', event.output.claim);
                devices.journal.step(context.requestId!, 'print-failed');
              },
              assign({ money: ({ context, event }) => ledgerAfterRefund(context.money, event.output) }),
            ],
          },
          onError: {
            target: 'reportingPrintFailed',
            actions: [
              ({ context }) => {
                devices.journal.money(context.requestId!, 'claim', context.money.kept);
                devices.journal.step(context.requestId!, 'print-failed');
              },
              assign({ money: ({ context }) => ({ ...context.money, kept: 0, claim: context.money.claim + context.money.kept }) }),
            ],
          },
        },
      },
      reportingPrintFailed: {
        invoke: { src: 'reportOutcome', input: ({ context }) => ({ requestId: context.requestId, outcome: 'print-failed' as const }), onDone: 'failed', onError: 'failed' },
        on: { WATCHDOG: 'failed' },
      },
      takeOutputs: {
        invoke: { src: 'watchOutputs' },
        on: {
          OUTPUTS_PENDING: { actions: assign({ outputs: ({ event }) => ({ pending: event.pending, stage: event.stage }) }) },
          OUTPUTS_TAKEN: 'thankYou',
          PRINT_RECEIPT: { guard: ({ context }) => context.receipt === 'offered', target: 'printingReceipt' },
        },
      },
      printingReceipt: {
        // Back to the outputs afterwards: the receipt lies in the tray and the alarm is armed for it.
        entry: assign({ receipt: 'printing' }),
        invoke: {
          src: 'printReceipt',
          input: ({ context }) => saleOf(context),
          onDone: { target: 'takeOutputs', actions: assign({ receipt: 'printed' }) },
          onError: { target: 'takeOutputs', actions: assign({ receipt: 'failed' }) },
        },
        on: { OUTPUTS_PENDING: { actions: assign({ outputs: ({ event }) => ({ pending: event.pending, stage: event.stage }) }) }, WATCHDOG: { target: 'takeOutputs', actions: assign({ receipt: 'failed' }) } },
      },
      takeOutputsAfterEnd: {
        // A cancelled or failed visit can leave the card on the pad or change in the tray too.
        invoke: { src: 'watchOutputs' },
        on: {
          OUTPUTS_PENDING: { actions: assign({ outputs: ({ event }) => ({ pending: event.pending, stage: event.stage }) }) },
          OUTPUTS_TAKEN: 'attract',
        },
      },
      thankYou: {
        after: { farewell: 'attract' },
        on: { START: 'attract', WATCHDOG: 'attract', PRINT_RECEIPT: { guard: ({ context }) => context.receipt === 'offered', target: 'printingReceipt' } },
      },
      cancelBeforePayment: {
        // Stuck releasing the card: give up on it (pcsc-card-reader disconnects it at the next open).
        on: { WATCHDOG: { target: 'failed', actions: assign({ error: stuck }) } },
        entry: ({ context }) => {
          if (context.document) devices.journal.step(context.requestId!, 'cancelled');
        },
        invoke: {
          src: 'releaseCard',
          input: ({ context }) => ({ session: context.card }),
          onDone: 'reportingCancelled',
          onError: 'reportingCancelled',
        },
      },
      reportingCancelled: {
        invoke: { src: 'reportOutcome', input: ({ context }) => ({ requestId: context.document ? context.requestId : undefined, outcome: 'cancelled' as const }), onDone: 'cancelled', onError: 'cancelled' },
        on: { WATCHDOG: 'cancelled' },
      },
      cancelled: {
        after: { farewell: 'takeOutputsAfterEnd' },
        on: { CONFIRM: 'takeOutputsAfterEnd', WATCHDOG: 'takeOutputsAfterEnd' },
      },
      reportingCashFailed: {
        invoke: { src: 'reportOutcome', input: ({ context }) => ({ requestId: context.requestId, outcome: 'cancelled' as const }), onDone: 'failed', onError: 'failed' },
        on: { WATCHDOG: 'failed' },
      },
      failedReleasingCard: {
        on: { WATCHDOG: { target: 'failed', actions: assign({ error: stuck }) } },
        invoke: { src: 'releaseCard', input: ({ context }) => ({ session: context.card }), onDone: 'failed', onError: 'failed' },
      },
      failed: {
        after: { farewell: 'takeOutputsAfterEnd' },
        on: { CONFIRM: 'takeOutputsAfterEnd', WATCHDOG: 'takeOutputsAfterEnd' },
      },
    },
  });
}

/**
 * A refusal shown with a neutral code (DISCREET_REFUSALS) keeps its reason for staff: journaled
 * as it reaches the screen, with the code shown and the certificate chosen, nothing of the resident.
 */
function journalRefusal(devices: KioskDevices) {
  return ({ context }: { context: FlowContext }) => {
    const error = context.error;
    if (error?.staffReason) devices.journal.refusal?.({ staffCode: error.staffCode, reason: error.staffReason, ...(context.choice ? { kind: context.choice.kind } : {}) });
  };
}

/**
 * Staff paid back by hand what a stuck visit held: journaled as a claim (settled at the counter,
 * see runtime/stuck-visit.ts) and the transaction closed, so settlement after a restart does not
 * refund it again. The center hears the outcome from that settlement (outcome not reported).
 */
function journalStuckVisitEnd(devices: KioskDevices, stage: 'paying' | 'paid') {
  return ({ context, event }: { context: FlowContext; event: FlowEvent }) => {
    if (event.type !== 'END_STUCK_VISIT' || !context.requestId) return;
    const id = context.requestId;
    // A note still in escrow was never credited: it is in the machine, so it is taken now.
    if (stage === 'paying') devices.journal.money(id, 'credit', context.payment.escrowed);
    devices.journal.money(id, 'claim', event.amount);
    devices.journal.step(id, stage === 'paying' ? 'cancelled' : 'print-failed');
  };
}

function stuckVisitEnded(context: FlowContext, event: FlowEvent, stage: 'paying' | 'paid'): Partial<FlowContext> {
  if (event.type !== 'END_STUCK_VISIT') return {};
  const money = stage === 'paying' ? { taken: context.payment.inserted + context.payment.escrowed, kept: 0, returned: 0, claim: event.amount } : { ...context.money, kept: 0, claim: context.money.claim + event.amount };
  return { money, error: stuck };
}

/** Writes a settled payment's change, refunds and claims, then the step, before acting on it. */
function journalPayment(devices: KioskDevices, step: 'paid' | 'cancelled') {
  return ({ context, event }: { context: FlowContext; event: FlowEvent }) => {
    if (event.type !== 'PAYMENT_SETTLED') return;
    const id = context.requestId!;
    const o = event.outcome;
    devices.journal.money(id, o.kind === 'paid' ? 'change' : 'refund', o.kind === 'paid' ? o.change : o.returned);
    devices.journal.money(id, 'claim', o.claim);
    devices.journal.step(id, step);
  };
}

/** The receipt's facts: the sale only, nothing about the resident. */
function saleOf(context: FlowContext): ReceiptSale {
  const d = context.document!;
  return { kind: d.kind, copies: d.copies, fee: d.fee, paid: context.money.taken, change: context.money.returned, changeOwed: context.money.claim, at: new Date(), transactionNo: context.requestId! };
}

const offeringOf = (context: FlowContext) => context.center?.offerings.find((o) => o.kind === context.choice?.kind);

function ledgerAfterPayment(outcome: PaymentOutcome) {
  switch (outcome.kind) {
    case 'paid':
      return { taken: outcome.inserted, kept: outcome.fee, returned: outcome.change, claim: outcome.claim };
    case 'cancelled':
    case 'failed':
      return { taken: outcome.inserted, kept: 0, returned: outcome.returned, claim: outcome.claim };
  }
}

function ledgerAfterRefund(money: FlowContext['money'], refund: RefundOutcome) {
  return { taken: money.taken, kept: 0, returned: money.returned + refund.returned, claim: money.claim + refund.claim };
}

export type KioskMachine = ReturnType<typeof createKioskMachine>;

import { fromCallback, fromPromise } from 'xstate';
import type { JpkiSession } from '@konbini-kofu/card-reader';
import type { IssuedDocument, IssueRequest } from '@konbini-kofu/center-client';
import type { RefundOutcome } from '@konbini-kofu/cash-unit';
import { asFlowFailure, cardFailure, centerFailure, FlowFailure, printFailure } from './flow-failure';
import type { DeviceEvent, FlowEvent } from './flow-types';
import type { KioskDevices } from './kiosk-devices';
import type { ReceiptSale } from '../document/receipt';
import { issueWithCheckedTerms, type ShownIssuance } from './issued-terms';

/** How long the receipt may take to print before the kiosk gives up on it. */
const RECEIPT_DEADLINE_MS = 60_000;

/** An opened card; `verifiedOnDevice`: an iPhone whose holder authenticates on the phone. */
export interface OpenedCard {
  session: JpkiSession;
  certificateDer: Uint8Array;
  triesLeft: number;
  verifiedOnDevice?: boolean;
}

export type PinCheck = { kind: 'verified' } | { kind: 'wrong'; triesLeft: number };

/** The flow's I/O, as named actors bound to the device interfaces. */
export function createFlowActors(devices: KioskDevices) {
  const { cardReader, cashUnit, printer, center } = devices;
  return {
    watchCardPresence: fromCallback<FlowEvent>(({ sendBack }) => {
      const report = () => sendBack(cardReader.status().kind === 'card-present' ? { type: 'CARD_PRESENT' } : { type: 'CARD_ABSENT' });
      report();
      return cardReader.onStatusChange(report);
    }),

    openCard: fromPromise<OpenedCard>(async () => {
      const opened = await cardReader.open();
      if (!opened.ok) throw cardFailure(opened.error);
      const session = opened.value;
      const cert = await session.readAuthCertificate();
      // An iPhone authenticates its holder itself (Face ID): no PIN goes through the kiosk.
      if (cert.ok && session.holder === 'iphone') return { session, certificateDer: cert.value, triesLeft: 0, verifiedOnDevice: true };
      const asked = cert.ok ? await session.pinTriesLeft() : cert;
      // A locked PIN answers 6984 to the tries query: the same as 0 tries left for the flow.
      const tries = !asked.ok && asked.error.kind === 'pin-locked' ? { ok: true as const, value: 0 } : asked;
      if (!cert.ok || !tries.ok) {
        await session.release();
        throw cardFailure(!cert.ok ? cert.error : (tries as { ok: false; error: Parameters<typeof cardFailure>[0] }).error);
      }
      return { session, certificateDer: cert.value, triesLeft: tries.value };
    }),

    verifyPin: fromPromise<PinCheck, { session: JpkiSession; digits: number[] }>(async ({ input }) => {
      const pin = new Uint8Array(input.digits.map((d) => 0x30 + d));
      const result = await input.session.verifyPin(pin);
      pin.fill(0);
      if (result.ok) return { kind: 'verified' };
      if (result.error.kind === 'wrong-pin') return { kind: 'wrong', triesLeft: result.error.triesLeft };
      throw cardFailure(result.error);
    }),

    authenticate: fromPromise(async ({ input }: { input: { session: JpkiSession; certificateDer: Uint8Array } }) => {
      const challenge = await center.requestChallenge();
      if (!challenge.ok) throw centerFailure(challenge.error);
      const signature = await input.session.sign(Buffer.from(challenge.value.challenge, 'base64'));
      if (!signature.ok) throw cardFailure(signature.error);
      const auth = await center.authenticate({
        challengeId: challenge.value.challengeId,
        certificate: Buffer.from(input.certificateDer).toString('base64'),
        signature: Buffer.from(signature.value).toString('base64'),
      });
      if (!auth.ok) throw centerFailure(auth.error);
      // The card is no longer needed: release it so the resident can lift it.
      await input.session.release();
      return auth.value;
    }),

    releaseCard: fromPromise(async ({ input }: { input: { session: JpkiSession | undefined } }) => {
      await input.session?.release();
    }),

    // The answer's signed terms are compared with what was shown before any money is asked for.
    issue: fromPromise(({ input }: { input: { request: IssueRequest; shown: ShownIssuance } }) => issueWithCheckedTerms(center, input.request, input.shown)),

    // The cash session carries the request id: after a crash the cash unit and the transaction
    // journal settle the same money once (settleUnfinished → cashUnit.settle).
    collectPayment: fromCallback<FlowEvent, { fee: number; requestId?: string | undefined }>(({ sendBack, receive, input }) => {
      const session = cashUnit.collect(input.fee, (event) => sendBack({ type: 'PAYMENT_EVENT', event } satisfies DeviceEvent), input.requestId ? { key: input.requestId } : undefined);
      let settled = false;
      session.outcome.then(
        (outcome) => {
          settled = true;
          sendBack({ type: 'PAYMENT_SETTLED', outcome });
        },
        (e: unknown) => {
          settled = true;
          sendBack({ type: 'PAYMENT_SETTLED', outcome: { kind: 'failed', detail: String(e), inserted: 0, returned: 0, claim: 0 } });
        },
      );
      receive((event) => {
        if (event.type === 'CANCEL') void session.cancel('resident');
        // Staff paid the resident by hand what the stuck payment held: leaving the step must not
        // refund it a second time should the cash unit wake up.
        if (event.type === 'ABANDON_STUCK_PAYMENT') settled = true;
      });
      return () => {
        if (!settled) void session.cancel('later-failure');
      };
    }),

    printDocument: fromCallback<FlowEvent, { document: IssuedDocument; requestId?: string }>(({ sendBack, input }) => {
      const run = async () => {
        const composed = await devices.composeDocument(input.document);
        const result = await printer.print({ name: input.document.documentNumber, pdf: composed.pdf, copies: input.document.copies, sides: composed.sides ?? 'one-sided' }, (progress) => {
          // Journaled as soon as the printer has the job: a crash from here on asks the printer, not prints again.
          if (progress.jobId !== undefined && input.requestId) devices.journal.printJob?.(input.requestId, progress.jobId);
          sendBack({ type: 'PRINT_PROGRESS', pagesPrinted: progress.pagesPrinted ?? 0 });
        });
        if (!result.ok) throw printFailure(result.error);
        sendBack({ type: 'PRINT_DONE', pages: composed.pages * input.document.copies });
      };
      run().catch((e: unknown) => sendBack({ type: 'PRINT_FAILED', failure: asFlowFailure(e) }));
    }),

    // The receipt after the certificate, on the same printer; it may not hold up the end of the
    // visit: a printer that does not answer within RECEIPT_DEADLINE_MS counts as failed.
    printReceipt: fromPromise<void, ReceiptSale>(async ({ input }) => {
      const compose = devices.composeReceipt;
      if (!compose) throw new Error('no receipt on this kiosk');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('receipt: the printer did not finish in time')), RECEIPT_DEADLINE_MS);
      });
      try {
        const print = async () => {
          const pdf = await compose(input);
          const result = await printer.print({ name: `receipt-${input.transactionNo}`, pdf, copies: 1, sides: 'one-sided' });
          if (!result.ok) throw printFailure(result.error);
        };
        await Promise.race([print(), deadline]);
      } finally {
        clearTimeout(timer);
      }
    }),

    refund: fromPromise<RefundOutcome, { amount: number; requestId?: string | undefined }>(({ input }) =>
      input.amount > 0 ? cashUnit.refund(input.amount, input.requestId ? { key: input.requestId } : undefined) : Promise.resolve({ returned: 0, claim: 0 }),
    ),

    reportOutcome: fromPromise(async ({ input }: { input: { requestId: string | undefined; outcome: 'paid' | 'printed' | 'cancelled' | 'print-failed' } }) => {
      if (!input.requestId) return;
      // A report that fails stays unreported in the journal; settlement at the next start retries it.
      const result = await center.reportOutcome({ requestId: input.requestId, outcome: input.outcome });
      // 'paid' is an intermediate report; the journal tracks the final outcome only.
      if (result.ok && input.outcome !== 'paid') devices.journal.outcomeReported(input.requestId);
    }),

    // On the actor system's clock (XState's scheduler), not on setTimeout/Date.now: a test given
    // a SimulatedClock moves through the prompt and its countdown without waiting.
    inactivity: fromCallback<FlowEvent | { type: 'INACTIVITY_TICK' }, { inactivityMs: number; stillThereMs: number }>(({ sendBack, receive, input, self, system }) => {
      const TIMER = 'inactivity';
      /** Milliseconds of the 「まだ操作中ですか？」 countdown left; undefined before it starts. */
      let left: number | undefined;
      const after = (ms: number) => {
        system.scheduler.cancel(self, TIMER);
        system.scheduler.schedule(self, self, { type: 'INACTIVITY_TICK' }, ms, TIMER);
      };
      const arm = () => {
        left = undefined;
        after(input.inactivityMs);
      };
      const tick = () => {
        left ??= input.stillThereMs;
        if (left <= 0) {
          sendBack({ type: 'INACTIVE_TIMEOUT' });
          arm();
          return;
        }
        sendBack({ type: 'INACTIVE_WARN', secondsLeft: Math.ceil(left / 1000) });
        const step = Math.min(1000, left);
        left -= step;
        after(step);
      };
      arm();
      receive((event) => {
        if (event.type === 'ACTIVITY') arm();
        else if (event.type === 'INACTIVITY_TICK') tick();
      });
      return () => system.scheduler.cancel(self, TIMER);
    }),

    watchOutputs: fromCallback<FlowEvent>(({ sendBack }) => {
      const report = (state: ReturnType<typeof devices.alarm.state>) => {
        if (state.kind === 'clear') sendBack({ type: 'OUTPUTS_TAKEN' });
        else sendBack({ type: 'OUTPUTS_PENDING', pending: state.pending, stage: state.stage });
      };
      const unsubscribe = devices.alarm.onChange(report);
      report(devices.alarm.arm());
      return unsubscribe;
    }),
  };
}

export { FlowFailure };

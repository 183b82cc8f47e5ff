import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, SimulatedClock } from 'xstate';
import type { AuthenticateResponse, IssuedDocument } from '@konbini-kofu/center-client';
import type { JpkiSession } from '@konbini-kofu/card-reader';
import type { FlowEvent } from './flow-types';
import type { KioskDevices } from './kiosk-devices';
import { createKioskMachine } from './kiosk-machine';
import { fakeVisitActors, settled, signIn, toPinEntry } from './testing/fake-visit';

/**
 * A visit without money at stake that stopped beyond all its timeouts (here: the inactivity timer
 * never fires) is ended by the runtime's watchdog (WATCHDOG): it leaves the way the step's own
 * timeout would, the card released and handed back through the usual outputs alarm, and the flow
 * returns to the attract screen. Fake actors, XState's SimulatedClock: no real time.
 */
const FAREWELL_MS = 8_000;
const center: AuthenticateResponse = { sessionId: 'session-1', municipality: { code: '999991', name: '見本市' }, offerings: [{ kind: 'juminhyo', fee: 300, available: true }] };
const document = { kind: 'juminhyo', copies: 1, fee: 300, pages: 1 } as IssuedDocument;

function stuckVisit() {
  const log: string[] = [];
  let cardOnPad = true;
  const journal = { begin: () => void log.push('journal begin'), step: (_id: string, step: string) => void log.push(`journal ${step}`), money: () => undefined, outcomeReported: () => undefined };
  const machine = createKioskMachine({ journal } as unknown as KioskDevices, { farewellMs: FAREWELL_MS }, () => ({ open: true })).provide({
    actors: {
      // The timer that would end an idle screen never fires (fakeVisitActors): only the watchdog can.
      ...fakeVisitActors(center, document),
      watchCardPresence: fromCallback<FlowEvent>(({ sendBack }) => sendBack({ type: cardOnPad ? 'CARD_PRESENT' : 'CARD_ABSENT' })),
      authenticate: fromPromise(() => {
        cardOnPad = false;
        return Promise.resolve(center);
      }),
      releaseCard: fromPromise<void, { session: JpkiSession | undefined }>(({ input }) => Promise.resolve(void log.push(input.session ? 'card released' : 'no card to release'))),
      reportOutcome: fromPromise<void, { requestId: string | undefined; outcome: 'paid' | 'printed' | 'cancelled' | 'print-failed' }>(({ input }) => Promise.resolve(void log.push(`center told ${input.outcome}${input.requestId ? '' : ' (nothing issued)'}`))),
      // The card lies on the pad after the visit until the resident takes it (the alarm's prompt).
      watchOutputs: fromCallback<FlowEvent>(({ sendBack, receive }) => {
        sendBack(cardOnPad ? { type: 'OUTPUTS_PENDING', pending: ['card'], stage: 'prompt' } : { type: 'OUTPUTS_TAKEN' });
        receive(() => undefined);
      }),
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, { clock }).start();
  return { actor, clock, log, state: () => String(actor.getSnapshot().value), liftCard: () => (cardOnPad = false) };
}

describe('the watchdog ends a visit stuck without money (fake actors, simulated clock)', () => {
  it('PIN entry with the card on the pad: the digits go, the card is released and handed back, the attract screen returns', async () => {
    const v = stuckVisit();
    await toPinEntry(v.actor);
    v.actor.send({ type: 'PIN_DIGIT', digit: 1 });
    expect(v.state()).toBe('pinEntry');
    v.actor.send({ type: 'WATCHDOG' });
    expect(v.actor.getSnapshot().context.pinDigits).toEqual([]);
    await settled();
    expect(v.state()).toBe('cancelled');
    v.clock.increment(FAREWELL_MS);
    // The card is still on the pad: the forgotten-output alarm asks for it, as after any visit.
    expect(v.state()).toBe('takeOutputsAfterEnd');
    expect(v.actor.getSnapshot().context.outputs).toMatchObject({ pending: ['card'] });
    v.actor.send({ type: 'OUTPUTS_TAKEN' });
    expect(v.state()).toBe('attract');
    expect(v.log).toEqual(['card released', 'center told cancelled (nothing issued)']);
  });

  it('the fee screen with a document issued: the transaction is cancelled in the journal and at the center', async () => {
    const v = stuckVisit();
    await signIn(v.actor);
    // The resident lifted the card as sign-in ended (the presence watch saw it at once).
    expect(v.state()).toBe('chooseCertificate');
    v.actor.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
    v.actor.send({ type: 'CONFIRM' });
    await settled();
    expect(v.state()).toBe('confirmFee');
    v.actor.send({ type: 'WATCHDOG' });
    await settled();
    expect(v.state()).toBe('cancelled');
    v.clock.increment(FAREWELL_MS);
    expect(v.state()).toBe('attract');
    expect(v.log).toEqual(['journal begin', 'journal cancelled', 'no card to release', 'center told cancelled']);
  });

  it('a farewell screen whose timer never fires leaves too', () => {
    const v = stuckVisit();
    v.actor.send({ type: 'START' });
    expect(v.state()).toBe('terms');
    v.actor.send({ type: 'WATCHDOG' });
    expect(v.state()).toBe('attract');
  });
});

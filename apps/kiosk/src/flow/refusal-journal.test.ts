import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise } from 'xstate';
import type { JpkiSession } from '@konbini-kofu/card-reader';
import type { AuthenticateResponse, IssuedDocument, IssueRequest } from '@konbini-kofu/center-client';
import type { PinCheck } from './flow-actors';
import { centerFailure } from './flow-failure';
import type { FlowEvent } from './flow-types';
import type { ShownIssuance } from './issued-terms';
import type { JournalPort, KioskDevices } from './kiosk-devices';
import { createKioskMachine } from './kiosk-machine';

/**
 * A refusal the screen shows only as R-COUNTER keeps its reason for staff in the journal — and
 * only that: the code shown, the reason, the certificate chosen. The flow alone, with fake actors.
 */
const refused = (code: string) => centerFailure({ kind: 'refused', code, message: { ja: '', en: '' } });
const CENTER: AuthenticateResponse = { sessionId: 's-1', municipality: { code: '992011', name: '見本市' }, offerings: [{ kind: 'juminhyo', fee: 200, available: true }] };

function flowRefusedAt(step: 'authenticate' | 'issue', code: string) {
  const written: Parameters<NonNullable<JournalPort['refusal']>>[0][] = [];
  const devices = { journal: { refusal: (entry) => void written.push(entry) } satisfies Partial<JournalPort> } as unknown as KioskDevices;
  const session = { release: () => Promise.resolve() } as unknown as JpkiSession;
  const machine = createKioskMachine(devices, { farewellMs: 60_000 }, () => ({ open: true })).provide({
    actors: {
      inactivity: fromCallback(() => undefined),
      availabilityClock: fromCallback(() => undefined),
      watchCardPresence: fromCallback<FlowEvent>(({ sendBack }) => sendBack({ type: 'CARD_PRESENT' })),
      openCard: fromPromise<{ session: JpkiSession; certificateDer: Uint8Array; triesLeft: number }>(() => Promise.resolve({ session, certificateDer: new Uint8Array([0x30]), triesLeft: 3 })),
      verifyPin: fromPromise<PinCheck, { session: JpkiSession; digits: number[] }>(() => Promise.resolve({ kind: 'verified' })),
      authenticate: fromPromise<AuthenticateResponse, { session: JpkiSession; certificateDer: Uint8Array }>(() => (step === 'authenticate' ? Promise.reject(refused(code)) : Promise.resolve(CENTER))),
      issue: fromPromise<IssuedDocument, { request: IssueRequest; shown: ShownIssuance }>(() => Promise.reject(refused(code))),
      releaseCard: fromPromise<void, { session: JpkiSession | undefined }>(() => Promise.resolve()),
      reportOutcome: fromPromise(() => Promise.resolve()),
      watchOutputs: fromCallback(() => undefined),
    },
  });
  const actor = createActor(machine).start();
  return { actor, written, context: () => actor.getSnapshot().context };
}

const settled = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

async function visit(flow: ReturnType<typeof flowRefusedAt>, upTo: 'authenticate' | 'issue'): Promise<void> {
  flow.actor.send({ type: 'START' });
  flow.actor.send({ type: 'ACCEPT_TERMS' });
  await settled();
  for (const digit of [1, 2, 3, 4]) flow.actor.send({ type: 'PIN_DIGIT', digit });
  flow.actor.send({ type: 'PIN_SUBMIT' });
  await settled();
  if (upTo === 'authenticate') return;
  flow.actor.send({ type: 'CARD_ABSENT' });
  flow.actor.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
  flow.actor.send({ type: 'CONFIRM' });
  await settled();
}

describe('discreet refusals in the journal', () => {
  it.each(['DV_PROTECTED', 'UNDER_15', 'MOVED_OUT'])('%s at sign-in: the screen has R-COUNTER, the journal the reason and nothing else', async (code) => {
    const flow = flowRefusedAt('authenticate', code);
    await visit(flow, 'authenticate');
    expect(flow.context().error).toMatchObject({ staffCode: 'R-COUNTER', staffReason: `R-${code}` });
    expect(flow.written).toEqual([{ staffCode: 'R-COUNTER', reason: `R-${code}` }]);
  });

  it('at issue: with the certificate chosen', async () => {
    const flow = flowRefusedAt('issue', 'DV_PROTECTED');
    await visit(flow, 'issue');
    expect(String(flow.actor.getSnapshot().value)).toBe('failed');
    expect(flow.written).toEqual([{ staffCode: 'R-COUNTER', reason: 'R-DV_PROTECTED', kind: 'juminhyo' }]);
  });

  it('a refusal the screen names openly is not journaled as one', async () => {
    const flow = flowRefusedAt('authenticate', 'OUT_OF_HOURS');
    await visit(flow, 'authenticate');
    expect(flow.context().error).toMatchObject({ staffCode: 'R-OUT_OF_HOURS' });
    expect(flow.written).toEqual([]);
  });
});

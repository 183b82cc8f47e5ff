import { describe, expect, it } from 'vitest';
import { createActor, fromPromise } from 'xstate';
import type { JpkiSession } from '@konbini-kofu/card-reader';
import type { AuthenticateResponse, IssuedDocument, IssueRequest } from '@konbini-kofu/center-client';
import { centerFailure } from './flow-failure';
import type { ShownIssuance } from './issued-terms';
import type { JournalPort, KioskDevices } from './kiosk-devices';
import { createKioskMachine } from './kiosk-machine';
import { fakeVisitActors, settled, signIn } from './testing/fake-visit';

/**
 * A refusal the screen shows only as R-COUNTER keeps its reason for staff in the journal — and
 * only that: the code shown, the reason, the certificate chosen. The flow alone, with fake actors.
 */
const refused = (code: string) => centerFailure({ kind: 'refused', code, message: { ja: '', en: '' } });
const CENTER: AuthenticateResponse = { sessionId: 's-1', municipality: { code: '992011', name: '見本市' }, offerings: [{ kind: 'juminhyo', fee: 200, available: true }] };

function flowRefusedAt(step: 'authenticate' | 'issue', code: string) {
  const written: Parameters<NonNullable<JournalPort['refusal']>>[0][] = [];
  const devices = { journal: { refusal: (entry) => void written.push(entry) } satisfies Partial<JournalPort> } as unknown as KioskDevices;
  const machine = createKioskMachine(devices, { farewellMs: 60_000 }, () => ({ open: true })).provide({
    actors: {
      ...fakeVisitActors(CENTER, {} as IssuedDocument),
      authenticate: fromPromise<AuthenticateResponse, { session: JpkiSession; certificateDer: Uint8Array }>(() => (step === 'authenticate' ? Promise.reject(refused(code)) : Promise.resolve(CENTER))),
      issue: fromPromise<IssuedDocument, { request: IssueRequest; shown: ShownIssuance }>(() => Promise.reject(refused(code))),
    },
  });
  const actor = createActor(machine).start();
  return { actor, written, context: () => actor.getSnapshot().context };
}

async function visit(flow: ReturnType<typeof flowRefusedAt>, upTo: 'authenticate' | 'issue'): Promise<void> {
  await signIn(flow.actor, 20);
  if (upTo === 'authenticate') return;
  flow.actor.send({ type: 'CARD_ABSENT' });
  flow.actor.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
  flow.actor.send({ type: 'CONFIRM' });
  await settled(20);
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

import { fromCallback, fromPromise } from 'xstate';
import type { JpkiSession } from '@konbini-kofu/card-reader';
import type { AuthenticateResponse, IssuedDocument, IssueRequest } from '@konbini-kofu/center-client';
import type { OpenedCard, PinCheck } from '../flow-actors';
import type { FlowEvent } from '../flow-types';
import type { ShownIssuance } from '../issued-terms';
import type { createKioskMachine } from '../kiosk-machine';

/** The actors `machine.provide` takes for the kiosk's flow. */
export type FlowActors = NonNullable<Parameters<ReturnType<typeof createKioskMachine>['provide']>[0]['actors']>;

/**
 * A visit's actors as fakes for `machine.provide`, for tests of the flow alone: no timer ends a
 * step by itself (inactivity, the service-hours clock), the card lies on the pad and opens with 3
 * tries, any PIN is right, the center signs in with `center` and issues `document`, releasing the
 * card and reporting the outcome succeed, and the outputs are never said to be taken. A test
 * overrides the actors its case is about.
 */
export function fakeVisitActors(center: AuthenticateResponse, document: IssuedDocument): FlowActors {
  const session = { release: () => Promise.resolve() } as unknown as JpkiSession;
  return {
    inactivity: fromCallback(() => undefined),
    availabilityClock: fromCallback(() => undefined),
    watchCardPresence: fromCallback<FlowEvent>(({ sendBack }) => sendBack({ type: 'CARD_PRESENT' })),
    openCard: fromPromise<OpenedCard>(() => Promise.resolve({ session, certificateDer: new Uint8Array([0x30]), triesLeft: 3 })),
    verifyPin: fromPromise<PinCheck, { session: JpkiSession; digits: number[] }>(() => Promise.resolve({ kind: 'verified' })),
    authenticate: fromPromise<AuthenticateResponse, { session: JpkiSession; certificateDer: Uint8Array }>(() => Promise.resolve(center)),
    issue: fromPromise<IssuedDocument, { request: IssueRequest; shown: ShownIssuance }>(() => Promise.resolve(document)),
    releaseCard: fromPromise<void, { session: JpkiSession | undefined }>(() => Promise.resolve()),
    reportOutcome: fromPromise(() => Promise.resolve()),
    watchOutputs: fromCallback(() => undefined),
  };
}

/** Lets the fake actors' promises settle (microtasks only: no timer runs). */
export async function settled(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

interface FlowActor {
  send(event: FlowEvent): void;
}

/** From the attract screen through the terms to the PIN pad (the card opened on the pad). */
export async function toPinEntry(actor: FlowActor, rounds?: number): Promise<void> {
  actor.send({ type: 'START' });
  actor.send({ type: 'ACCEPT_TERMS' });
  await settled(rounds);
}

/** On to the center's answer to the sign-in: the PIN 1234 tapped and submitted. */
export async function signIn(actor: FlowActor, rounds?: number): Promise<void> {
  await toPinEntry(actor, rounds);
  for (const digit of [1, 2, 3, 4]) actor.send({ type: 'PIN_DIGIT', digit });
  actor.send({ type: 'PIN_SUBMIT' });
  await settled(rounds);
}

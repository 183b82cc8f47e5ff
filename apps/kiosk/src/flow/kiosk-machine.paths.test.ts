import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { getAdjacencyMap, getStateNodes, type AdjacencyValue } from 'xstate/graph';
import type { AuthenticateResponse, IssuedDocument } from '@konbini-kofu/center-client';
import { FlowFailure } from './flow-failure';
import type { FlowContext, FlowEvent } from './flow-types';
import type { KioskDevices } from './kiosk-devices';
import { createKioskMachine } from './kiosk-machine';
import { moneyAtStake } from './money-at-stake';
import { watchdogEnds } from '../runtime/flow-watchdog';

/**
 * Model-based paths of the statechart, generated from the machine itself (xstate/graph): every
 * event a state node handles (its own and the machine's) is taken with the samples below, and
 * every simple path from the terms screen back to the attract screen is checked. A state or an
 * event added to the machine is walked without touching this file, and one the samples cannot
 * produce fails here by name. Pure: the machine's transitions on a mock actor scope, no actor
 * runs, no timer, no device (the unit tier; the runtime's own paths are kiosk-flow's tests).
 */
// A receipt printer is there (composeReceipt), so the receipt's states are walked too; nothing here calls it.
const machine = createKioskMachine({ composeReceipt: () => Promise.reject(new Error('not called')) } as unknown as KioskDevices, {}, () => ({ open: true }));
type Snapshot = SnapshotFrom<typeof machine>;
type AnyEvent = FlowEvent | { type: string; output?: unknown; error?: unknown };

const FEE = 300;
const center: AuthenticateResponse = {
  sessionId: 'session-1',
  municipality: { code: '999991', name: '見本市' },
  offerings: [{ kind: 'juminhyo', fee: FEE, available: true }],
};
const document = { kind: 'juminhyo', copies: 1, fee: FEE, pages: 1 } as IssuedDocument;
const failure = new FlowFailure('error.unexpected', 'X-TEST');

/** What each invoked actor can answer, by its source: outputs for done events; every one can fail. */
const outputsOf: Record<string, (c: FlowContext) => unknown[]> = {
  availabilityClock: () => [],
  watchCardPresence: () => [],
  watchOutputs: () => [],
  collectPayment: () => [],
  printDocument: () => [],
  openCard: () => [{ session: {}, certificateDer: new Uint8Array(1), triesLeft: 3 }, { session: { release: () => Promise.resolve() }, certificateDer: new Uint8Array(1), triesLeft: 0 }, { session: {}, certificateDer: new Uint8Array(1), triesLeft: 0, verifiedOnDevice: true }],
  // A wrong PIN with tries left; the last wrong one is the card's 'pin-locked' error.
  verifyPin: (c) => [{ kind: 'verified' }, ...(c.pinTriesLeft > 1 ? [{ kind: 'wrong', triesLeft: c.pinTriesLeft - 1 }] : [])],
  authenticate: () => [center],
  issue: () => [document],
  refund: (c) => [{ returned: c.money.kept, claim: 0 }, { returned: 0, claim: c.money.kept }],
  releaseCard: () => [undefined],
  reportOutcome: () => [undefined],
  printReceipt: () => [undefined],
};

/** What the cash unit can say while the resident pays (its contract: paid ≥ fee, change and claims add up). */
function paymentEvents(c: FlowContext): AnyEvent[] {
  const { inserted, escrowed } = c.payment;
  const held = inserted + escrowed;
  const events: AnyEvent[] = [{ type: 'PAYMENT_SETTLED', outcome: { kind: 'cancelled', inserted, returned: inserted, claim: 0 } }, { type: 'PAYMENT_SETTLED', outcome: { kind: 'failed', detail: 'jam', inserted, returned: 0, claim: inserted } }];
  if (held < FEE) events.push({ type: 'PAYMENT_EVENT', event: { kind: 'credited', denomination: 100, inserted: inserted + 100, remaining: FEE - inserted - 100 } });
  if (held === 0) events.push({ type: 'PAYMENT_EVENT', event: { kind: 'note-escrowed', denomination: 1000, remaining: 0 } });
  if (escrowed > 0) events.push({ type: 'PAYMENT_EVENT', event: { kind: 'credited', denomination: 1000, inserted: inserted + escrowed, remaining: 0 } });
  if (held >= FEE && escrowed === 0) {
    events.push({ type: 'PAYMENT_SETTLED', outcome: { kind: 'paid', fee: FEE, inserted, change: inserted - FEE, claim: 0 } });
    if (inserted > FEE) events.push({ type: 'PAYMENT_SETTLED', outcome: { kind: 'paid', fee: FEE, inserted, change: 0, claim: inserted - FEE } });
  }
  return events;
}

/** The resident's and the devices' events, by type (one or a few samples each). */
const samplesOf: Record<string, (c: FlowContext, s: Snapshot) => AnyEvent[]> = {
  START: () => [{ type: 'START' }],
  ACCEPT_TERMS: () => [{ type: 'ACCEPT_TERMS' }],
  CANCEL: () => [{ type: 'CANCEL' }],
  BACK: () => [{ type: 'BACK' }],
  CONFIRM: () => [{ type: 'CONFIRM' }],
  INACTIVE_TIMEOUT: () => [{ type: 'INACTIVE_TIMEOUT' }],
  CARD_PRESENT: () => [{ type: 'CARD_PRESENT' }],
  CARD_ABSENT: () => [{ type: 'CARD_ABSENT' }],
  PIN_DIGIT: () => [{ type: 'PIN_DIGIT', digit: 7 }],
  PIN_DELETE: () => [{ type: 'PIN_DELETE' }],
  PIN_SUBMIT: () => [{ type: 'PIN_SUBMIT' }],
  CHOOSE_CERTIFICATE: () => [{ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' }],
  PAYMENT_EVENT: paymentEvents,
  PAYMENT_SETTLED: () => [], // among PAYMENT_EVENT's samples: they depend on what was inserted
  PRINT_DONE: () => [{ type: 'PRINT_DONE', pages: 1 }],
  PRINT_FAILED: () => [{ type: 'PRINT_FAILED', failure }],
  OUTPUTS_TAKEN: () => [{ type: 'OUTPUTS_TAKEN' }],
  PRINT_RECEIPT: () => [{ type: 'PRINT_RECEIPT' }],
  // The runtime's watchdog ends every step without money at stake or people to wait for (runtime/flow-watchdog.ts).
  WATCHDOG: (_c, s) => (watchdogEnds(String(s.value)) ? [{ type: 'WATCHDOG' }] : []),
  // Staff paid back by hand what a stuck visit held (runtime/stuck-visit.ts).
  END_STUCK_VISIT: (c, s) => [{ type: 'END_STUCK_VISIT', amount: moneyAtStake(String(s.value), c) }],
};

/** Events that change only what a screen shows (not where the flow goes): left out of the walk. */
const DISPLAY_ONLY = new Set(['SET_LANGUAGE', 'ACTIVITY', 'STILL_HERE', 'INACTIVE_WARN', 'AVAILABILITY', 'SET_COPIES', 'SET_OPTIONS', 'PRINT_PROGRESS', 'OUTPUTS_PENDING', 'ABANDON_STUCK_PAYMENT']);

const unknownEvents = new Set<string>();

/** Every event the active state nodes (and the machine) handle, as samples. */
function eventsFor(s: Snapshot): AnyEvent[] {
  const c = s.context;
  const events: AnyEvent[] = [];
  for (const node of s._nodes) {
    for (const type of node.ownEvents) {
      if (DISPLAY_ONLY.has(type)) continue;
      const invoked = node.invoke.find((i) => type === `xstate.done.actor.${i.id}` || type === `xstate.error.actor.${i.id}`);
      if (invoked) {
        const src = typeof invoked.src === 'string' ? invoked.src : invoked.id;
        const outputs = outputsOf[src];
        if (!outputs) unknownEvents.add(`${type} (actor ${src})`);
        else if (type.startsWith('xstate.done.')) events.push(...outputs(c).map((output) => ({ type, output })));
        else events.push({ type, error: failure });
      } else if (type.startsWith('xstate.after.')) {
        events.push({ type });
      } else {
        const samples = samplesOf[type];
        if (!samples) unknownEvents.add(type);
        else events.push(...samples(c, s));
      }
    }
  }
  return events;
}

/** Where the flow is, and what of its context decides where it can go. */
function vertexOf(s: Snapshot): string {
  const c = s.context;
  return JSON.stringify([s.value, c.pinDigits.length, c.pinTriesLeft, c.wrongPin, c.placeCardRefusalKey, c.phoneAuthenticates, c.choice?.kind, c.document ? 1 : 0, c.payment.inserted, c.payment.escrowed, c.money, c.error?.staffCode, c.receipt]);
}

const [initial] = initialTransition(machine);
const [fromState] = transition(machine, initial, { type: 'START' });

interface Path {
  /** The snapshot after each event, from the terms screen to the attract screen. */
  steps: { event: AnyEvent; state: Snapshot }[];
}

/**
 * Every simple path (no vertex twice) from the terms screen to an attract screen, over the
 * adjacency map xstate/graph builds from the machine and the samples. (getSimplePaths would
 * enumerate the paths to every vertex, not only to the attract screen: far slower.)
 */
function generatePaths(): Path[] {
  // Keyed by vertexOf's strings (the library brands them).
  const adjacency = getAdjacencyMap(machine, {
    fromState,
    events: eventsFor as (s: Snapshot) => FlowEvent[],
    serializeState: vertexOf,
    serializeEvent: (e) => JSON.stringify(e, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v)),
    stopWhen: (s) => s.matches('attract'),
  }) as unknown as Record<string, AdjacencyValue<Snapshot, AnyEvent>>;
  const paths: Path[] = [];
  const onPath = new Set<string>();
  const steps: Path['steps'] = [];
  const walk = (vertex: string) => {
    const { state, transitions } = adjacency[vertex]!;
    if (state.matches('attract')) return void paths.push({ steps: [...steps] });
    onPath.add(vertex);
    for (const { event, state: next } of Object.values(transitions)) {
      const nextVertex = vertexOf(next);
      if (onPath.has(nextVertex)) continue;
      steps.push({ event, state: next });
      walk(nextVertex);
      steps.pop();
    }
    onPath.delete(vertex);
  };
  walk(vertexOf(fromState));
  return paths;
}

const isPaymentEvent = (e: AnyEvent): e is Extract<FlowEvent, { type: 'PAYMENT_EVENT' }> => e.type === 'PAYMENT_EVENT';

const RELEASING = new Set(['cancelBeforePayment', 'failedReleasingCard']);
const CARD_STEPS = new Set(['placeCard', 'readingCard', 'placeCardRefused', 'pinEntry', 'verifyingPin']);
const FEE_IN_FLIGHT = new Set(['reportingPaid', 'printing', 'refundingAfterPrintFailure']);

/**
 * What a path must keep: the PIN only on its screen, no card asked for after it was released, every
 * card session released, the money settled. Returns the state before the attract screen and what the path broke.
 */
function checkPath(path: Path): { end: string; broken: string[] } {
  const broken: string[] = [];
  const route = () => path.steps.map((step) => step.event.type).join(' → ');
  const must = (ok: boolean, what: string, s: Snapshot) => {
    if (!ok) broken.push(`${what} at ${String(s.value)} on ${route()}`);
  };
  let credited = 0;
  let released = false;
  let printed = false;
  /** A card session the flow took into its context and has not yet handed to something that releases it. */
  let sessionHeld = false;
  for (const [i, s] of [fromState, ...path.steps.map((step) => step.state)].entries()) {
    const event = path.steps[i - 1]?.event;
    if (event && isPaymentEvent(event) && event.event.kind === 'credited') credited += event.event.denomination;
    // A stuck payment staff paid back by hand: the note left in escrow is taken with it.
    if (event?.type === 'END_STUCK_VISIT') {
      const previous = i >= 2 ? path.steps[i - 2]!.state : fromState;
      if (previous.matches('paying')) credited += previous.context.payment.escrowed;
    }
    if (event?.type === 'PRINT_DONE') printed = true;
    // The digits are the VERIFY's input and go when it answers (verifyingPin's exit).
    must(s.matches('pinEntry') || s.matches('verifyingPin') || s.context.pinDigits.length === 0, 'PIN digits held', s);
    must(!released || !CARD_STEPS.has(String(s.value)), 'the card asked for after it was released', s);
    if (s.matches('liftCard')) released = true;
    // Released by releaseCard (these states invoke it with the context's card) or by authenticate itself.
    if (event?.type === 'xstate.done.actor.0.kiosk.readingCard' && s.context.card) sessionHeld = true;
    if (RELEASING.has(String(s.value)) || event?.type === 'xstate.done.actor.0.kiosk.authenticating') sessionHeld = false;
    const { taken, kept, returned, claim } = s.context.money;
    must(taken === kept + returned + claim, `money unbalanced ${JSON.stringify(s.context.money)}`, s);
    // A fee is kept while printing and its refund, then only for a printed document.
    must(kept === 0 || printed || FEE_IN_FLIGHT.has(String(s.value)), 'a fee kept for nothing printed', s);
  }
  const end = path.steps.at(-1)!.state;
  const before = path.steps.at(-2)?.state ?? fromState;
  must(end.matches('attract'), 'not back on the attract screen', end);
  // Money settled: every yen credited is in the ledger (kept, returned or owed) before the attract screen wipes it.
  must(before.context.money.taken === credited, `${credited} yen credited, ${before.context.money.taken} in the ledger`, before);
  must(printed || before.context.money.kept === 0, 'a fee kept without a printed document', before);
  must(!sessionHeld, 'a card session never released', before);
  return { end: String(before.value), broken };
}

describe('every generated path from the terms screen back to the attract screen', () => {
  const paths = generatePaths();

  it('reaches every state of the machine with the samples given', () => {
    expect([...unknownEvents], 'events the samples cannot produce: add them to samplesOf / outputsOf').toEqual([]);
    const reached = new Set(paths.flatMap((p) => p.steps.map((step) => String(step.state.value))));
    reached.add(String(fromState.value));
    const all = getStateNodes(machine.root).map((n) => n.key);
    expect(all.filter((key) => !reached.has(key))).toEqual([]);
  });

  it('keeps the PIN, card and money invariants on each, and settles the money before the attract screen', () => {
    const ends = new Map<string, number>();
    const broken: string[] = [];
    for (const path of paths) {
      const checked = checkPath(path);
      ends.set(checked.end, (ends.get(checked.end) ?? 0) + 1);
      broken.push(...checked.broken);
    }
    console.log(`flow paths generated: ${paths.length}; last step before attract: ${JSON.stringify(Object.fromEntries(ends))}`);
    expect(broken.slice(0, 5), `${broken.length} broken`).toEqual([]);
    expect(ends.get('thankYou')).toBeGreaterThan(0);
    expect(ends.get('takeOutputsAfterEnd')).toBeGreaterThan(0);
  });
});

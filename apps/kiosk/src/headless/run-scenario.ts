import type { ScreenName, KioskView } from '../shared/screen';
import type { DevDockApi, KioskApi } from '../shared/kiosk-api';
import type { ResidentAction } from '../shared/resident-action';
import { scenarioSchema, type Scenario, type ScenarioInput } from './scenario';

export interface ScenarioRun {
  /** The screens passed through, in order, as "name" lines for the transcript. */
  transcript: string[];
  finalScreen: KioskView;
}

/** Waits for the flow to show one of the screens; fails with the screen it is stuck on. */
export function waitForScreen(api: KioskApi, names: ScreenName[], timeoutMs = 15_000, accept: (view: KioskView) => boolean = () => true): Promise<KioskView> {
  return new Promise((resolve, reject) => {
    let current: KioskView | undefined;
    let unsubscribe: () => void = () => undefined;
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${names.join('|')}; on ${current ? JSON.stringify(current.screen) : 'nothing'}`));
    }, timeoutMs);
    let done = false;
    unsubscribe = api.subscribe((view) => {
      current = view;
      if (!done && names.includes(view.screen.name) && accept(view)) {
        done = true;
        clearTimeout(timer);
        queueMicrotask(() => unsubscribe());
        resolve(view);
      }
    });
    if (done) unsubscribe();
  });
}

/** The resident's first steps, up to the certificate choice: start, place the card, the right PIN, lift the card. */
export async function authenticateAndLiftCard(api: KioskApi, dock: DevDockApi, card: string, pin = '1234'): Promise<KioskView> {
  api.send({ type: 'START' });
  api.send({ type: 'ACCEPT_TERMS' });
  dock.command({ type: 'PLACE_CARD', profileId: card });
  await waitForScreen(api, ['pin-entry']);
  for (const digit of pin) api.send({ type: 'PIN_DIGIT', digit: Number(digit) });
  api.send({ type: 'PIN_SUBMIT' });
  await waitForScreen(api, ['lift-card']);
  dock.command({ type: 'LIFT_CARD' });
  return waitForScreen(api, ['choose-certificate']);
}

/**
 * Drives the flow through one scenario via the same API the touchscreen uses, and the dev
 * dock for the resident's hands (card, coins, taking the paper). Shared by the headless
 * demo, tests, and (later) the fleet simulator.
 */
export async function runScenario(api: KioskApi, dock: DevDockApi, input: ScenarioInput, log: (line: string) => void = () => undefined): Promise<ScenarioRun> {
  const scenario: Scenario = scenarioSchema.parse(input);
  const transcript: string[] = [];
  const unsubscribe = api.subscribe((view) => {
    const line = describe(view);
    if (transcript.at(-1) !== line) {
      transcript.push(line);
      log(line);
    }
  });
  try {
    await waitForScreen(api, ['attract']);
    api.send({ type: 'START' });
    await waitForScreen(api, ['terms']);
    api.send({ type: 'ACCEPT_TERMS' });
    await waitForScreen(api, ['place-card']);
    dock.command({ type: 'PLACE_CARD', profileId: scenario.card });
    let view = await waitForScreen(api, ['pin-entry', 'place-card', 'error']);
    for (const pin of scenario.pins) {
      if (view.screen.name !== 'pin-entry') break;
      for (const digit of pin) api.send({ type: 'PIN_DIGIT', digit: Number(digit) });
      api.send({ type: 'PIN_SUBMIT' });
      // A wrong PIN brings pin-entry back, emptied, with wrongPin set.
      view = await waitForScreen(api, ['pin-entry', 'lift-card', 'error'], 15_000, (v) => v.screen.name !== 'pin-entry' || (v.screen.wrongPin && v.screen.digitsEntered === 0));
    }
    if (view.screen.name === 'lift-card') {
      dock.command({ type: 'LIFT_CARD' });
      view = await waitForScreen(api, ['choose-certificate', 'error']);
    }
    if (view.screen.name === 'choose-certificate') {
      api.send({ type: 'CHOOSE_CERTIFICATE', kind: scenario.certificate });
      await waitForScreen(api, ['certificate-options']);
      if (scenario.copies !== 1) api.send({ type: 'SET_COPIES', copies: scenario.copies });
      if (scenario.options) api.send({ type: 'SET_OPTIONS', options: scenario.options as Extract<ResidentAction, { type: 'SET_OPTIONS' }>['options'] });
      api.send({ type: 'CONFIRM' });
      view = await waitForScreen(api, ['confirm-fee', 'error']);
    }
    if (view.screen.name === 'confirm-fee') {
      api.send({ type: 'CONFIRM' });
      view = await waitForScreen(api, ['paying']);
      for (const d of scenario.money) {
        dock.command({ type: 'INSERT_MONEY', denomination: d });
        if (scenario.cancelAfterInserted !== undefined && view.screen.name === 'paying') {
          const v = await waitForScreen(api, ['paying', 'printing', 'error']);
          if (v.screen.name === 'paying' && v.screen.inserted >= scenario.cancelAfterInserted) {
            api.send({ type: 'CANCEL' });
            break;
          }
        }
      }
      view = await waitForScreen(api, ['take-outputs', 'cancelled', 'error'], 15_000, (v) => v.screen.name !== 'error' || !v.screen.refunding);
    }
    if (view.screen.name === 'take-outputs' && scenario.takeOutputs) {
      // The alarm reports what the sensors see right after the screen appears.
      if (view.screen.pending.length === 0) view = await waitForScreen(api, ['take-outputs', 'thank-you'], 15_000, (v) => v.screen.name !== 'take-outputs' || v.screen.pending.length > 0);
      if (view.screen.name === 'take-outputs') {
        for (const item of view.screen.pending) dock.command(item === 'card' ? { type: 'LIFT_CARD' } : { type: 'TAKE', item });
        view = await waitForScreen(api, ['thank-you']);
      }
    }
    return { transcript, finalScreen: view };
  } finally {
    unsubscribe();
  }
}

function describe(view: KioskView): string {
  const s = view.screen;
  switch (s.name) {
    case 'pin-entry':
      return `pin-entry (tries left ${s.triesLeft}, ${s.digitsEntered} digits${s.wrongPin ? ', wrong PIN' : ''})`;
    case 'paying':
      return `paying (fee ${s.fee}円, inserted ${s.inserted}円, change ${s.change}円)`;
    case 'confirm-fee':
      return `confirm-fee (${s.kind} ×${s.copies}, ${s.municipalityName}, ${s.fee}円)`;
    case 'printing':
      return `printing (${s.pagesPrinted}/${s.pagesTotal} pages)`;
    case 'take-outputs':
      return `take-outputs (${s.pending.join(', ')})`;
    case 'cancelled':
      return `cancelled (refunded ${s.refunded}円, claim ${s.claim}円)`;
    case 'error':
      return `error (${s.messageKey}, staff code ${s.staffCode}, refunded ${s.refunded}円)`;
    case 'place-card':
      return s.refusalKey ? `place-card (refused: ${s.refusalKey})` : 'place-card';
    default:
      return s.name;
  }
}

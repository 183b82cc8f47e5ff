import type { CardProfile } from '@konbini-kofu/fixtures';
import type { FlowRuntime } from '../../src/runtime/create-kiosk-runtime';
import type { KioskView } from '../../src/shared/screen';
import type { FaultyDevices } from './faulty-devices';
import type { ResidentPath } from './faults';

export interface Visit {
  /** The screen the visit ended on: 'attract' when the kiosk came back to rest. */
  finalScreen: string;
  stuck: boolean;
  /** Every flow state passed through, in order. */
  states: string[];
}

export interface Resident {
  card: string;
  /** Digits as numbers: the bot holds no PIN string (the secrets scan looks for one). */
  pinDigits: number[];
  /** The card's own profile when a test gives the card a PIN of its own. */
  profile?: CardProfile;
}
const YAMADA_TARO: Resident = { card: 'yamada-taro', pinDigits: [1, 2, 3, 4] };

/**
 * A resident who reacts to whatever the screen shows (it does not assume the happy path):
 * places the card, types the PIN, chooses 住民票, pays, cancels on the cancel path, takes
 * what the kiosk hands back. The visit ends when the attract screen comes back.
 */
export function visitKiosk(flow: FlowRuntime, hands: FaultyDevices, path: ResidentPath, onState: (state: string) => void, deadlineMs = 20_000, resident: Resident = YAMADA_TARO): Promise<Visit> {
  const states: string[] = [];
  let started = false;
  let placements = 0;
  let pinTries = 0;
  let lastActed = '';
  const noteState = (): void => {
    const s = flow.inspect().state;
    if (states.at(-1) !== s) {
      states.push(s);
      onState(s);
    }
  };
  return new Promise((resolve) => {
    let view: KioskView | undefined;
    let finished = false;
    const finish = (stuck: boolean): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(poll);
      unsubscribe();
      resolve({ finalScreen: view?.screen.name ?? 'none', stuck, states });
    };
    const act = (): void => {
      if (finished || !view) return;
      noteState();
      const s = view.screen;
      const key = JSON.stringify(s);
      if (key === lastActed) return;
      lastActed = key;
      switch (s.name) {
        case 'attract':
          if (!started && s.open) {
            started = true;
            flow.api.send({ type: 'START' });
          } else if (started) finish(false);
          return;
        case 'terms':
          return flow.api.send({ type: 'ACCEPT_TERMS' });
        case 'place-card':
          if (s.refusalKey) return hands.liftCard();
          if (placements++ < 3) return hands.placeCard(resident.card, resident.profile);
          return flow.api.send({ type: 'CANCEL' });
        case 'pin-entry':
          if (s.digitsEntered > 0) return;
          if (pinTries++ >= 3) return flow.api.send({ type: 'CANCEL' });
          for (const digit of resident.pinDigits) flow.api.send({ type: 'PIN_DIGIT', digit });
          return flow.api.send({ type: 'PIN_SUBMIT' });
        case 'lift-card':
          return hands.liftCard();
        case 'choose-certificate':
          return flow.api.send({ type: 'CHOOSE_CERTIFICATE', kind: 'juminhyo' });
        case 'certificate-options':
        case 'confirm-fee':
          return flow.api.send({ type: 'CONFIRM' });
        case 'paying':
          if (s.inserted === 0) return hands.insert(path === 'cancel-paying' ? 100 : 500);
          if (path === 'cancel-paying') return flow.api.send({ type: 'CANCEL' });
          return;
        case 'take-outputs':
          for (const item of s.pending) if (item === 'card') hands.liftCard();
          else hands.take(item);
          return;
        default:
          return;
      }
    };
    const unsubscribe = flow.api.subscribe((v) => {
      view = v;
      noteState();
      setTimeout(act, 0);
    });
    // States without a screen change of their own still get recorded.
    const poll = setInterval(noteState, 5);
    const timer = setTimeout(() => finish(true), deadlineMs);
  });
}

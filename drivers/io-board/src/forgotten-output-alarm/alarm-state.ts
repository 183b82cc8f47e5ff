import type { BuzzerPattern, LedMode, Sensor, SensorState, SlotLed } from '../io-board';

/**
 * 取り忘れ対策 as a pure state machine: events in (with the time they happened), a new state and
 * the effects to carry out. No timers, no I/O: the runner (forgotten-output-alarm.ts) does those.
 */
export type OutputItem = 'card' | 'certificate' | 'change';
export type AlarmStage = 'prompt' | 'chime' | 'voice' | 'staff-called';

export const OUTPUT_ITEMS: readonly OutputItem[] = ['card', 'certificate', 'change'];
export const SENSOR_OF_ITEM: Readonly<Record<OutputItem, Sensor>> = { card: 'card-pad', certificate: 'output-tray', change: 'change-tray' };
export const LED_OF_ITEM: Readonly<Record<OutputItem, SlotLed>> = { card: 'card', certificate: 'output-tray', change: 'coin' };

export interface AlarmTimings {
  /** after arming: prompt on screen with the slot LEDs blinking, then… */
  chimeAfterMs: number;
  voiceAfterMs: number;
  staffCallAfterMs: number;
  /** how often the chime / the spoken warning repeat within their stage */
  chimeRepeatMs: number;
  voiceRepeatMs: number;
}

export const DEFAULT_ALARM_TIMINGS: AlarmTimings = { chimeAfterMs: 8_000, voiceAfterMs: 20_000, staffCallAfterMs: 45_000, chimeRepeatMs: 4_000, voiceRepeatMs: 8_000 };

export type ForgottenOutputState =
  | { kind: 'clear' }
  | { kind: 'waiting'; pending: OutputItem[]; stage: 'prompt' | 'chime' | 'voice'; armedAt: number; lastSoundAt: number }
  /**
   * Staff were called; no new transaction starts. It ends when the sensors see every item taken
   * (the kiosk must never stay blocked once its slots are empty) or when staff clear it. Items taken
   * now may have been taken by someone else (a certificate carries personal data): the log keeps
   * the `taken` entry at stage `staff-called` for the staff's records.
   */
  | { kind: 'unclaimed'; pending: OutputItem[]; stage: 'staff-called'; armedAt: number; staffCalledAt: number; calledFor: OutputItem[] };

export type AlarmLogEntry =
  | { at: number; event: 'armed'; items: OutputItem[] }
  | { at: number; event: 'taken'; items: OutputItem[]; stage: AlarmStage }
  | { at: number; event: 'escalated'; stage: AlarmStage; items: OutputItem[] }
  | { at: number; event: 'staff-called'; items: OutputItem[] }
  | { at: number; event: 'staff-cleared'; stillPresent: OutputItem[]; staffId?: string };

export type AlarmEffect =
  | { kind: 'led'; led: SlotLed; mode: LedMode }
  | { kind: 'buzz'; pattern: BuzzerPattern }
  | { kind: 'speak'; items: OutputItem[] }
  | { kind: 'call-staff'; items: OutputItem[] }
  | { kind: 'log'; entry: AlarmLogEntry };

export type AlarmEvent =
  /** end of a transaction: which outputs the sensors see */
  | { type: 'arm'; now: number; present: OutputItem[] }
  | { type: 'sensors'; now: number; present: OutputItem[] }
  | { type: 'tick'; now: number }
  | { type: 'staff-clear'; now: number; staffId?: string };

export interface AlarmStep {
  state: ForgottenOutputState;
  effects: AlarmEffect[];
  /** when to send the next tick; absent = no timer needed */
  wakeAt?: number;
}

export const CLEAR: ForgottenOutputState = { kind: 'clear' };

export function presentItems(sensors: SensorState): OutputItem[] {
  return OUTPUT_ITEMS.filter((item) => sensors[SENSOR_OF_ITEM[item]]);
}

const inOrder = (items: Iterable<OutputItem>): OutputItem[] => {
  const set = new Set(items);
  return OUTPUT_ITEMS.filter((i) => set.has(i));
};

function stageAt(elapsed: number, t: AlarmTimings): AlarmStage {
  if (elapsed >= t.staffCallAfterMs) return 'staff-called';
  if (elapsed >= t.voiceAfterMs) return 'voice';
  if (elapsed >= t.chimeAfterMs) return 'chime';
  return 'prompt';
}

function wakeAt(state: ForgottenOutputState, t: AlarmTimings): number | undefined {
  if (state.kind !== 'waiting') return undefined;
  const nextStage = state.armedAt + (state.stage === 'prompt' ? t.chimeAfterMs : state.stage === 'chime' ? t.voiceAfterMs : t.staffCallAfterMs);
  if (state.stage === 'prompt') return nextStage;
  const repeat = state.lastSoundAt + (state.stage === 'chime' ? t.chimeRepeatMs : t.voiceRepeatMs);
  return Math.min(nextStage, repeat);
}

function soundOf(stage: 'chime' | 'voice', items: OutputItem[]): AlarmEffect[] {
  return stage === 'chime' ? [{ kind: 'buzz', pattern: 'chime' }] : [{ kind: 'buzz', pattern: 'chime' }, { kind: 'speak', items }];
}

function step(state: ForgottenOutputState, event: AlarmEvent, t: AlarmTimings): { state: ForgottenOutputState; effects: AlarmEffect[] } {
  switch (event.type) {
    case 'arm': {
      if (state.kind === 'unclaimed') return { state, effects: [] };
      const already = state.kind === 'waiting' ? state.pending : [];
      const added = event.present.filter((i) => !already.includes(i));
      if (added.length === 0) return { state, effects: [] };
      const pending = inOrder([...already, ...added]);
      const next: ForgottenOutputState = state.kind === 'waiting' ? { ...state, pending } : { kind: 'waiting', pending, stage: 'prompt', armedAt: event.now, lastSoundAt: event.now };
      return { state: next, effects: [...added.map((i): AlarmEffect => ({ kind: 'led', led: LED_OF_ITEM[i], mode: 'blink' })), { kind: 'log', entry: { at: event.now, event: 'armed', items: inOrder(added) } }] };
    }
    case 'sensors': {
      if (state.kind === 'clear') return { state, effects: [] };
      // Only disappearance counts: an item put down later (the next card) is not an output.
      const taken = state.pending.filter((i) => !event.present.includes(i));
      if (taken.length === 0) return { state, effects: [] };
      const pending = state.pending.filter((i) => event.present.includes(i));
      const effects: AlarmEffect[] = [...taken.map((i): AlarmEffect => ({ kind: 'led', led: LED_OF_ITEM[i], mode: 'off' })), { kind: 'log', entry: { at: event.now, event: 'taken', items: taken, stage: state.stage } }];
      if (pending.length === 0 && state.stage !== 'prompt') effects.push({ kind: 'buzz', pattern: 'off' });
      if (pending.length === 0) return { state: CLEAR, effects };
      return { state: { ...state, pending }, effects };
    }
    case 'tick': {
      if (state.kind !== 'waiting') return { state, effects: [] };
      const stage = stageAt(event.now - state.armedAt, t);
      if (stage === 'staff-called') {
        const next: ForgottenOutputState = { kind: 'unclaimed', pending: state.pending, stage, armedAt: state.armedAt, staffCalledAt: event.now, calledFor: state.pending };
        return {
          state: next,
          effects: [
            { kind: 'buzz', pattern: 'alarm' },
            { kind: 'speak', items: state.pending },
            { kind: 'call-staff', items: state.pending },
            { kind: 'log', entry: { at: event.now, event: 'staff-called', items: state.pending } },
          ],
        };
      }
      if (stage === 'prompt') return { state, effects: [] };
      if (stage !== state.stage) {
        return { state: { ...state, stage, lastSoundAt: event.now }, effects: [{ kind: 'log', entry: { at: event.now, event: 'escalated', stage, items: state.pending } }, ...soundOf(stage, state.pending)] };
      }
      const repeatMs = stage === 'chime' ? t.chimeRepeatMs : t.voiceRepeatMs;
      if (event.now - state.lastSoundAt >= repeatMs) return { state: { ...state, lastSoundAt: event.now }, effects: soundOf(stage, state.pending) };
      return { state, effects: [] };
    }
    case 'staff-clear': {
      if (state.kind === 'clear') return { state, effects: [] };
      const entry: AlarmLogEntry = { at: event.now, event: 'staff-cleared', stillPresent: state.pending, ...(event.staffId ? { staffId: event.staffId } : {}) };
      return { state: CLEAR, effects: [...state.pending.map((i): AlarmEffect => ({ kind: 'led', led: LED_OF_ITEM[i], mode: 'off' })), { kind: 'buzz', pattern: 'off' }, { kind: 'log', entry }] };
    }
  }
}

/** One transition of the alarm. Pure: same state, event and timings give the same answer. */
export function alarmStep(state: ForgottenOutputState, event: AlarmEvent, timings: AlarmTimings = DEFAULT_ALARM_TIMINGS): AlarmStep {
  const r = step(state, event, timings);
  const wake = wakeAt(r.state, timings);
  return wake === undefined ? r : { ...r, wakeAt: wake };
}

/** What the flow shows: the `take-outputs` screen while anything is pending or staff were called. */
export function takeOutputsView(state: ForgottenOutputState): { name: 'take-outputs'; pending: OutputItem[]; stage: AlarmStage } | undefined {
  return state.kind === 'clear' ? undefined : { name: 'take-outputs', pending: state.pending, stage: state.stage };
}

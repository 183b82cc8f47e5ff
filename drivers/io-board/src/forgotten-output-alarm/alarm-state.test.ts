import { describe, expect, it } from 'vitest';
import { alarmStep, CLEAR, DEFAULT_ALARM_TIMINGS, takeOutputsView, type AlarmEvent, type ForgottenOutputState } from './alarm-state';

const t = DEFAULT_ALARM_TIMINGS; // chime 8 s, voice 20 s, staff 45 s; chime every 4 s, voice every 8 s

function run(events: AlarmEvent[], from: ForgottenOutputState = CLEAR) {
  let state = from;
  const steps = events.map((e) => {
    const s = alarmStep(state, e, t);
    state = s.state;
    return s;
  });
  return { state, steps };
}

describe('forgotten-output alarm (pure)', () => {
  it('arms on the items present, blinks their slot LEDs and wakes at the chime time', () => {
    const s = alarmStep(CLEAR, { type: 'arm', now: 1_000, present: ['change', 'card'] });
    expect(s.state).toEqual({ kind: 'waiting', pending: ['card', 'change'], stage: 'prompt', armedAt: 1_000, lastSoundAt: 1_000 });
    expect(s.effects).toEqual([
      { kind: 'led', led: 'coin', mode: 'blink' },
      { kind: 'led', led: 'card', mode: 'blink' },
      { kind: 'log', entry: { at: 1_000, event: 'armed', items: ['card', 'change'] } },
    ]);
    expect(s.wakeAt).toBe(9_000);
    expect(takeOutputsView(s.state)).toEqual({ name: 'take-outputs', pending: ['card', 'change'], stage: 'prompt' });
  });

  it('stays clear when nothing was left', () => {
    expect(alarmStep(CLEAR, { type: 'arm', now: 0, present: [] })).toEqual({ state: CLEAR, effects: [] });
    expect(takeOutputsView(CLEAR)).toBeUndefined();
  });

  it('escalates prompt → chime (repeated) → voice (repeated) → staff call, each at its time', () => {
    const { steps, state } = run([
      { type: 'arm', now: 0, present: ['certificate'] },
      { type: 'tick', now: 8_000 },
      { type: 'tick', now: 12_000 },
      { type: 'tick', now: 16_000 },
      { type: 'tick', now: 20_000 },
      { type: 'tick', now: 28_000 },
      { type: 'tick', now: 45_000 },
    ]);
    expect(steps.map((s) => [s.state.kind === 'clear' ? 'clear' : s.state.stage, s.effects.filter((e) => e.kind !== 'log').map((e) => (e.kind === 'buzz' ? e.pattern : e.kind)), s.wakeAt])).toEqual([
      ['prompt', ['led'], 8_000],
      ['chime', ['chime'], 12_000],
      ['chime', ['chime'], 16_000],
      ['chime', ['chime'], 20_000],
      ['voice', ['chime', 'speak'], 28_000],
      ['voice', ['chime', 'speak'], 36_000],
      ['staff-called', ['alarm', 'speak', 'call-staff'], undefined],
    ]);
    expect(state).toEqual({ kind: 'unclaimed', pending: ['certificate'], stage: 'staff-called', armedAt: 0, staffCalledAt: 45_000, calledFor: ['certificate'] });
  });

  it('goes straight to the due stage when a tick comes late', () => {
    const { state, steps } = run([
      { type: 'arm', now: 0, present: ['change'] },
      { type: 'tick', now: 30_000 },
    ]);
    expect(state).toMatchObject({ kind: 'waiting', stage: 'voice' });
    expect(steps[1]?.effects).toContainEqual({ kind: 'log', entry: { at: 30_000, event: 'escalated', stage: 'voice', items: ['change'] } });
  });

  it('clears an item the moment its sensor no longer sees it, and ignores items that appear later', () => {
    const { steps, state } = run([
      { type: 'arm', now: 0, present: ['card', 'change'] },
      { type: 'sensors', now: 500, present: ['card', 'change', 'certificate'] },
      { type: 'sensors', now: 1_000, present: ['change', 'certificate'] },
      { type: 'sensors', now: 1_500, present: ['certificate'] },
    ]);
    expect(steps[1]?.effects).toEqual([]);
    expect(steps[2]?.effects).toEqual([
      { kind: 'led', led: 'card', mode: 'off' },
      { kind: 'log', entry: { at: 1_000, event: 'taken', items: ['card'], stage: 'prompt' } },
    ]);
    expect(state).toEqual(CLEAR);
  });

  it('after the staff call, taking every item ends the block by itself and is logged at the staff-call stage', () => {
    const called = run([
      { type: 'arm', now: 0, present: ['certificate', 'change'] },
      { type: 'tick', now: 45_000 },
      { type: 'sensors', now: 50_000, present: ['change'] },
    ]);
    expect(called.steps[2]?.effects).not.toContainEqual({ kind: 'buzz', pattern: 'off' });
    expect(called.state).toMatchObject({ kind: 'unclaimed', pending: ['change'], calledFor: ['certificate', 'change'] });
    expect(alarmStep(called.state, { type: 'arm', now: 51_000, present: ['card'] }).state).toBe(called.state);
    const taken = alarmStep(called.state, { type: 'sensors', now: 52_000, present: [] });
    expect(taken.state).toEqual(CLEAR);
    expect(taken.effects).toContainEqual({ kind: 'buzz', pattern: 'off' });
    expect(taken.effects).toContainEqual({ kind: 'log', entry: { at: 52_000, event: 'taken', items: ['change'], stage: 'staff-called' } });
  });

  it('staff clear a staff call with items still lying there', () => {
    const called = run([
      { type: 'arm', now: 0, present: ['certificate'] },
      { type: 'tick', now: 45_000 },
    ]);
    const cleared = alarmStep(called.state, { type: 'staff-clear', now: 60_000, staffId: 'S01' });
    expect(cleared.state).toEqual(CLEAR);
    expect(cleared.effects).toContainEqual({ kind: 'log', entry: { at: 60_000, event: 'staff-cleared', stillPresent: ['certificate'], staffId: 'S01' } });
  });
});

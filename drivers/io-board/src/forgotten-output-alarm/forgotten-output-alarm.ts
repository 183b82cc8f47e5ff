import { systemClock, type Clock, type ClockTimer } from '../clock';
import type { IoBoard } from '../io-board';
import { alarmStep, CLEAR, DEFAULT_ALARM_TIMINGS, presentItems, type AlarmEffect, type AlarmEvent, type AlarmLogEntry, type AlarmTimings, type ForgottenOutputState, type OutputItem } from './alarm-state';

export interface ForgottenOutputAlarmOptions {
  board: IoBoard;
  clock?: Clock;
  timings?: Partial<AlarmTimings>;
  /** The spoken warning (the renderer's voice guidance says it in the resident's language). */
  speak?: (items: OutputItem[]) => void;
  /** Reaches the staff: store intercom, back-office notification. Also logged. */
  callStaff?: (items: OutputItem[]) => void;
  onLog?: (entry: AlarmLogEntry) => void;
  /** How many log entries the maintenance view can look back on. */
  keepLogEntries?: number;
}

/**
 * Binds the pure alarm (alarm-state.ts) to the I/O board and a clock: sensor changes and timer
 * ticks go in, LEDs, buzzer, voice and staff call come out.
 */
export class ForgottenOutputAlarm {
  private current: ForgottenOutputState = CLEAR;
  private readonly clock: Clock;
  private readonly timings: AlarmTimings;
  private timer: ClockTimer | undefined;
  private readonly listeners = new Set<(state: ForgottenOutputState) => void>();
  private readonly entries: AlarmLogEntry[] = [];
  private readonly unsubscribe: () => void;
  /** The card reader's view of the card (PC/SC), when the flow passes it on; undefined = pad sensor only. */
  private cardFromReader: boolean | undefined;

  constructor(private readonly options: ForgottenOutputAlarmOptions) {
    this.clock = options.clock ?? systemClock;
    this.timings = { ...DEFAULT_ALARM_TIMINGS, ...options.timings };
    this.unsubscribe = options.board.onSensorChange(() => this.dispatch({ type: 'sensors', now: this.clock.now(), present: this.present() }));
  }

  /**
   * The card reader also knows whether the card is there (PC/SC card presence). A card counts as
   * present while the pad sensor or the reader sees it, so a board without a pad sensor still works.
   */
  cardReaderSees(present: boolean): void {
    if (this.cardFromReader === present) return;
    this.cardFromReader = present;
    this.dispatch({ type: 'sensors', now: this.clock.now(), present: this.present() });
  }

  /** At the end of a transaction (and after printing): watch whatever the sensors see in the slots. */
  arm(): ForgottenOutputState {
    this.dispatch({ type: 'arm', now: this.clock.now(), present: this.present() });
    return this.current;
  }

  /** Staff took care of the outputs (maintenance view); the next resident may start. */
  staffClear(staffId?: string): void {
    this.dispatch({ type: 'staff-clear', now: this.clock.now(), ...(staffId ? { staffId } : {}) });
  }

  state(): ForgottenOutputState {
    return this.current;
  }

  /** False while a previous resident's output is pending or unclaimed. */
  canStartTransaction(): boolean {
    return this.current.kind === 'clear';
  }

  onChange(listener: (state: ForgottenOutputState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Recent alarm events, newest last: staff calls, takes and clears for the maintenance view. */
  log(): readonly AlarmLogEntry[] {
    return this.entries;
  }

  dispose(): void {
    this.unsubscribe();
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private present(): OutputItem[] {
    const items = presentItems(this.options.board.sensors());
    return this.cardFromReader && !items.includes('card') ? ['card', ...items] : items;
  }

  private dispatch(event: AlarmEvent): void {
    const before = this.current;
    const next = alarmStep(before, event, this.timings);
    this.current = next.state;
    for (const effect of next.effects) this.carryOut(effect);
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = next.wakeAt === undefined ? undefined : this.clock.setTimeout(() => this.dispatch({ type: 'tick', now: this.clock.now() }), next.wakeAt - this.clock.now());
    if (next.state !== before) for (const l of this.listeners) l(next.state);
  }

  private carryOut(effect: AlarmEffect): void {
    const { board } = this.options;
    switch (effect.kind) {
      case 'led':
        // The board driver keeps the wanted state while disconnected; a failure here is not the alarm's to handle.
        board.setLed(effect.led, effect.mode).catch(() => undefined);
        return;
      case 'buzz':
        board.buzz(effect.pattern).catch(() => undefined);
        return;
      case 'speak':
        this.options.speak?.(effect.items);
        return;
      case 'call-staff':
        this.options.callStaff?.(effect.items);
        return;
      case 'log':
        this.entries.push(effect.entry);
        if (this.entries.length > (this.options.keepLogEntries ?? 200)) this.entries.shift();
        this.options.onLog?.(effect.entry);
        return;
    }
  }
}

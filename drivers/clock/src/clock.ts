/**
 * Time as the drivers see it (the I/O board and its alarm, the cash unit's poll loops and reply
 * deadlines): injected so tests run on a simulated clock instead of waiting out real timers.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

export interface ClockTimer {
  readonly id: number;
}

export const systemClock: Clock = (() => {
  const handles = new Map<number, ReturnType<typeof setTimeout>>();
  let next = 1;
  return {
    now: () => Date.now(),
    setTimeout: (callback, ms) => {
      const id = next++;
      const handle = setTimeout(() => {
        handles.delete(id);
        callback();
      }, ms);
      // A pending heartbeat or alarm timer must not keep a finished process alive.
      handle.unref();
      handles.set(id, handle);
      return { id };
    },
    clearTimeout: (timer) => {
      clearTimeout(handles.get(timer.id));
      handles.delete(timer.id);
    },
  };
})();

/** A simulated clock: time moves only through `advance`, which runs due timers in order. */
export class ManualClock implements Clock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): ClockTimer {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback });
    return { id };
  }

  clearTimeout(timer: ClockTimer): void {
    this.timers.delete(timer.id);
  }

  pendingTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, running each due timer at its own time and letting promises settle in between. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await settle();
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= target).sort(([a, ta], [b, tb]) => ta.at - tb.at || a - b)[0];
      if (!due) break;
      const [id, timer] = due;
      this.timers.delete(id);
      this.time = timer.at;
      timer.callback();
    }
    this.time = target;
    await settle();
  }
}

/** Lets pending promise chains (device writes, listeners) run before time moves on. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A pause on the given clock (real time on `systemClock`, simulated time on a `ManualClock`). */
export function delay(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms));
}

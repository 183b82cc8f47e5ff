import { checkReadiness, type ReadinessParts, type ReadinessProblem } from './device-readiness';

export interface HealthWatchOptions {
  /** How often the devices are asked while the kiosk is idle on the attract screen. */
  intervalMs: number;
  /** How long one device (or the center) may take to answer a check. */
  checkTimeoutMs: number;
  /** True while nobody is being served: the watch polls only then (a visit has its own errors). */
  idle: () => boolean;
  /** Called when the set of problems changed (the attract screen updates at once). */
  onChange: (problems: ReadinessProblem[]) => void;
}

export interface HealthWatch {
  /** The problems found by the newest check (none before the first). */
  current(): ReadinessProblem[];
  /** Checks now (the pre-flight before a visit): a fresh check, after any one already under way. */
  check(): Promise<ReadinessProblem[]>;
  stop(): void;
}

const key = (problems: ReadinessProblem[]) => problems.map((p) => `${p.device}:${p.staffCode}`).join('|');

/**
 * Live device health: checks the devices and the center periodically while idle and on demand,
 * and reports when what the kiosk can serve changes.
 */
export function startHealthWatch(parts: ReadinessParts, options: HealthWatchOptions): HealthWatch {
  let problems: ReadinessProblem[] = [];
  let running: Promise<ReadinessProblem[]> | undefined;
  let stopped = false;
  const check = (): Promise<ReadinessProblem[]> => {
    // A check already under way may have asked before the change the caller knows of: queue a new one.
    const mine = (running ?? Promise.resolve()).catch(() => undefined).then(async () => {
      const found = await checkReadiness(parts, options.checkTimeoutMs);
      const changed = key(found) !== key(problems);
      problems = found;
      if (changed && !stopped) options.onChange(found);
      return found;
    });
    running = mine;
    void mine.finally(() => {
      if (running === mine) running = undefined;
    });
    return mine;
  };
  const timer = setInterval(() => {
    if (options.idle()) void check();
  }, options.intervalMs);
  timer.unref();
  void check();
  return {
    current: () => problems,
    check,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}

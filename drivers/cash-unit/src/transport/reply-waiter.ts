import { systemClock, type Clock } from '@konbini-kofu/clock';

/** Serialises requests on one line: a half-duplex bus has one conversation at a time. */
export class SerialMutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** A one-shot slot a data handler fills and a request awaits, with a timeout. */
export class ReplySlot<T> {
  private settle: ((value: T | 'timeout') => void) | undefined;

  /** `clock`: injected so a test advances simulated time to the deadline instead of waiting for it. */
  wait(timeoutMs: number, clock: Clock = systemClock): Promise<T | 'timeout'> {
    return new Promise((resolve) => {
      const timer = clock.setTimeout(() => {
        this.settle = undefined;
        resolve('timeout');
      }, timeoutMs);
      this.settle = (value) => {
        clock.clearTimeout(timer);
        this.settle = undefined;
        resolve(value);
      };
    });
  }

  get waiting(): boolean {
    return this.settle !== undefined;
  }

  fill(value: T): void {
    this.settle?.(value);
  }
}

export type LinkFailure = { kind: 'no-reply'; attempts: number; lastError: 'timeout' | 'bad-frame' | 'collision' | 'write-failed' } | { kind: 'closed' };

import type { AcceptanceTestView, StaffReply } from '../shared/staff-api';
import type { AcceptanceTest } from './self-tests';
import type { StaffConsole } from './staff-console';

/** A test left running (staff walked away from the screen) ends by itself: the cash unit must not stay open. */
const MAX_RUNNING_MS = 5 * 60_000;

const locked = { ok: false as const, error: { kind: 'locked' as const, detail: 'open staff mode first' } };

/**
 * The console's acceptance test (insert each note and coin, see it counted, get it back) for the
 * touchscreen, whose bridge only carries request and reply: the running test is kept here and the
 * screen polls what it counted. Starting and ending are journaled by the console
 * (staff.self-test.acceptance, …-end with what was accepted and returned).
 */
export class TouchscreenAcceptanceTest {
  private running: { accepted: number[]; faults: string[]; finish: () => Promise<AcceptanceTest>; timer: ReturnType<typeof setTimeout> } | undefined;
  private ending: Promise<AcceptanceTestView> | undefined;
  private last: AcceptanceTestView | undefined;

  constructor(
    private readonly staff: Pick<StaffConsole, 'signedIn' | 'startAcceptanceTest'>,
    private readonly maxRunningMs = MAX_RUNNING_MS,
  ) {}

  start(): StaffReply<AcceptanceTestView> {
    if (this.running) return this.status() as StaffReply<AcceptanceTestView>;
    const accepted: number[] = [];
    const started = this.staff.startAcceptanceTest((d) => accepted.push(d));
    if (!started.ok) return started;
    const timer = setTimeout(() => void this.finish(), this.maxRunningMs);
    timer.unref?.();
    this.running = { accepted, faults: [], finish: started.value.finish, timer };
    this.last = undefined;
    return { ok: true, value: { state: 'running', accepted: [...accepted], faults: [] } };
  }

  status(): StaffReply<AcceptanceTestView | undefined> {
    if (!this.staff.signedIn()) return locked;
    if (this.running) return { ok: true, value: { state: 'running', accepted: [...this.running.accepted], faults: [...this.running.faults] } };
    return { ok: true, value: this.last };
  }

  /** Ends the running test (no session needed: giving the money back takes no authority); the last result otherwise. */
  async finish(): Promise<StaffReply<AcceptanceTestView>> {
    if (this.ending) return { ok: true, value: await this.ending };
    const running = this.running;
    if (!running) return this.last ? { ok: true, value: this.last } : { ok: false, error: { kind: 'refused', detail: 'no acceptance test is running' } };
    clearTimeout(running.timer);
    this.ending = running.finish().then((r) => ({ state: 'finished' as const, accepted: r.accepted, faults: r.faults, returned: r.returned, claim: r.claim }));
    try {
      this.last = await this.ending;
      return { ok: true, value: this.last };
    } finally {
      this.running = undefined;
      this.ending = undefined;
    }
  }
}

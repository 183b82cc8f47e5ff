import type { TransactionJournal } from '../journal/transaction-journal';
import { MONEY_HOLDING_STEPS } from '../flow/money-at-stake';
import type { ClaimsLedger, OpenClaim } from '../staff/staff-ports';
import type { SettlementReport } from '../journal/settle-unfinished';
import type { FlowInspection, FlowRuntime } from './create-kiosk-runtime';

/** A visit that stopped holding a resident's money: the watchdog found it stuck, or its flow crashed. */
interface StuckVisitClaim extends OpenClaim {
  requestId: string;
  /** Where the visit stopped; 'paying' means the fee was never settled. */
  state: string;
  how: 'stuck' | 'crashed';
}

const ID_PREFIX = 'visit-';

export interface StuckVisitsOptions {
  journal: Pick<TransactionJournal, 'money' | 'step' | 'recordStaffAction'>;
  /** The flow, bound once it runs (it is created after staff mode, which lists these claims). */
  flow: () => FlowRuntime | undefined;
  /** Takes the kiosk out of service with the reason, until staff put it back. */
  outOfService: (reason: { ja: string; en: string }) => void;
  now?: () => Date;
}

export const STUCK_VISIT_MESSAGE = {
  ja: '取引が途中で止まりました。係員が確認するまで休止します。',
  en: 'A transaction stopped midway; out of service until staff have checked the kiosk.',
};

/**
 * Visits stuck with money at stake, as claims staff settle by hand (the claims screen lists
 * them with the cash unit's own). The kiosk goes out of service when one arises: it cannot know
 * what the stuck device will do next, so staff look before the next resident pays.
 */
export class StuckVisits {
  private readonly claims = new Map<string, StuckVisitClaim>();
  private readonly now: () => Date;

  constructor(private readonly o: StuckVisitsOptions) {
    this.now = o.now ?? (() => new Date());
  }

  /** The watchdog found the flow stuck (`how` 'stuck'), or the flow crashed and restarted ('crashed'). */
  report(how: StuckVisitClaim['how'], visit: FlowInspection, forMs = 0): void {
    this.o.outOfService(STUCK_VISIT_MESSAGE);
    const detail = { how, state: visit.state, forMs, atStake: visit.atStake };
    // A crashed payment the cash unit did not end in time (crashed-visit.ts): whatever it does next
    // it books in its own journal (its claims are on the same screen), so none is opened here.
    const cashUnitSettles = how === 'crashed' && visit.state === 'paying';
    if (visit.atStake <= 0 || !visit.requestId || cashUnitSettles || this.claimFor(visit.requestId)) {
      this.audit(how, detail);
      return;
    }
    const claim: StuckVisitClaim = {
      id: `${ID_PREFIX}${visit.requestId}`,
      amount: visit.atStake,
      at: this.now().toISOString(),
      detail: how === 'stuck' ? `取引が止まりました（${visit.state}、${Math.round(forMs / 1000)} 秒）: お客様に ¥${visit.atStake} をお返しください` : `取引が異常終了しました（${visit.state}）: お客様に ¥${visit.atStake} をお返しください`,
      requestId: visit.requestId,
      state: visit.state,
      how,
    };
    this.claims.set(claim.id, claim);
    // Journaled before staff see it: the audit shows when the kiosk owed what, and why.
    this.audit(how, { ...detail, claimId: claim.id, requestId: visit.requestId });
  }

  /** The watchdog ended a visit stuck without money at stake (flow-watchdog.ts): journaled, the kiosk stays in service. */
  endedByWatchdog(detail: { state: string; forMs: number }): void {
    this.audit('ended-by-watchdog', detail);
  }

  /**
   * A crashed visit that had not paid was settled at once (crashed-visit.ts): journaled for staff;
   * out of service only when money is owed (a claim on the claims screen) or settling failed.
   */
  crashSettled(visit: FlowInspection, settled: SettlementReport | { error: string } | undefined): void {
    const owed = settled !== undefined && ('error' in settled || settled.claim > 0);
    if (owed) this.o.outOfService(STUCK_VISIT_MESSAGE);
    this.audit('crashed', { how: 'crashed', state: visit.state, requestId: visit.requestId, settled, outOfService: owed });
  }

  /**
   * The stuck flow moved on by itself (a late answer): it books its own money from here on, so
   * an unsettled claim for it is withdrawn. The kiosk stays out of service until staff look.
   */
  visitMoved(visit: FlowInspection): void {
    for (const claim of this.claims.values()) {
      if (claim.how !== 'stuck' || (visit.requestId === claim.requestId && MONEY_HOLDING_STEPS.has(visit.state))) continue;
      this.claims.delete(claim.id);
      this.audit('claim-withdrawn', { claimId: claim.id, state: visit.state });
    }
  }

  open(): StuckVisitClaim[] {
    return [...this.claims.values()];
  }

  owns(claimId: string): boolean {
    return this.claims.has(claimId);
  }

  /** Staff paid the resident `claim.amount` by hand: the visit ends (if still stuck) and the transaction closes in the journal. */
  async settle(claimId: string): Promise<void> {
    const claim = this.claims.get(claimId);
    if (!claim) throw new Error(`no open claim ${claimId}`);
    this.claims.delete(claimId);
    const flow = this.o.flow();
    const current = flow?.inspect();
    if (flow && current?.requestId === claim.requestId && MONEY_HOLDING_STEPS.has(current.state)) {
      // The flow journals the claim and closes the transaction itself (END_STUCK_VISIT).
      await flow.endStuckVisit(claim.amount);
      return;
    }
    // The visit is gone (a crash): closed here, so settlement after a restart does not refund it again.
    this.o.journal.money(claim.requestId, 'claim', claim.amount);
    this.o.journal.step(claim.requestId, claim.state === 'paying' ? 'cancelled' : 'print-failed');
  }

  /** In the journal's audit with staff actions (no staff id: the kiosk did it), as `kiosk.visit-…`. */
  private audit(event: StuckVisitClaim['how'] | 'claim-withdrawn' | 'ended-by-watchdog', detail: object): void {
    this.o.journal.recordStaffAction({ staffId: undefined, action: `kiosk.visit-${event}`, ok: true, detail });
  }

  private claimFor(requestId: string): StuckVisitClaim | undefined {
    return [...this.claims.values()].find((c) => c.requestId === requestId);
  }
}

/** Staff's claims screen: stuck visits first, then what the cash unit could not pay (when connected). */
export function claimsWithStuckVisits(stuck: StuckVisits, cash: ClaimsLedger | undefined): ClaimsLedger {
  return {
    openClaims: async () => [...stuck.open().map(({ id, amount, at, detail }) => ({ id, amount, at, detail })), ...(cash ? await cash.openClaims() : [])],
    settleClaim: (id, settlement) => {
      if (stuck.owns(id)) return stuck.settle(id);
      if (!cash) return Promise.reject(new Error(`no open claim ${id}`));
      return cash.settleClaim(id, settlement);
    },
  };
}

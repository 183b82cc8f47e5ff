import type { IoBoard } from '@konbini-kofu/io-board';
import type { StaffCall, StaffCalls, StaffEndpoint, StaffOp, StaffReply, StaffUnlockReply } from '../shared/staff-api';
import type { StaffConsole, StaffResult } from './staff-console';
import type { StaffUnlock } from './staff-lock';
import type { CashboxCount, CoinCounts } from './staff-ports';
import { TouchscreenAcceptanceTest } from './touchscreen-acceptance-test';

export interface StaffEndpointOptions {
  console: StaffConsole;
  /** Its maintenance-door sensor is the maintenance key: turning it opens the staff sign-in. */
  ioBoard: IoBoard;
  /** The staff card on the reader, if any (staff-card.ts). */
  cardIdOnReader: () => Promise<string | undefined>;
}

const counts = (map: CoinCounts | ReadonlyMap<number, number>): Record<string, number> => Object.fromEntries([...map].map(([k, n]) => [String(k), n]));
const cashbox = (c: CashboxCount) => ({ notes: counts(c.notes), coins: counts(c.coins), total: c.total });

function mapped<T, U>(result: StaffResult<T>, f: (value: T) => U): StaffReply<U> {
  return result.ok ? { ok: true, value: f(result.value) } : result;
}

function unlockReply(u: StaffUnlock): StaffUnlockReply {
  if (u.ok) return u;
  if (u.reason === 'locked-out') return { ok: false, reason: 'locked-out', until: u.until.toISOString() };
  return u;
}

/**
 * The staff console served to the touchscreen: each parsed call becomes a console operation (which
 * checks the staff session and journals it) and its result plain JSON for the bridge.
 */
export function createStaffEndpoint(options: StaffEndpointOptions): StaffEndpoint {
  const staff = options.console;
  const acceptance = new TouchscreenAcceptanceTest(staff);
  const handle = async (call: StaffCall): Promise<StaffCalls[StaffOp]['reply']> => {
    switch (call.op) {
      case 'unlock-pin':
        return unlockReply(staff.unlockWithPin(call.pin));
      case 'unlock-card': {
        const cardId = await options.cardIdOnReader();
        return cardId === undefined ? { ok: false, reason: 'no-card' } : unlockReply(staff.unlockWithCard(cardId));
      }
      case 'lock':
        // Closing staff mode ends a running acceptance test: the cash unit gives the money back.
        void (await acceptance.finish());
        staff.lockNow();
        return { ok: true };
      case 'overview':
        return staff.overview();
      case 'clear-forgotten':
        return staff.clearForgottenItems();
      case 'claims':
        return staff.openClaims();
      case 'settle-claim':
        return staff.settleClaim(call.claimId, call.paid);
      case 'hopper-levels':
        return mapped(await staff.hopperLevels(), counts);
      case 'refill':
        return mapped(await staff.refillHopper(call.coin, call.count), counts);
      case 'collect-cashbox':
        return mapped(await staff.collectCashbox(), cashbox);
      case 'test-print':
        return mapped(await staff.selfTestPrint(), (r) => (r.ok ? { printed: true as const, jobId: r.jobId } : { printed: false as const, failure: r.failure.kind, ...('detail' in r.failure ? { detail: r.failure.detail } : {}) }));
      case 'test-card':
        return mapped(await staff.selfTestCard(), (r) =>
          r.ok ? { read: true as const, holder: r.holder, issuer: r.issuer, validTo: r.validTo } : { read: false as const, failure: r.failure.kind, ...('detail' in r.failure && r.failure.detail ? { detail: String(r.failure.detail) } : {}) },
        );
      case 'test-signals':
        return mapped(await staff.selfTestSignals(), (steps) => steps.map((s) => ({ ...s })));
      case 'acceptance-test-start':
        return acceptance.start();
      case 'acceptance-test-status':
        return acceptance.status();
      case 'acceptance-test-finish':
        return acceptance.finish();
      case 'diagnostics':
        return staff.diagnostics();
      case 'day-counters':
        return mapped(await staff.dayCounters(), (c) => ({ ...c, issued: { ...c.issued } }));
      case 'refusals':
        return mapped(await staff.recentRefusals(), (list) => list.map((r) => ({ ...r })));
      case 'set-service':
        return call.inService ? staff.putInService() : staff.putOutOfService();
    }
  };
  return {
    handle,
    onOpenRequest(listener) {
      let open = options.ioBoard.sensors()['maintenance-door'];
      return options.ioBoard.onSensorChange((sensors) => {
        const now = sensors['maintenance-door'];
        if (now && !open) listener();
        open = now;
      });
    },
  };
}

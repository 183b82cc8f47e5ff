import { describe, expect, it } from 'vitest';
import type { CardReader } from '@konbini-kofu/card-reader';
import type { KioskDevices } from '../flow/kiosk-devices';
import type { ClaimsLedger } from '../staff/staff-ports';
import { createFlowRuntime, type FlowCrash, type FlowInspection, type FlowRuntime } from './create-kiosk-runtime';
import { claimsWithStuckVisits, StuckVisits } from './stuck-visit';

const visit = (state: string, atStake: number, requestId = 'req-1'): FlowInspection => ({ state, atStake, requestId, money: { taken: 1000, kept: atStake, returned: 0, claim: 0 }, pinDigitsHeld: 0, cardHeld: false });

function setUp(flow?: Partial<FlowRuntime>) {
  const journal: string[] = [];
  const reasons: string[] = [];
  const ended: number[] = [];
  const fakeFlow = flow && ({ endStuckVisit: (amount: number) => Promise.resolve(void ended.push(amount)), ...flow } as FlowRuntime);
  const stuck = new StuckVisits({
    journal: {
      money: (id, movement, amount) => void journal.push(`${id} ${movement} ${amount}`),
      step: (id, step) => void journal.push(`${id} step ${step}`),
      recordStaffAction: (e) => void journal.push(`audit ${e.action}`),
    },
    flow: () => fakeFlow,
    outOfService: (reason) => void reasons.push(reason.ja),
    now: () => new Date('2026-12-02T03:00:00Z'),
  });
  return { stuck, journal, reasons, ended };
}

describe('visits stuck or crashed with money at stake (fake flow and journal)', () => {
  it('a stuck paid visit: out of service, a claim for the fee held, settled through the flow', async () => {
    const { stuck, journal, reasons, ended } = setUp({ inspect: () => visit('printing', 300) });
    stuck.report('stuck', visit('printing', 300), 600_000);
    expect(reasons).toHaveLength(1);
    expect(stuck.open()).toMatchObject([{ id: 'visit-req-1', amount: 300, how: 'stuck' }]);
    expect(journal).toEqual(['audit kiosk.visit-stuck']);
    // Reported again by a second watchdog tick: still one claim.
    stuck.report('stuck', visit('printing', 300), 700_000);
    expect(stuck.open()).toHaveLength(1);
    await stuck.settle('visit-req-1');
    // The flow journals the claim itself (END_STUCK_VISIT).
    expect(ended).toEqual([300]);
    expect(stuck.open()).toEqual([]);
  });

  it('a crashed paid visit: the claim is settled straight into the journal and the transaction closed', async () => {
    const { stuck, journal } = setUp({ inspect: () => visit('attract', 0, undefined) });
    stuck.report('crashed', visit('printing', 200));
    await stuck.settle('visit-req-1');
    expect(journal).toEqual(['audit kiosk.visit-crashed', 'req-1 claim 200', 'req-1 step print-failed']);
  });

  it('a crashed payment opens no claim (the cash unit cancelled it and books its own), but the kiosk goes out of service', () => {
    const { stuck, reasons } = setUp();
    stuck.report('crashed', visit('paying', 500));
    expect(stuck.open()).toEqual([]);
    expect(reasons).toHaveLength(1);
  });

  it('a crashed unpaid visit settled at once keeps the kiosk in service unless money is owed', () => {
    const { stuck, reasons, journal } = setUp();
    const settled = { id: 'req-1', from: 'paying' as const, to: 'cancelled' as const, action: 'refunded' as const, refunded: 500, claim: 0 };
    stuck.crashSettled(visit('paying', 0), settled);
    expect(reasons).toEqual([]);
    expect(journal).toEqual(['audit kiosk.visit-crashed']);
    stuck.crashSettled(visit('paying', 0), { ...settled, refunded: 400, claim: 100, action: 'claim-recorded' });
    stuck.crashSettled(visit('paying', 0), { error: 'cash unit gone' });
    expect(reasons).toHaveLength(2);
    expect(stuck.open()).toEqual([]);
  });

  it('a stuck visit that moves on by itself withdraws its claim', () => {
    const { stuck, journal } = setUp();
    stuck.report('stuck', visit('printing', 300));
    stuck.visitMoved(visit('reportingPrinted', 0));
    expect(stuck.open()).toEqual([]);
    expect(journal.at(-1)).toBe('audit kiosk.visit-claim-withdrawn');
  });

  it('staff see stuck visits before the cash unit’s claims and each is settled by its owner', async () => {
    const { stuck, ended } = setUp({ inspect: () => visit('printing', 300) });
    const settled: string[] = [];
    const cash: ClaimsLedger = { openClaims: () => Promise.resolve([{ id: '7', amount: 50, at: 'x', detail: 'hopper empty' }]), settleClaim: (id) => Promise.resolve(void settled.push(id)) };
    stuck.report('stuck', visit('printing', 300));
    const claims = claimsWithStuckVisits(stuck, cash);
    expect((await claims.openClaims()).map((c) => c.id)).toEqual(['visit-req-1', '7']);
    await claims.settleClaim('7', { staffId: 's', paid: 50, at: 'x' });
    await claims.settleClaim('visit-req-1', { staffId: 's', paid: 300, at: 'x' });
    expect(settled).toEqual(['7']);
    expect(ended).toEqual([300]);
  });
});

describe('a crashed flow machine', () => {
  it('starts again on the attract screen without a process restart, telling what the crashed visit held', async () => {
    let broken = true;
    // The card reader's status throws inside an invoked actor that has no way out in the machine.
    const cardReader = {
      status: () => {
        if (broken) throw new Error('reader driver bug');
        return { kind: 'no-card' };
      },
      onStatusChange: () => () => undefined,
    } as unknown as CardReader;
    const devices = { cardReader, cashUnit: {}, printer: {}, center: {}, journal: {}, alarm: {} } as unknown as KioskDevices;
    const crashes: FlowCrash[] = [];
    const flow = createFlowRuntime(devices, {}, () => ({ open: true }), (c) => crashes.push(c));
    try {
      const screens: string[] = [];
      flow.api.subscribe((v) => screens.push(v.screen.name));
      flow.api.send({ type: 'START' });
      flow.api.send({ type: 'ACCEPT_TERMS' });
      await expect.poll(() => crashes.length).toBe(1);
      expect(crashes[0]!.visit).toMatchObject({ state: 'placeCard', atStake: 0 });
      expect(flow.inspect().state).toBe('attract');
      expect(screens.at(-1)).toBe('attract');
      // The restarted machine serves the next resident.
      broken = false;
      flow.api.send({ type: 'START' });
      flow.api.send({ type: 'ACCEPT_TERMS' });
      expect(flow.inspect().state).toBe('placeCard');
    } finally {
      flow.stop();
    }
  });
});

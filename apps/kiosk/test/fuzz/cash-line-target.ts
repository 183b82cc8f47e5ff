import { HostileLineRig, lineVisit, type LineVisit } from '@konbini-kofu/cash-unit/hostile-line';
import type { FuzzTarget } from './fuzz-target';

let rig: HostileLineRig | undefined;

/**
 * The cash unit on a hostile serial line: each input is one resident's visit (coins, notes, cancel)
 * while the line corrupts, drops, duplicates, delays, reorders and replays replies, goes silent,
 * a device loses power or a hopper jams. All visits run on one unit, so money carries over; after
 * each, the journal must match the emulators' physical counts to the yen (check throws otherwise).
 */
export const cashLineTarget: FuzzTarget<LineVisit> = {
  name: 'cash unit on a hostile line',
  arbitrary: lineVisit,
  prepare: async () => {
    rig = new HostileLineRig();
    await rig.start();
  },
  check: async (visit) => {
    if (!rig) throw new Error('hostile line rig not started');
    await rig.visit(visit);
    // A long run takes an hour or more on a busy machine: say how far it got (the figures so far).
    const f = rig.summary();
    if (f.visits % 100 === 0) process.stderr.write(`fuzz: cash line progress ${JSON.stringify({ visits: f.visits, faults_injected: f.faultsInjected, reconnects: f.reconnects, discrepancy_yen: f.discrepancyYen })}\n`);
  },
  dispose: async () => {
    await rig?.close();
  },
  shortRuns: 40,
  longRuns: 2_000,
  maxInputMs: 60_000,
  stateful: true,
  // Visit 35 of this seed paid seven 500-yen coins and booked none (a stale 166 reply taken as the
  // hopper's counter before the dispense): the 40 CI visits replay it.
  ciSeed: 1_145_429_643,
  figures: () => {
    const f = rig?.summary();
    return f ? { visits: f.visits, faults_injected: f.faultsInjected, power_cuts: f.powerCuts, yen_in: f.yenIn, yen_out: f.yenOut, claims_yen: f.claimsYen, reconnects: f.reconnects, discrepancy_yen: f.discrepancyYen } : {};
  },
};

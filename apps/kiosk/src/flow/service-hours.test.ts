import { describe, expect, it } from 'vitest';
import { createActor, fromCallback } from 'xstate';
import type { KioskDevices } from './kiosk-devices';
import { createKioskMachine } from './kiosk-machine';
import { toKioskView } from './kiosk-view';
import { serviceAvailability } from './service-hours';

const jst = (iso: string) => new Date(`${iso}+09:00`);

describe('service hours (Japan time)', () => {
  it('is open from 6:30 to just before 23:00', () => {
    expect(serviceAvailability(jst('2026-11-25T06:29:59')).open).toBe(false);
    expect(serviceAvailability(jst('2026-11-25T06:30:00')).open).toBe(true);
    expect(serviceAvailability(jst('2026-11-25T22:59:00')).open).toBe(true);
    expect(serviceAvailability(jst('2026-11-25T23:00:00'))).toEqual({ open: false, closedReasonKey: 'attract.closed.outOfHours' });
  });

  it('is closed from 12/29 to 1/3', () => {
    expect(serviceAvailability(jst('2026-12-28T12:00:00')).open).toBe(true);
    expect(serviceAvailability(jst('2026-12-29T12:00:00')).open).toBe(false);
    expect(serviceAvailability(jst('2027-01-03T12:00:00')).open).toBe(false);
    expect(serviceAvailability(jst('2027-01-04T12:00:00')).open).toBe(true);
  });
});

describe('attract screen outside service hours', () => {
  it('shows closed and ignores START', () => {
    // The flow alone (no runtime): its clocks are fakes, the hours are 23:30 JST.
    const machine = createKioskMachine({} as KioskDevices, {}, () => serviceAvailability(jst('2026-11-25T23:30:00'))).provide({
      actors: { inactivity: fromCallback(() => undefined), availabilityClock: fromCallback(() => undefined) },
    });
    const actor = createActor(machine).start();
    try {
      actor.send({ type: 'START' });
      expect(actor.getSnapshot().value).toBe('attract');
      expect(toKioskView(actor.getSnapshot()).screen).toEqual({ name: 'attract', open: false, closedReasonKey: 'attract.closed.outOfHours' });
    } finally {
      actor.stop();
    }
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDemoRuntime } from '../runtime/create-demo-runtime';
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
  it('shows closed and ignores START', async () => {
    const rt = await createDemoRuntime({ outputDir: mkdtempSync(join(tmpdir(), 'kk-hours-')), availability: () => serviceAvailability(jst('2026-11-25T23:30:00')) });
    try {
      const views: string[] = [];
      rt.api.subscribe((v) => views.push(JSON.stringify(v.screen)));
      rt.api.send({ type: 'START' });
      expect(views.at(-1)).toBe(JSON.stringify({ name: 'attract', open: false, closedReasonKey: 'attract.closed.outOfHours' }));
      expect(rt.flow.inspect().state).toBe('attract');
    } finally {
      await rt.stop();
    }
  });
});

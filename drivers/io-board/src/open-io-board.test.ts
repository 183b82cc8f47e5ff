import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sendControlCommand } from './emulator/io-board-control';
import { openIoBoard } from './open-io-board';

describe('openIoBoard', () => {
  it('opens the HID driver over the emulated firmware, whose sensors the control socket flips', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'konbini-io-'));
    const opened = await openIoBoard({ kind: 'emulated', controlSocket: join(dir, 'c.sock') });
    try {
      expect(opened.board.status()).toEqual({ kind: 'connected' });
      const changed = new Promise((resolve) => opened.board.onSensorChange(resolve));
      void (await sendControlCommand({ op: 'set', sensor: 'output-tray', active: true }, join(dir, 'c.sock')));
      await changed;
      expect(opened.board.sensors()['output-tray']).toBe(true);
    } finally {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens a real board through node-hid and, with none plugged in here, reports it disconnected', async () => {
    const opened = await openIoBoard({ kind: 'hid', vendorId: 0x1209, productId: 0x4b4b });
    try {
      expect(opened.board.status()).toEqual({ kind: 'disconnected', detail: 'no board 1209:4b4b found yet' });
      expect(opened.emulator).toBeUndefined();
    } finally {
      await opened.close();
    }
  });
});

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmulatedIoBoard } from '../emulator/emulated-io-board';
import { sendControlCommand, serveIoBoardControl } from '../emulator/io-board-control';
import { describeAnswer, parseCli } from './io-board-commands';

describe('io-board CLI', () => {
  it('parses commands and refuses unknown sensors and items', () => {
    expect(parseCli(['set', 'output-tray', 'on'])).toEqual({ kind: 'command', command: { op: 'set', sensor: 'output-tray', active: true } });
    expect(parseCli(['take', 'change'])).toEqual({ kind: 'command', command: { op: 'set', sensor: 'change-tray', active: false } });
    expect(parseCli(['put', 'card'])).toEqual({ kind: 'command', command: { op: 'set', sensor: 'card-pad', active: true } });
    expect(parseCli(['set', 'coin-tray', 'on'])).toMatchObject({ kind: 'usage', error: expect.stringMatching(/needs a sensor/) as string });
    expect(parseCli(['take', 'pin'])).toMatchObject({ kind: 'usage' });
    expect(parseCli(['frobnicate'])).toEqual({ kind: 'usage', error: 'unknown command: frobnicate' });
  });

  describe('against a control socket', () => {
    let dir: string;
    let device: EmulatedIoBoard;
    let control: { close(): Promise<void> };
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'konbini-io-'));
      device = new EmulatedIoBoard();
      control = await serveIoBoardControl(device, join(dir, 'control.sock'));
    });
    afterEach(async () => {
      await control.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('flips a sensor of the emulated board and reports its state', async () => {
      const answer = await sendControlCommand({ op: 'set', sensor: 'change-tray', active: true }, join(dir, 'control.sock'));
      expect(device.sensors()['change-tray']).toBe(true);
      expect(describeAnswer(answer)).toBe('sensors: change-tray\nleds: card=off coin=off note=off output-tray=off\nbuzzer: off');
    });

    it('runs as a real command-line program', async () => {
      // Asynchronous on purpose: the control socket is served by this test process.
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = execFile('npx', ['tsx', join(import.meta.dirname, 'io-board-cli.ts'), '--socket', join(dir, 'control.sock'), 'put', 'certificate'], { encoding: 'utf8', timeout: 20_000 }, (_e, stdout, stderr) =>
          resolve({ code: child.exitCode, stdout, stderr }),
        );
      });
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('sensors: output-tray');
      expect(r.code).toBe(0);
      expect(device.sensors()['output-tray']).toBe(true);
    });
  });

  it('says clearly when no emulated board is listening', async () => {
    const answer = await sendControlCommand({ op: 'status' }, join(tmpdir(), 'konbini-no-such.sock'));
    expect(answer).toEqual({ ok: false, error: expect.stringMatching(/cannot reach the emulated board .*ENOENT.*is the demo running/) as string });
  });
});

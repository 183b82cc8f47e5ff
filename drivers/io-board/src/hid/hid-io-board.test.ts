import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { IoBoardStatus, SensorState } from '../io-board';
import { EmulatedIoBoard } from '../emulator/emulated-io-board';
import { HidIoBoard, type IoBoardLogEvent } from './hid-io-board';

/** The HID driver against the emulated firmware: real reports, simulated time. */

const VID = 0x1209;
const PID = 0x4b4b;

describe('HidIoBoard with the emulated board', () => {
  let board: HidIoBoard | undefined;
  afterEach(async () => {
    await board?.close();
  });

  async function openBoard(device = new EmulatedIoBoard(VID, PID)) {
    const clock = new ManualClock();
    const log: IoBoardLogEvent[] = [];
    const statuses: IoBoardStatus[] = [];
    board = await HidIoBoard.open({ vendorId: VID, productId: PID, transport: device, clock, timings: { pollMs: 1_000, silenceTimeoutMs: 3_500 }, onLog: (e) => log.push(e) });
    board.onStatusChange((s) => statuses.push(s));
    return { board, device, clock, log, statuses };
  }

  it('connects, reads the sensors and drives LEDs and buzzer', async () => {
    const device = new EmulatedIoBoard(VID, PID);
    device.set('card-pad', true);
    const { board, log } = await openBoard(device);
    expect(board.status()).toEqual({ kind: 'connected' });
    expect(board.sensors()['card-pad']).toBe(true);
    expect(log[0]).toEqual({ kind: 'connected', path: device.path, firmware: '1.0' });
    await board.setLed('output-tray', 'blink');
    await board.setLed('coin', 'on');
    await board.buzz('chime');
    await board.buzz('chime');
    await new Promise((r) => setImmediate(r));
    expect(device.leds).toEqual({ card: 'off', coin: 'on', note: 'off', 'output-tray': 'blink' });
    expect(device.sounds).toEqual(['chime', 'chime']);
    expect(device.rejected).toEqual([]);
  });

  it('tells listeners each sensor change', async () => {
    const { board, device, clock } = await openBoard();
    const seen: SensorState[] = [];
    board.onSensorChange((s) => seen.push(s));
    device.set('output-tray', true);
    device.set('change-tray', true);
    device.set('output-tray', false);
    await clock.advance(0);
    expect(seen.map((s) => [s['output-tray'], s['change-tray']])).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
  });

  it('notices an unplugged board by its read error, and reconnects with the LEDs replayed', async () => {
    const { board, device, clock, statuses } = await openBoard();
    await board.setLed('card', 'blink');
    device.unplug();
    await clock.advance(0);
    expect(board.status()).toEqual({ kind: 'disconnected', detail: 'read error: could not read from HID device' });
    await board.setLed('note', 'on'); // kept while away
    device.replug();
    await clock.advance(1_000);
    expect(board.status()).toEqual({ kind: 'connected' });
    expect(device.leds).toMatchObject({ card: 'blink', note: 'on' });
    expect(statuses.map((s) => s.kind)).toEqual(['disconnected', 'connected']);
  });

  it('notices a board that vanished without any error through the periodic enumeration', async () => {
    const { board, device, clock } = await openBoard();
    device.unplug({ readError: false });
    await clock.advance(999);
    expect(board.status().kind).toBe('connected');
    await clock.advance(1);
    expect(board.status()).toEqual({ kind: 'disconnected', detail: `board ${device.path} is no longer enumerated` });
  });

  it('notices a hung board by its silence', async () => {
    const { board, device, clock } = await openBoard();
    device.hang();
    await clock.advance(3_000);
    expect(board.status().kind).toBe('connected');
    await clock.advance(1_000);
    expect(board.status()).toEqual({ kind: 'disconnected', detail: 'no report from the board for 4000 ms' });
  });

  it('replays its outputs when the board reports a power-on reset, without replaying a one-shot sound', async () => {
    const { board, device, log } = await openBoard();
    await board.setLed('output-tray', 'blink');
    await board.buzz('chime');
    await new Promise((r) => setImmediate(r));
    device.powerCycle();
    expect(device.leds['output-tray']).toBe('off');
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(device.leds['output-tray']).toBe('blink');
    expect(device.sounds).toEqual(['chime']);
    expect(log).toContainEqual({ kind: 'board-reset' });
  });

  it('ignores and logs malformed input reports', async () => {
    const { board, device, clock, log } = await openBoard();
    device.sendRaw(Uint8Array.of(0x01, 0xff, 0, 1, 0, 0, 0, 0));
    device.sendRaw(Uint8Array.of(0x01, 0x01));
    await clock.advance(0);
    expect(board.sensors()['output-tray']).toBe(false);
    expect(log.filter((e) => e.kind === 'malformed-report')).toEqual([
      { kind: 'malformed-report', error: 'reserved sensor bits set: 0xff' },
      { kind: 'malformed-report', error: 'report must be 8 bytes, got 2' },
    ]);
  });

  it('says why when HID devices cannot be enumerated at all', async () => {
    const device = new EmulatedIoBoard(VID, PID);
    const broken = { list: () => Promise.reject(new Error('node-hid is not available')), open: (path: string) => device.open(path) };
    board = await HidIoBoard.open({ vendorId: VID, productId: PID, transport: broken, clock: new ManualClock() });
    expect(board.status()).toEqual({ kind: 'disconnected', detail: 'cannot enumerate HID devices: node-hid is not available' });
  });

  it('starts disconnected when no board is there, and connects when it is plugged in', async () => {
    const device = new EmulatedIoBoard(VID, PID);
    device.unplug();
    const { board, clock } = await openBoard(device);
    expect(board.status()).toEqual({ kind: 'disconnected', detail: 'no board 1209:4b4b found yet' });
    device.replug();
    await clock.advance(1_000);
    expect(board.status()).toEqual({ kind: 'connected' });
  });
});

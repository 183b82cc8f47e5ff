import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { EmulatedIoBoard } from '../emulator/emulated-io-board';
import { HidIoBoard } from '../hid/hid-io-board';
import { SENSOR_OF_ITEM, LED_OF_ITEM, type AlarmStage, type OutputItem } from './alarm-state';
import { ForgottenOutputAlarm } from './forgotten-output-alarm';

/**
 * The alarm driving the HID driver against the emulated board firmware (real reports), on a
 * simulated clock. Default timings: chime at 8 s (every 4 s), voice at 20 s (every 8 s), staff at 45 s.
 */

const STAGE_TIME: Record<AlarmStage, number> = { prompt: 3_000, chime: 9_000, voice: 21_000, 'staff-called': 46_000 };
const STAGES = Object.keys(STAGE_TIME) as AlarmStage[];
const ALL: OutputItem[] = ['card', 'certificate', 'change'];

describe('forgotten-output alarm on the emulated I/O board', () => {
  let clock: ManualClock;
  let device: EmulatedIoBoard;
  let board: HidIoBoard;
  let alarm: ForgottenOutputAlarm;
  let spoken: OutputItem[][];
  let staffCalls: OutputItem[][];

  beforeEach(async () => {
    clock = new ManualClock(1_000_000);
    device = new EmulatedIoBoard();
    // The board's own poll runs far apart so these tests count only the alarm's sounds.
    board = await HidIoBoard.open({ vendorId: device.vendorId, productId: device.productId, transport: device, clock, timings: { pollMs: 60_000, silenceTimeoutMs: 600_000 } });
    spoken = [];
    staffCalls = [];
    alarm = new ForgottenOutputAlarm({ board, clock, speak: (items) => spoken.push(items), callStaff: (items) => staffCalls.push(items) });
  });
  afterEach(async () => {
    alarm.dispose();
    await board.close();
  });

  async function leave(items: OutputItem[]) {
    for (const item of items) device.set(SENSOR_OF_ITEM[item], true);
    await clock.advance(0);
    alarm.arm();
    await clock.advance(0);
  }

  async function take(items: OutputItem[]) {
    for (const item of items) device.set(SENSOR_OF_ITEM[item], false);
    await clock.advance(0);
  }

  for (const items of [...ALL.map((i) => [i]), ALL]) {
    for (const stage of STAGES) {
      it(`${items.join(' + ')} forgotten, taken at the ${stage} stage`, async () => {
        const start = clock.now();
        await leave(items);
        expect(alarm.canStartTransaction()).toBe(false);
        for (const item of items) expect(device.leds[LED_OF_ITEM[item]]).toBe('blink');

        await clock.advance(STAGE_TIME[stage]);
        expect(alarm.state()).toMatchObject({ pending: items, stage });
        const chimes = { prompt: 0, chime: 1, voice: 4, 'staff-called': 7 }[stage];
        expect(device.sounds).toEqual([...Array<string>(chimes).fill('chime'), ...(stage === 'staff-called' ? ['alarm'] : [])]);
        expect(spoken.length).toBe({ prompt: 0, chime: 0, voice: 1, 'staff-called': 5 }[stage]);
        expect(staffCalls).toEqual(stage === 'staff-called' ? [items] : []);

        await take(items);
        for (const item of items) expect(device.leds[LED_OF_ITEM[item]]).toBe('off');
        // One report per sensor change: each item is logged as taken, all at this stage.
        const taken = alarm.log().filter((e) => e.event === 'taken');
        expect(taken.flatMap((e) => e.items)).toEqual(items);
        for (const e of taken) expect(e).toMatchObject({ at: start + STAGE_TIME[stage], stage });
        // After a staff call too: the empty slots end the block by themselves.
        if (stage === 'staff-called') expect(device.buzzer).toBe('off');
        expect(alarm.state()).toEqual({ kind: 'clear' });
        expect(alarm.canStartTransaction()).toBe(true);

        // Nothing sounds once cleared.
        const soundsSoFar = device.sounds.length;
        await clock.advance(120_000);
        expect(device.sounds.length).toBe(soundsSoFar);
        expect(clock.pendingTimers()).toBe(1); // the board driver's poll; the alarm has no timer left
      });
    }
  }

  it('takes items one by one across the stages: each LED goes off as its item is taken', async () => {
    await leave(ALL);
    await clock.advance(STAGE_TIME.chime);
    await take(['change']);
    expect(device.leds).toMatchObject({ coin: 'off', card: 'blink', 'output-tray': 'blink' });
    expect(alarm.state()).toMatchObject({ pending: ['card', 'certificate'], stage: 'chime' });
    await clock.advance(STAGE_TIME.voice - STAGE_TIME.chime);
    await take(['certificate']);
    expect(alarm.state()).toMatchObject({ pending: ['card'], stage: 'voice' });
    await take(['card']);
    expect(alarm.state()).toEqual({ kind: 'clear' });
    expect(alarm.log().filter((e) => e.event === 'taken').map((e) => e.event === 'taken' && [e.items, e.stage])).toEqual([
      [['change'], 'chime'],
      [['certificate'], 'voice'],
      [['card'], 'voice'],
    ]);
  });

  it('staff clear the unclaimed outputs still lying there; the alarm stops and the kiosk is free', async () => {
    await leave(['certificate', 'change']);
    await clock.advance(STAGE_TIME['staff-called']);
    expect(alarm.state()).toMatchObject({ kind: 'unclaimed', pending: ['certificate', 'change'], stage: 'staff-called' });
    expect(device.buzzer).toBe('alarm');
    alarm.staffClear();
    await clock.advance(0);
    expect(alarm.state()).toEqual({ kind: 'clear' });
    expect(device.buzzer).toBe('off');
    expect(device.leds).toMatchObject({ coin: 'off', 'output-tray': 'off' });
    expect(alarm.log().at(-1)).toEqual({ at: clock.now(), event: 'staff-cleared', stillPresent: ['certificate', 'change'] });
  });

  it('counts the card as present while the card reader still sees it, even when the pad sensor does not', async () => {
    alarm.cardReaderSees(true);
    alarm.arm();
    await clock.advance(STAGE_TIME.chime);
    expect(alarm.state()).toMatchObject({ pending: ['card'], stage: 'chime' });
    expect(device.leds.card).toBe('blink');
    alarm.cardReaderSees(false);
    await clock.advance(0);
    expect(alarm.state()).toEqual({ kind: 'clear' });
    expect(device.leds.card).toBe('off');
  });

  it('does nothing at the end of a transaction when every output was already taken', async () => {
    alarm.arm();
    await clock.advance(60_000);
    expect(alarm.state()).toEqual({ kind: 'clear' });
    expect(device.sounds).toEqual([]);
    expect(alarm.log()).toEqual([]);
  });
});

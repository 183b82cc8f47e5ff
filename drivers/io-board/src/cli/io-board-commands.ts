import { systemClock } from '../clock';
import { EmulatedIoBoard } from '../emulator/emulated-io-board';
import { DEFAULT_CONTROL_SOCKET, sendControlCommand, serveIoBoardControl, type ControlAnswer, type ControlCommand } from '../emulator/io-board-control';
import { HidIoBoard } from '../hid/hid-io-board';
import type { Sensor } from '../io-board';

/**
 * The io-board CLI's commands (io-board-cli.ts is the entry point). Flip the emulated I/O board's sensors in a running demo, or run a board on its own:
 *   io-board-cli [--socket PATH] set <sensor> on|off
 *   io-board-cli [--socket PATH] take card|certificate|change
 *   io-board-cli [--socket PATH] status | unplug | replug | power-cycle
 *   io-board-cli [--socket PATH] emulate      (a board + driver printing LED and buzzer changes)
 */
const USAGE = `usage: io-board-cli [--socket PATH] <command>
  set <sensor> on|off     sensor: output-tray change-tray card-pad maintenance-door staff-call
  take <item>             item: card certificate change (clears its sensor)
  put <item>              (sets its sensor)
  status | unplug | replug | power-cycle
  emulate                 run an emulated board with the HID driver and this control socket
socket: ${DEFAULT_CONTROL_SOCKET} unless --socket or KONBINI_IO_BOARD_SOCKET says otherwise`;

const SENSORS: readonly Sensor[] = ['output-tray', 'change-tray', 'card-pad', 'maintenance-door', 'staff-call'];
const ITEM_SENSORS: Readonly<Record<string, Sensor>> = { card: 'card-pad', certificate: 'output-tray', change: 'change-tray' };

export type ParsedCli = { kind: 'command'; command: ControlCommand } | { kind: 'emulate' } | { kind: 'usage'; error?: string };

export function parseCli(args: readonly string[]): ParsedCli {
  const [verb, a, b] = args;
  switch (verb) {
    case 'set': {
      const sensor = SENSORS.find((s) => s === a);
      if (!sensor || (b !== 'on' && b !== 'off')) return { kind: 'usage', error: `set needs a sensor (${SENSORS.join(', ')}) and on|off` };
      return { kind: 'command', command: { op: 'set', sensor, active: b === 'on' } };
    }
    case 'take':
    case 'put': {
      const sensor = a === undefined ? undefined : ITEM_SENSORS[a];
      if (!sensor) return { kind: 'usage', error: `${verb} needs card, certificate or change` };
      return { kind: 'command', command: { op: 'set', sensor, active: verb === 'put' } };
    }
    case 'status':
    case 'unplug':
    case 'replug':
    case 'power-cycle':
      return { kind: 'command', command: { op: verb } };
    case 'emulate':
      return { kind: 'emulate' };
    default:
      return verb === undefined || verb === '--help' ? { kind: 'usage' } : { kind: 'usage', error: `unknown command: ${verb}` };
  }
}

export function describeAnswer(answer: ControlAnswer): string {
  if (!answer.ok) return `error: ${answer.error}`;
  const active = Object.entries(answer.sensors)
    .filter(([, on]) => on)
    .map(([s]) => s);
  const leds = Object.entries(answer.leds)
    .map(([led, mode]) => `${led}=${mode}`)
    .join(' ');
  return `sensors: ${active.length ? active.join(', ') : '(none)'}\nleds: ${leds}\nbuzzer: ${answer.buzzer}`;
}

async function emulate(socketPath: string): Promise<void> {
  const device = new EmulatedIoBoard();
  const board = await HidIoBoard.open({ vendorId: device.vendorId, productId: device.productId, transport: device, clock: systemClock, onLog: (e) => console.log(`[driver] ${JSON.stringify(e)}`) });
  board.onSensorChange((s) => console.log(`[sensors] ${JSON.stringify(s)}`));
  device.onOutputChange(() => console.log(`[outputs] leds ${JSON.stringify(device.leds)} buzzer ${device.buzzer}`));
  const control = await serveIoBoardControl(device, socketPath);
  console.log(`emulated I/O board ${device.path}; control socket ${socketPath} (Ctrl-C to stop)`);
  // Keeps the event loop alive: the driver's timers are unref'd on purpose.
  const keepAlive = setInterval(() => undefined, 60_000);
  process.once('SIGINT', () => {
    clearInterval(keepAlive);
    void Promise.all([control.close(), board.close()]).then(() => process.exit(0));
  });
}

/** Runs the CLI; resolves to the exit code, or -1 while `emulate` keeps running. */
export async function runIoBoardCli(argv: readonly string[]): Promise<number> {
  const args = [...argv];
  let socketPath = process.env.KONBINI_IO_BOARD_SOCKET ?? DEFAULT_CONTROL_SOCKET;
  const at = args.indexOf('--socket');
  if (at >= 0) {
    const path = args[at + 1];
    if (!path) return (console.error(USAGE), 2);
    socketPath = path;
    args.splice(at, 2);
  }
  const parsed = parseCli(args);
  if (parsed.kind === 'usage') {
    if (parsed.error) console.error(parsed.error);
    console.error(USAGE);
    return parsed.error ? 2 : 0;
  }
  if (parsed.kind === 'emulate') {
    await emulate(socketPath);
    return -1;
  }
  const answer = await sendControlCommand(parsed.command, socketPath);
  (answer.ok ? console.log : console.error)(describeAnswer(answer));
  return answer.ok ? 0 : 1;
}

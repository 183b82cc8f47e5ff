import { createConnection, createServer, type Server } from 'node:net';
import { rmSync } from 'node:fs';
import { z } from 'zod';
import type { EmulatedIoBoard } from './emulated-io-board';

/**
 * A control socket for the emulated board, so the demo's sensors can be flipped from another
 * terminal (io-board-cli). One JSON object per line each way; a unix socket, so nothing listens
 * on a network.
 */
const sensorSchema = z.enum(['output-tray', 'change-tray', 'card-pad', 'maintenance-door', 'staff-call']);

export const controlCommandSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), sensor: sensorSchema, active: z.boolean() }).strict(),
  z.object({ op: z.literal('status') }).strict(),
  z.object({ op: z.literal('unplug') }).strict(),
  z.object({ op: z.literal('replug') }).strict(),
  z.object({ op: z.literal('power-cycle') }).strict(),
]);
export type ControlCommand = z.infer<typeof controlCommandSchema>;

const ledModeSchema = z.enum(['off', 'on', 'blink']);
const controlAnswerSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    sensors: z.record(sensorSchema, z.boolean()),
    leds: z.object({ card: ledModeSchema, coin: ledModeSchema, note: ledModeSchema, 'output-tray': ledModeSchema }),
    buzzer: z.enum(['off', 'key', 'chime', 'alarm']),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ControlAnswer = z.infer<typeof controlAnswerSchema>;

export const DEFAULT_CONTROL_SOCKET = '/tmp/konbini-kofu-io-board.sock';

function answer(device: EmulatedIoBoard, line: string): ControlAnswer {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  const parsed = controlCommandSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; ') };
  const command = parsed.data;
  switch (command.op) {
    case 'set':
      device.set(command.sensor, command.active);
      break;
    case 'unplug':
      device.unplug();
      break;
    case 'replug':
      device.replug();
      break;
    case 'power-cycle':
      device.powerCycle();
      break;
    case 'status':
      break;
  }
  return { ok: true, sensors: device.sensors(), leds: { ...device.leds }, buzzer: device.buzzer };
}

export async function serveIoBoardControl(device: EmulatedIoBoard, socketPath = DEFAULT_CONTROL_SOCKET): Promise<{ close(): Promise<void> }> {
  // A socket file left by a crashed demo would make listen fail with EADDRINUSE.
  rmSync(socketPath, { force: true });
  const server: Server = createServer((socket) => {
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      if (buffered.length > 4096) return socket.destroy();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        socket.write(`${JSON.stringify(answer(device, line))}\n`);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Sends one command to a running emulator and returns its answer. */
export function sendControlCommand(command: ControlCommand, socketPath = DEFAULT_CONTROL_SOCKET, timeoutMs = 2_000): Promise<ControlAnswer> {
  return new Promise((resolve) => {
    const socket = createConnection(socketPath);
    let buffered = '';
    const done = (a: ControlAnswer) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(a);
    };
    const timer = setTimeout(() => done({ ok: false, error: `no answer from ${socketPath} within ${timeoutMs} ms` }), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(`${JSON.stringify(command)}\n`));
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf('\n');
      if (newline < 0) return;
      let json: unknown;
      try {
        json = JSON.parse(buffered.slice(0, newline));
      } catch {
        json = undefined;
      }
      const parsed = controlAnswerSchema.safeParse(json);
      done(parsed.success ? parsed.data : { ok: false, error: 'unreadable answer from the emulated board' });
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done({ ok: false, error: `cannot reach the emulated board at ${socketPath} (${e.code ?? e.message}); is the demo running?` }));
  });
}

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** Whether the kiosk takes residents, and what the attract screen says when it does not. */
export type ServiceState =
  | { inService: true }
  | { inService: false; message: { ja: string; en: string }; since: string; by: string };

const serviceStateSchema = z.union([
  z.object({ inService: z.literal(true) }),
  z.object({ inService: z.literal(false), message: z.object({ ja: z.string(), en: z.string() }), since: z.string(), by: z.string() }),
]);

export const DEFAULT_OUT_OF_SERVICE_MESSAGE = { ja: 'ただいま調整中です。ご迷惑をおかけします。', en: 'This kiosk is temporarily out of service.' };

/**
 * The out-of-service switch. Kept in a small JSON file when a path is given, so a kiosk a
 * technician closed stays closed across a restart or a crash.
 */
export class KioskServiceState {
  private state: ServiceState;
  private readonly listeners = new Set<(s: ServiceState) => void>();

  constructor(private readonly path?: string) {
    this.state = path ? readState(path) : { inService: true };
  }

  current(): ServiceState {
    return this.state;
  }

  onChange(listener: (s: ServiceState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  putOutOfService(by: string, message: { ja: string; en: string } = DEFAULT_OUT_OF_SERVICE_MESSAGE, now = new Date()): void {
    this.set({ inService: false, message, since: now.toISOString(), by });
  }

  putInService(): void {
    this.set({ inService: true });
  }

  private set(state: ServiceState): void {
    this.state = state;
    if (this.path) {
      mkdirSync(dirname(this.path), { recursive: true });
      // Write then rename, so a power cut never leaves half a file.
      writeFileSync(`${this.path}.tmp`, JSON.stringify(state));
      renameSync(`${this.path}.tmp`, this.path);
    }
    for (const l of this.listeners) l(state);
  }
}

function readState(path: string): ServiceState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { inService: true };
  }
  const parsed = serviceStateSchema.safeParse(safeJson(text));
  // A damaged file must not open a kiosk staff had closed: stay out of service and say why.
  return parsed.success
    ? parsed.data
    : { inService: false, message: DEFAULT_OUT_OF_SERVICE_MESSAGE, since: new Date(0).toISOString(), by: `unreadable ${path}` };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

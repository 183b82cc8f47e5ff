import { sleep } from '../devices/device-connection';

/** Polls `condition` until it holds; throws with `what` after `timeoutMs` (for tests and the CLI). */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(10);
  }
}

import { afterEach, beforeAll } from 'vitest';
import { ensureRendererBuilt } from '../../src/web-bridge/renderer-build';
import { KioskSession } from './kiosk-session';

/**
 * For a file whose tests each start their own kiosk: builds the renderer once before the first
 * test (a fresh checkout builds it here, not inside a timed test) and closes each test's session
 * after it, passed or failed. Call at the top of the file; start sessions with what it returns.
 */
export function kioskSessionPerTest(): (...args: Parameters<typeof KioskSession.start>) => Promise<KioskSession> {
  beforeAll(() => ensureRendererBuilt('demo'), 180_000);
  let session: KioskSession | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  return async (...args) => {
    session = await KioskSession.start(...args);
    return session;
  };
}

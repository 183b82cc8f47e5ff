import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const KIOSK = join(import.meta.dirname, '../../..');
const metaPolicy = (html: string): string | undefined => /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
const directive = (policy: string, name: string): string | undefined => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));

describe('the production Content-Security-Policy', () => {
  const page = metaPolicy(readFileSync(join(KIOSK, 'index.html'), 'utf8')) ?? '';

  it('lets the page connect to itself only: no WebSocket, not even to loopback', () => {
    expect(directive(page, 'connect-src')).toBe("connect-src 'self'");
    expect(page).not.toMatch(/ws:|wss:|http:|https:/);
  });

  it('is the policy Electron main sets on every response', () => {
    // harden-window.ts imports electron, which plain Node cannot load: read its constant as text.
    const main = readFileSync(join(KIOSK, 'src/main/harden-window.ts'), 'utf8');
    const constant = /CONTENT_SECURITY_POLICY =\s*"([^"]+)"/.exec(main)?.[1];
    expect(constant).toBe(page);
  });

  it('gains the WebSocket to the demo process only in the demo build', () => {
    const vite = readFileSync(join(KIOSK, 'vite.config.ts'), 'utf8');
    expect(vite).toMatch(/mode === 'demo' \? \[demoWebSocketCsp\(\)\]/);
  });
});

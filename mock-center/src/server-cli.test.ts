import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:https';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadTestPki, type TestPki } from '@konbini-kofu/fixtures';

/** `npm run center` as a process: loopback, mutual TLS, its API document served. */
let child: ChildProcess;
let url: string;
let pki: TestPki;

beforeAll(async () => {
  pki = await loadTestPki();
  const cli = fileURLToPath(new URL('./server-cli.ts', import.meta.url));
  child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`center did not start:\n${out}`)), 30_000);
    const read = (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
  });
});

// A child left running holds the vitest worker open and the whole run hangs (seen in CI): SIGTERM,
// then SIGKILL if it has not exited within 5 s.
afterAll(async () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
});

function get(path: string, kioskId?: string): Promise<{ status: number; body: string }> {
  const kiosk = kioskId ? pki.kiosks[kioskId] : undefined;
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { ca: pki.centerTlsCa.certPem, ...(kiosk ? { cert: kiosk.certPem, key: kiosk.keyPem } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

it('listens on loopback over HTTPS and serves its OpenAPI document to a kiosk', async () => {
  expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const res = await get('/api/v1/openapi.json', 'kiosk-0001');
  expect(res.status).toBe(200);
  expect(JSON.parse(res.body)).toMatchObject({ openapi: '3.1.0', paths: { '/api/v1/documents': {} } });
});

it('refuses a client without a kiosk certificate', async () => {
  await expect(get('/api/v1/health')).rejects.toThrow();
});

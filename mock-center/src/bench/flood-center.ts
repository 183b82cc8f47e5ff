import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect, type Socket } from 'node:net';
import { loadavg } from 'node:os';
import { HttpCenterClient } from '@konbini-kofu/center-client';
import { loadTestPki } from '@konbini-kofu/fixtures';
import { benchKiosk, percentile, startCenterProcess } from './bench-support';

/**
 * npm run bench:flood -- [--seconds S] [--idle N]
 *
 * Loopback only, bounded in count and time. Starts the center as its own process (HTTPS +
 * mTLS), measures a legitimate kiosk (kiosk-0001) issuing alone, then again while three floods
 * run at once: idle TCP connections that never start TLS (from 127.0.0.2–127.0.0.31, reopened
 * as the center closes them), challenge requests as fast as kiosk-0002's certificate can send
 * them, and 10 MB request bodies. Ends with one JSON line of figures.
 */
const args = process.argv.slice(2);
const num = (name: string, fallback: number, max: number): number => {
  const i = args.indexOf(name);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number`);
  return Math.min(v, max);
};
const seconds = num('--seconds', 10, 60);
const idleTarget = num('--idle', 3_000, 15_000);
/** Hard bounds whatever runs how long. */
const MAX_IDLE_OPENED = 50_000;
const MAX_CHALLENGES = 300_000;
const MAX_BIG_BODIES = 300;
const BIG_BODY = Buffer.alloc(10 * 1024 * 1024, 0x20);

const pki = await loadTestPki();
const center = await startCenterProcess({ workers: 1 });
const { url, pid, port } = center;
const rssMb = (): number => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);
const fds = (): number => readdirSync(`/proc/${pid}/fd`).length;

const legit = benchKiosk(pki, url, 'kiosk-0001');

async function legitimateKiosk(ms: number): Promise<{ issuances: number; failures: Record<string, number>; p50_ms: number; p99_ms: number; max_ms: number }> {
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    const r = await legit.issueAndPrint('yamada-taro', { kind: 'juminhyo' });
    if (r.ok) latencies.push(performance.now() - t0);
    else {
      const key = r.error.kind === 'refused' ? r.error.code : r.error.kind;
      failures[key] = (failures[key] ?? 0) + 1;
    }
  }
  latencies.sort((a, b) => a - b);
  return { issuances: latencies.length, failures, p50_ms: Math.round(percentile(latencies, 50)), p99_ms: Math.round(percentile(latencies, 99)), max_ms: Math.round(latencies.at(-1) ?? 0) };
}

// Warm up (TLS session, fonts, render worker), then the kiosk alone.
void (await legit.issueAndPrint('yamada-taro', { kind: 'juminhyo' }));
const rssBefore = rssMb();
const fdsBefore = fds();
const alone = await legitimateKiosk(3_000);

let stop = false;
const figures = { idle_opened: 0, idle_closed_by_center: 0, idle_open_max: 0, challenges: 0, challenge_failures: {} as Record<string, number>, big_bodies: 0, big_body_status: {} as Record<string, number>, center_rss_mb_max: rssBefore, center_fds_max: fdsBefore };

/** Idle TCP connections from 30 loopback addresses, reopened as they are closed, up to the target. */
function idleFlood(): Promise<void> {
  const open = new Set<Socket>();
  let n = 0;
  const openOne = (): void => {
    if (stop || figures.idle_opened >= MAX_IDLE_OPENED) return;
    figures.idle_opened++;
    const s = connect({ host: '127.0.0.1', port, localAddress: `127.0.0.${2 + (n++ % 30)}` });
    open.add(s);
    figures.idle_open_max = Math.max(figures.idle_open_max, open.size);
    s.on('error', () => undefined);
    s.on('close', () => {
      open.delete(s);
      if (!stop) figures.idle_closed_by_center++;
      setTimeout(openOne, 5);
    });
  };
  for (let i = 0; i < idleTarget; i++) openOne();
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!stop) return;
      clearInterval(timer);
      for (const s of open) s.destroy();
      resolve();
    }, 50);
  });
}

async function challengeFlood(): Promise<void> {
  const flooder = new HttpCenterClient({ baseUrl: url, centerSigningKey: pki.centerSigning.publicKeyPem, attempts: 1, timeoutMs: 5_000, tls: { cert: pki.kiosks['kiosk-0002']!.certPem, key: pki.kiosks['kiosk-0002']!.keyPem, ca: pki.centerTlsCa.certPem } });
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (!stop && figures.challenges < MAX_CHALLENGES) {
        figures.challenges++;
        const r = await flooder.requestChallenge();
        if (!r.ok) figures.challenge_failures[r.error.kind] = (figures.challenge_failures[r.error.kind] ?? 0) + 1;
      }
    }),
  );
  flooder.close();
}

function bigBody(): Promise<string> {
  const kiosk = pki.kiosks['kiosk-0002']!;
  return new Promise((resolve) => {
    const req = request(`${url}/api/v1/documents`, { method: 'POST', headers: { 'content-type': 'application/json' }, cert: kiosk.certPem, key: kiosk.keyPem, ca: pki.centerTlsCa.certPem, agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(String(res.statusCode)));
    });
    req.on('error', (e) => resolve(`error: ${(e as NodeJS.ErrnoException).code ?? e.message}`));
    req.end(BIG_BODY);
  });
}

async function bigBodyFlood(): Promise<void> {
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (!stop && figures.big_bodies < MAX_BIG_BODIES) {
        figures.big_bodies++;
        const status = await bigBody();
        figures.big_body_status[status] = (figures.big_body_status[status] ?? 0) + 1;
      }
    }),
  );
}

const sampler = setInterval(() => {
  figures.center_rss_mb_max = Math.max(figures.center_rss_mb_max, rssMb());
  figures.center_fds_max = Math.max(figures.center_fds_max, fds());
}, 200);
const floods = Promise.all([idleFlood(), challengeFlood(), bigBodyFlood()]);
// Let the floods build up, then measure the kiosk while they run.
await new Promise((r) => setTimeout(r, 1_000));
const underFlood = await legitimateKiosk(seconds * 1000);
stop = true;
await floods;
clearInterval(sampler);
const rssAfter = rssMb();
legit.close();
center.stop();

console.log(
  JSON.stringify({
    seconds,
    legit_alone: alone,
    legit_under_flood: underFlood,
    flood: figures,
    center_rss_mb_before: rssBefore,
    center_rss_mb_after: rssAfter,
    center_fds_before: fdsBefore,
    load_average_1m: Math.round(loadavg()[0]! * 10) / 10,
  }),
);
process.exit(underFlood.issuances > 0 && Object.keys(underFlood.failures).length === 0 ? 0 : 1);

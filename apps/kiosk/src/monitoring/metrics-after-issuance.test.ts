import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../headless/run-scenario';
import { createDemoRuntime, type DemoRuntime } from '../runtime/create-demo-runtime';
import { KioskMetrics } from './kiosk-metrics';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { parsePrometheusText } from './prometheus-text.test-helper';
import { watchFlowForMetrics } from './watch-flow-for-metrics';

let runtime: DemoRuntime | undefined;
let server: MetricsServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.close();
  await runtime?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  runtime = server = dir = undefined;
});

async function scrape(url: string): Promise<Map<string, number>> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return parsePrometheusText(await res.text());
}

describe('metrics endpoint after headless transactions (demo runtime, mock center)', () => {
  it('counts an issuance, a center refusal and a PIN lock', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kk-metrics-'));
    runtime = await createDemoRuntime({ outputDir: dir, timings: { farewellMs: 200 } });
    const metrics = new KioskMetrics({ kioskId: 'demo-kiosk-0001', version: '0.1.0' });
    const unwatch = watchFlowForMetrics(runtime.api, metrics);
    server = await startMetricsServer({ port: 0, render: () => metrics.render() });

    expect((await scrape(server.url)).get('konbini_kofu_issuances_total{kind="juminhyo"}')).toBeUndefined();
    const issued = await runScenario(runtime.api, runtime.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [1000] });
    expect(issued.finalScreen.screen.name).toBe('thank-you');
    let s = await scrape(server.url);
    expect(s.get('konbini_kofu_issuances_total{kind="juminhyo"}')).toBe(1);
    expect(s.get('konbini_kofu_copies_printed_total{kind="juminhyo"}')).toBe(1);
    const fee = Number(/^confirm-fee \(.*, (\d+)円\)$/.exec(issued.transcript.find((l) => l.startsWith('confirm-fee')) ?? '')?.[1]);
    expect(fee).toBeGreaterThan(0);
    expect(s.get('konbini_kofu_fees_collected_yen_total')).toBe(fee);

    const revoked = await runScenario(runtime.api, runtime.devDock, { card: 'yamada-taro-revoked', pins: ['1234'], certificate: 'juminhyo' });
    expect(revoked.finalScreen.screen).toMatchObject({ name: 'error', staffCode: 'R-CERT_REVOKED' });
    runtime.devDock.command({ type: 'LIFT_CARD' });
    const locked = await runScenario(runtime.api, runtime.devDock, { card: 'yamada-hanako', pins: ['0000', '1111', '2222'], certificate: 'juminhyo' });
    expect(locked.finalScreen.screen).toMatchObject({ name: 'error', staffCode: 'C-LOCK' });

    s = await scrape(server.url);
    expect(s.get('konbini_kofu_refusals_total{code="CERT_REVOKED"}')).toBe(1);
    expect(s.get('konbini_kofu_errors_total{code="C-LOCK"}')).toBe(1);
    expect(s.get('konbini_kofu_issuances_total{kind="juminhyo"}')).toBe(1);
    unwatch();
  });
});

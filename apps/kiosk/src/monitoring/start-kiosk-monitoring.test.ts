import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessCardReader } from '@konbini-kofu/card-reader';
import { InProcessCashUnit } from '@konbini-kofu/cash-unit';
import { InProcessIoBoard } from '@konbini-kofu/io-board';
import { FolderPrinter } from '@konbini-kofu/printer';
import { demoConfig } from '../config/kiosk-config-schema';
import { runScenario } from '../headless/run-scenario';
import { createDemoRuntime, type DemoRuntime } from '../runtime/create-demo-runtime';
import { parsePrometheusText } from './prometheus-text.test-helper';
import { startKioskMonitoring, type KioskMonitoring } from './start-kiosk-monitoring';

let runtime: DemoRuntime | undefined;
let monitoring: KioskMonitoring | undefined;
let dir: string | undefined;
afterEach(async () => {
  await monitoring?.stop();
  await runtime?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  runtime = monitoring = dir = undefined;
});

describe('startKioskMonitoring', () => {
  it('logs the session screen by screen without the PIN, and serves metrics with device status', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kk-monitoring-'));
    runtime = await createDemoRuntime({ outputDir: dir, timings: { farewellMs: 200 } });
    const lines: string[] = [];
    const hoppers = new InProcessCashUnit();
    monitoring = await startKioskMonitoring({
      config: demoConfig(),
      version: '0.1.0',
      api: runtime.api,
      devices: { cardReader: new InProcessCardReader(), cashUnit: hoppers, printer: new FolderPrinter(dir), ioBoard: new InProcessIoBoard(), hopperLevels: () => Promise.resolve(hoppers.hoppers) },
      logDestination: { write: (s: string) => void lines.push(s) },
      metricsPort: 0,
    });
    expect(monitoring.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

    const run = await runScenario(runtime.api, runtime.devDock, { card: 'yamada-taro', pins: ['1234'], certificate: 'juminhyo', money: [1000] });
    expect(run.finalScreen.screen.name).toBe('thank-you');

    const records = lines.map((l) => JSON.parse(l) as { event?: string; screen?: string; kioskId?: string });
    const screens = records.filter((r) => r.event === 'flow.screen').map((r) => r.screen);
    expect(screens).toEqual(expect.arrayContaining(['attract', 'pin-entry', 'confirm-fee', 'paying', 'printing', 'thank-you']));
    expect(records.every((r) => r.kioskId === 'demo-kiosk-0001')).toBe(true);
    // The flow's lines (ports and times elsewhere could contain the digits by chance).
    expect(lines.filter((l) => l.includes('flow.screen')).join('')).not.toMatch(/1234|山田|霞が関/);

    const s = parsePrometheusText(await (await fetch(monitoring.metricsUrl)).text());
    expect(s.get('konbini_kofu_issuances_total{kind="juminhyo"}')).toBe(1);
    expect(s.get('konbini_kofu_device_status{device="printer",status="ok"}')).toBe(1);
    expect(s.get('konbini_kofu_hopper_coins{denomination="500"}')).toBe(20);
  });
});

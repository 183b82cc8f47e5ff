import { networkInterfaces } from 'node:os';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskMetrics } from './kiosk-metrics';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { parsePrometheusText } from './prometheus-text.test-helper';

const fresh = () => new KioskMetrics({ kioskId: 'tokyo-0001', version: '0.1.0' }, () => 1_700_000_000_000);

describe('KioskMetrics', () => {
  it('starts with identity, start time and zeroed gauges', () => {
    const s = parsePrometheusText(fresh().render());
    expect(s.get('konbini_kofu_info{kiosk_id="tokyo-0001",version="0.1.0"}')).toBe(1);
    expect(s.get('konbini_kofu_start_time_seconds')).toBe(1_700_000_000);
    expect(s.get('konbini_kofu_out_of_service')).toBe(0);
    expect(s.get('konbini_kofu_open_claims_yen')).toBe(0);
  });

  it('counts what happened, by label', () => {
    const m = fresh();
    m.issuance('juminhyo', 2, 600);
    m.issuance('juminhyo');
    m.issuance('inkan', 1, 300);
    m.refusal('CERT_REVOKED');
    m.refusal('weird code with spaces {}');
    m.error('P-JAM');
    m.cancellation();
    m.alarm('forgotten-chime');
    m.hopperLevel(100, 42);
    m.openClaims(1, 350);
    m.outOfService(true);
    const s = parsePrometheusText(m.render());
    expect(s.get('konbini_kofu_issuances_total{kind="juminhyo"}')).toBe(2);
    expect(s.get('konbini_kofu_copies_printed_total{kind="juminhyo"}')).toBe(3);
    expect(s.get('konbini_kofu_issuances_total{kind="inkan"}')).toBe(1);
    expect(s.get('konbini_kofu_fees_collected_yen_total')).toBe(900);
    expect(s.get('konbini_kofu_refusals_total{code="CERT_REVOKED"}')).toBe(1);
    expect(s.get('konbini_kofu_refusals_total{code="OTHER"}')).toBe(1);
    expect(s.get('konbini_kofu_errors_total{code="P-JAM"}')).toBe(1);
    expect(s.get('konbini_kofu_cancellations_total')).toBe(1);
    expect(s.get('konbini_kofu_alarms_total{kind="forgotten-chime"}')).toBe(1);
    expect(s.get('konbini_kofu_hopper_coins{denomination="100"}')).toBe(42);
    expect(s.get('konbini_kofu_open_claims')).toBe(1);
    expect(s.get('konbini_kofu_open_claims_yen')).toBe(350);
    expect(s.get('konbini_kofu_out_of_service')).toBe(1);
  });

  it('reports each device in exactly one status', () => {
    const m = fresh();
    m.deviceStatus('printer', 'ok');
    m.deviceStatus('printer', 'fault');
    const s = parsePrometheusText(m.render());
    expect(s.get('konbini_kofu_device_status{device="printer",status="fault"}')).toBe(1);
    expect(s.get('konbini_kofu_device_status{device="printer",status="ok"}')).toBe(0);
    expect([...s].filter(([k, v]) => k.startsWith('konbini_kofu_device_status{device="printer"') && v === 1)).toHaveLength(1);
  });
});

describe('metrics endpoint', () => {
  let server: MetricsServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('serves the text format at /metrics on 127.0.0.1 only', async () => {
    const m = fresh();
    server = await startMetricsServer({ port: 0, render: () => m.render() });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    m.issuance('tax');
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(parsePrometheusText(await res.text()).get('konbini_kofu_issuances_total{kind="tax"}')).toBe(1);
    expect((await fetch(server.url.replace('/metrics', '/'))).status).toBe(404);
    expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
  });

  it('cannot be reached on the machine\'s other addresses', async () => {
    server = await startMetricsServer({ port: 0, render: () => '' });
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    // A machine with only loopback has nothing to try; the listen address above still holds.
    for (const host of others) {
      const refused = await new Promise<string>((resolve) => {
        const req = request({ host, port: server!.port, path: '/metrics', timeout: 2000 }, () => resolve('answered'));
        req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
        req.end();
      });
      expect(refused, host).not.toBe('answered');
    }
  });
});

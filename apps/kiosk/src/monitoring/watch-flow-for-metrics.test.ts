import { describe, expect, it } from 'vitest';
import type { KioskApi } from '../shared/kiosk-api';
import type { KioskView, Screen } from '../shared/screen';
import { KioskMetrics } from './kiosk-metrics';
import { parsePrometheusText } from './prometheus-text.test-helper';
import { watchFlowForMetrics } from './watch-flow-for-metrics';

/** A KioskApi whose views the test pushes, as the flow would publish them. */
function scriptedApi() {
  let listener: ((v: KioskView) => void) | undefined;
  const api: KioskApi = { subscribe: (l) => ((listener = l), () => (listener = undefined)), send: () => undefined };
  const show = (screen: Screen) => listener?.({ screen, language: 'ja', step: null, guidanceKey: 'x', canCancel: false, canGoBack: false });
  return { api, show, subscribed: () => listener !== undefined };
}

describe('watchFlowForMetrics', () => {
  it('counts a printed document once, the alarm stages once each, and a cancellation', () => {
    const { api, show } = scriptedApi();
    const metrics = new KioskMetrics({ kioskId: 'k-001', version: 't' });
    watchFlowForMetrics(api, metrics);
    show({ name: 'attract', open: true });
    show({ name: 'confirm-fee', kind: 'koseki', municipalityName: '千代田区', copies: 2, fee: 900 });
    show({ name: 'paying', fee: 900, inserted: 1000, remaining: 0, change: 100 });
    show({ name: 'printing', pagesPrinted: 0, pagesTotal: 2 });
    show({ name: 'printing', pagesPrinted: 2, pagesTotal: 2 });
    for (const stage of ['prompt', 'chime', 'chime', 'voice', 'staff-called'] as const) show({ name: 'take-outputs', pending: ['certificate'], stage });
    show({ name: 'thank-you' });
    show({ name: 'attract', open: true });
    show({ name: 'cancelled', refunded: 100, claim: 0 });
    const s = parsePrometheusText(metrics.render());
    expect(s.get('konbini_kofu_issuances_total{kind="koseki"}')).toBe(1);
    expect(s.get('konbini_kofu_copies_printed_total{kind="koseki"}')).toBe(2);
    expect(s.get('konbini_kofu_fees_collected_yen_total')).toBe(900);
    expect(s.get('konbini_kofu_alarms_total{kind="forgotten-chime"}')).toBe(1);
    expect(s.get('konbini_kofu_alarms_total{kind="forgotten-voice"}')).toBe(1);
    expect(s.get('konbini_kofu_alarms_total{kind="forgotten-staff-called"}')).toBe(1);
    expect(s.get('konbini_kofu_cancellations_total')).toBe(1);
  });

  it('counts card refusals per card placed, center refusals and errors by code, and no issuance without printing', () => {
    const { api, show, subscribed } = scriptedApi();
    const metrics = new KioskMetrics({ kioskId: 'k-001', version: 't' });
    const stop = watchFlowForMetrics(api, metrics);
    show({ name: 'place-card' });
    show({ name: 'place-card', refusalKey: 'refusal.card.jukiCard' });
    show({ name: 'place-card' });
    show({ name: 'place-card', refusalKey: 'refusal.card.jukiCard' });
    show({ name: 'confirm-fee', kind: 'juminhyo', municipalityName: '千代田区', copies: 1, fee: 300 });
    show({ name: 'error', messageKey: 'refusal.center.CERT_REVOKED', staffCode: 'R-CERT_REVOKED', refunded: 0, claim: 0, refunding: false });
    show({ name: 'attract', open: true });
    show({ name: 'error', messageKey: 'error.printer.jam', staffCode: 'P-JAM', refunded: 300, claim: 0, refunding: false });
    show({ name: 'thank-you' });
    const s = parsePrometheusText(metrics.render());
    expect(s.get('konbini_kofu_refusals_total{code="card.jukiCard"}')).toBe(2);
    expect(s.get('konbini_kofu_refusals_total{code="CERT_REVOKED"}')).toBe(1);
    expect(s.get('konbini_kofu_errors_total{code="P-JAM"}')).toBe(1);
    expect(s.get('konbini_kofu_issuances_total{kind="juminhyo"}')).toBeUndefined();
    stop();
    expect(subscribed()).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from './metrics-registry';
import { parsePrometheusText } from './prometheus-text.test-helper';

describe('MetricsRegistry text format', () => {
  it('renders HELP, TYPE and one sorted line per series, ending with a newline', () => {
    const r = new MetricsRegistry();
    const c = r.counter('demo_total', 'Things done', ['kind']);
    const g = r.gauge('demo_level', 'A level');
    c.inc({ kind: 'b' });
    c.inc({ kind: 'a' }, 2);
    c.inc({ kind: 'b' });
    g.set({}, -1.5);
    expect(r.render()).toBe(
      ['# HELP demo_total Things done', '# TYPE demo_total counter', 'demo_total{kind="a"} 2', 'demo_total{kind="b"} 2', '# HELP demo_level A level', '# TYPE demo_level gauge', 'demo_level -1.5', ''].join('\n'),
    );
  });

  it('escapes label values and help text', () => {
    const r = new MetricsRegistry();
    r.counter('odd_total', 'back\\slash\nnewline', ['v']).inc({ v: 'a "quoted" \\ path\nline' });
    const text = r.render();
    expect(text).toContain('# HELP odd_total back\\\\slash\\nnewline\n');
    expect(text).toContain('odd_total{v="a \\"quoted\\" \\\\ path\\nline"} 1\n');
    expect(parsePrometheusText(text).size).toBe(1);
  });

  it('renders special values', () => {
    const r = new MetricsRegistry();
    const g = r.gauge('g', 'g', ['x']);
    g.set({ x: 'nan' }, NaN);
    g.set({ x: 'inf' }, Infinity);
    expect(r.render()).toContain('g{x="inf"} +Inf\ng{x="nan"} NaN\n');
  });

  it('refuses what Prometheus would reject or misread', () => {
    const r = new MetricsRegistry();
    expect(() => r.counter('bad-name', 'x')).toThrow(/invalid metric name/);
    expect(() => r.counter('ok_total', 'x', ['__reserved'])).toThrow(/invalid label name/);
    r.counter('once_total', 'x');
    expect(() => r.gauge('once_total', 'x')).toThrow(/registered twice/);
    expect(() => r.counter('down_total', 'x').inc({}, -1)).toThrow(/only go up/);
  });

  it('the test parser rejects malformed exposition (so it can catch a regression)', () => {
    expect(() => parsePrometheusText('x 1\n')).toThrow(/before TYPE/);
    expect(() => parsePrometheusText('# TYPE x counter\nx{a=b} 1\n')).toThrow(/not a valid/);
    expect(() => parsePrometheusText('# TYPE x counter\nx 1')).toThrow(/newline/);
  });
});

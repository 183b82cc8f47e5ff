/**
 * A small metrics registry that renders the Prometheus text exposition format (0.0.4).
 * A kiosk has a few dozen series, so a Map per metric is enough; no client library needed.
 */
export type Labels = Record<string, string>;
type MetricType = 'counter' | 'gauge';

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

class Metric<L extends string> {
  private readonly series = new Map<string, { labels: Labels; value: number }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: MetricType,
    private readonly labelNames: readonly L[],
  ) {
    if (!NAME.test(name)) throw new Error(`invalid metric name ${name}`);
    for (const l of labelNames) if (!LABEL_NAME.test(l) || l.startsWith('__')) throw new Error(`invalid label name ${l}`);
  }

  protected update(labels: Record<L, string>, change: (old: number) => number): void {
    const key = this.labelNames.map((l) => labels[l]).join('\u0000');
    const entry = this.series.get(key) ?? { labels: { ...labels }, value: 0 };
    entry.value = change(entry.value);
    this.series.set(key, entry);
  }

  value(labels: Record<L, string>): number | undefined {
    return this.series.get(this.labelNames.map((l) => labels[l]).join('\u0000'))?.value;
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`];
    const sorted = [...this.series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, { labels, value }] of sorted) lines.push(`${this.name}${renderLabels(labels)} ${renderValue(value)}`);
    return lines.join('\n');
  }
}

export class Counter<L extends string = never> extends Metric<L> {
  inc(labels: Record<L, string>, by = 1): void {
    if (by < 0 || !Number.isFinite(by)) throw new Error(`counter ${this.name} can only go up`);
    this.update(labels, (old) => old + by);
  }
}

export class Gauge<L extends string = never> extends Metric<L> {
  set(labels: Record<L, string>, value: number): void {
    this.update(labels, () => value);
  }
}

export class MetricsRegistry {
  private readonly metrics = new Map<string, Metric<string>>();

  counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.add(new Counter<L>(name, help, 'counter', labelNames));
  }

  gauge<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.add(new Gauge<L>(name, help, 'gauge', labelNames));
  }

  /** The whole registry in the text format, ending with a newline as Prometheus expects. */
  render(): string {
    return [...this.metrics.values()].map((m) => m.render()).join('\n') + '\n';
  }

  private add<M extends Metric<string>>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}

function renderLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

function renderValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

const escapeLabelValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

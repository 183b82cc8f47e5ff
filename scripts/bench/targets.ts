/** The product's measurable claims (issue 11), each checked against a measured figure. */
interface Target {
  name: string;
  figure: string;
  limit: number;
  /** 'min': the figure must be at least the limit; 'max': at most. */
  kind: 'min' | 'max';
}

const TARGETS: Target[] = [
  { name: 'center throughput at 100 kiosks ≥ 100/s', figure: 'center_issuances_per_s', limit: 100, kind: 'min' },
  { name: 'center p99 at 100 kiosks ≤ 300 ms', figure: 'center_p99_ms', limit: 300, kind: 'max' },
  { name: 'kiosk machine time per issuance p50 ≤ 300 ms', figure: 'kiosk_machine_ms_p50', limit: 300, kind: 'max' },
  { name: 'soak RSS growth ≤ 5 MB', figure: 'soak_rss_growth_mb', limit: 5, kind: 'max' },
];

export type TargetResult = { target: string; figure: string; value: number | null; met: boolean | null };

/** met is null when the figure was not measured: unknown is not a pass. */
export function evaluateTargets(figures: Record<string, number | null>): TargetResult[] {
  return TARGETS.map((t) => {
    const value = figures[t.figure] ?? null;
    const met = value === null ? null : t.kind === 'min' ? value >= t.limit : value <= t.limit;
    return { target: t.name, figure: t.figure, value, met };
  });
}

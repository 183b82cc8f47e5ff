import type { CertificateKind, Statistics } from '@konbini-kofu/center-client';

/** The seed's row labels (年度別交付通数). */
const SEED_LABELS: Record<CertificateKind, string> = {
  juminhyo: '住民票',
  'juminhyo-kisai': '住記載',
  inkan: '印鑑',
  tax: '税',
  koseki: '戸籍',
  'koseki-fuhyo': '附票',
};

/** The center's statistics laid out as the seed's tables: kinds × months, then municipalities and shares. */
export function formatStatistics(stats: Statistics): string {
  const months = [...new Set(stats.byMonthAndKind.map((r) => r.month))].sort();
  const count = (kind: CertificateKind, month: string): number => stats.byMonthAndKind.find((r) => r.kind === kind && r.month === month)?.count ?? 0;
  const lines = ['交付通数 (center statistics)', ['種別', ...months, '累計'].join('\t')];
  for (const kind of Object.keys(SEED_LABELS) as CertificateKind[]) {
    const row = months.map((m) => count(kind, m));
    lines.push([SEED_LABELS[kind], ...row.map((n) => n.toLocaleString('en-US')), row.reduce((a, b) => a + b, 0).toLocaleString('en-US')].join('\t'));
  }
  lines.push(['合計', ...months.map((m) => stats.byMonthAndKind.filter((r) => r.month === m).reduce((a, r) => a + r.count, 0).toLocaleString('en-US')), stats.total.toLocaleString('en-US')].join('\t'));
  lines.push('', '交付通数 by municipality (発行団体)');
  for (const m of stats.byMunicipality) lines.push(`${m.name} (${m.code})\t${m.count.toLocaleString('en-US')}`);
  lines.push('', `市区町村窓口時間外のコンビニ交付割合\t${(stats.outsideOfficeHoursShare * 100).toFixed(1)}%`, `他市区町村でのコンビニ交付割合\t${(stats.otherMunicipalityShare * 100).toFixed(1)}%`);
  return lines.join('\n');
}

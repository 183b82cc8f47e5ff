import type { CertificateKind } from '@konbini-kofu/center-client';
import { cardProfiles, findMunicipality, findResident } from '@konbini-kofu/fixtures';
import { checkKind, sessionRefusal } from '../../mock-center/src/rules/issuance-rules';
import { jstTime } from '../../mock-center/src/rules/jst-time';
import type { ScenarioInput } from '../../apps/kiosk/src/headless/scenario';

/**
 * The seed's 年度別交付通数, 令和5年度 column: certificates issued nationwide per kind. The
 * fleet draws kinds in these proportions.
 */
export const SEED_REIWA5_COUNTS: Readonly<Record<CertificateKind, number>> = {
  juminhyo: 15_300_371,
  'juminhyo-kisai': 248_270,
  inkan: 10_687_923,
  tax: 2_146_003,
  koseki: 3_288_104,
  'koseki-fuhyo': 225_416,
};

export interface FleetWork {
  kind: CertificateKind;
  /** Residents (card profiles) who can be issued this kind now, each with their scenario. */
  scenarios: ScenarioInput[];
  weight: number;
}

/** Coins for an exact fee (largest first), as a resident with a purse of coins pays. */
export function exactCoins(fee: number): (500 | 100 | 50 | 10)[] {
  const coins: (500 | 100 | 50 | 10)[] = [];
  let left = fee;
  for (const c of [500, 100, 50, 10] as const) {
    while (left >= c) {
      coins.push(c);
      left -= c;
    }
  }
  if (left !== 0) throw new Error(`fee ${fee} cannot be paid in coins`);
  return coins;
}

/**
 * For each kind, the good My Number cards whose resident the center's own rules let have it at
 * `now` (municipality offers it, hours, seal registered, 本籍 registered, tax year…). A kind no
 * resident can have now is left out, and said so in `excluded`.
 */
export function fleetMix(now: number): { work: FleetWork[]; excluded: CertificateKind[] } {
  const t = jstTime(now);
  const work: FleetWork[] = [];
  const excluded: CertificateKind[] = [];
  for (const [kind, weight] of Object.entries(SEED_REIWA5_COUNTS) as [CertificateKind, number][]) {
    const scenarios: ScenarioInput[] = [];
    for (const card of cardProfiles) {
      if (card.token !== 'JPKIAPICCTOKEN2' || card.certificateStatus !== 'good' || card.pinTriesLeft < 1 || !card.residentId) continue;
      const resident = findResident(card.residentId);
      if (!resident || sessionRefusal(resident, t) !== undefined) continue;
      const checked = checkKind(resident, kind, t);
      if (!checked.ok || !findMunicipality(checked.value.issuer.code)) continue;
      scenarios.push({ name: `${card.id} ${kind}`, card: card.id, pins: [card.pin], certificate: kind, money: exactCoins(checked.value.offering.fee) });
    }
    if (scenarios.length === 0) excluded.push(kind);
    else work.push({ kind, scenarios, weight });
  }
  return { work, excluded };
}

/** Draws one scenario: a kind by the seed's weights, then a resident uniformly. */
export function drawScenario(mix: FleetWork[], random: () => number): { kind: CertificateKind; scenario: ScenarioInput } {
  const total = mix.reduce((s, w) => s + w.weight, 0);
  let r = random() * total;
  const work = mix.find((w) => (r -= w.weight) < 0) ?? mix[mix.length - 1]!;
  const scenario = work.scenarios[Math.floor(random() * work.scenarios.length)]!;
  return { kind: work.kind, scenario };
}

import type { CertificateKind } from '@konbini-kofu/center-client';
import type { KioskApi } from '../shared/kiosk-api';
import type { AlarmStage, KioskView, Screen } from '../shared/screen';
import type { AlarmKind, KioskMetrics } from './kiosk-metrics';

const alarmOfStage: Partial<Record<AlarmStage, AlarmKind>> = {
  chime: 'forgotten-chime',
  voice: 'forgotten-voice',
  'staff-called': 'forgotten-staff-called',
};

/**
 * Derives the transaction metrics from the views the flow publishes, so counting needs no
 * hook inside the state machine: a document counts as issued once its printing finished.
 * Returns the unsubscribe function.
 */
export function watchFlowForMetrics(api: KioskApi, metrics: KioskMetrics): () => void {
  let chosen: { kind: CertificateKind; copies: number; fee: number } | undefined;
  let previous: Screen | undefined;
  const alarmed = new Set<AlarmStage>();

  const onView = ({ screen }: KioskView): void => {
    const entered = screen.name !== previous?.name;
    switch (screen.name) {
      case 'attract':
        chosen = undefined;
        alarmed.clear();
        break;
      case 'place-card':
        if (screen.refusalKey !== undefined && (previous?.name !== 'place-card' || previous.refusalKey !== screen.refusalKey)) {
          metrics.refusal(screen.refusalKey.replace(/^refusal\./, ''));
        }
        break;
      case 'confirm-fee':
        chosen = { kind: screen.kind, copies: screen.copies, fee: screen.fee };
        break;
      case 'take-outputs':
      case 'thank-you':
        if (previous?.name === 'printing' && chosen) {
          metrics.issuance(chosen.kind, chosen.copies, chosen.fee);
          chosen = undefined;
        }
        if (screen.name === 'take-outputs') {
          const alarm = alarmOfStage[screen.stage];
          if (alarm && !alarmed.has(screen.stage)) {
            alarmed.add(screen.stage);
            metrics.alarm(alarm);
          }
        }
        break;
      case 'cancelled':
        if (entered) metrics.cancellation();
        break;
      case 'error':
        if (entered) {
          if (screen.staffCode.startsWith('R-')) metrics.refusal(screen.staffCode.slice(2));
          else metrics.error(screen.staffCode);
        }
        break;
      default:
        break;
    }
    previous = screen;
  };
  return api.subscribe(onView);
}

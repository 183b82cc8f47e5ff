import type { ForgottenOutputAlarm } from '@konbini-kofu/io-board';
import type { ForgottenItems } from './staff-ports';

/**
 * Staff's view of the io-board's forgotten-output alarm (取り忘れ): once it has called staff, the
 * items it called them for, until they are taken (the alarm then ends by itself, logging who-knows
 * took them at the staff-call stage) or staff clear them. While the resident may still take them, nothing.
 */
export function forgottenItemsFromAlarm(alarm: Pick<ForgottenOutputAlarm, 'state' | 'staffClear'>): ForgottenItems {
  return {
    pending: () => {
      const state = alarm.state();
      return state.kind === 'unclaimed' ? [...state.calledFor] : [];
    },
    clear: (staffId) => alarm.staffClear(staffId),
  };
}

import type { AuditLog } from './staff-console';

/** Where staff actions are journaled: the transaction journal's staff_actions table. */
export interface StaffActionSink {
  recordStaffAction(entry: { staffId: string | undefined; action: string; ok: boolean; detail: object }): void;
}

/**
 * The staff console's audit log, journaled: every staff action (sign-in, refused PINs, clears,
 * refills, settlements, service switches) becomes a row with the staff id, so a store can answer
 * "who cleared that alarm, who took the cashbox" from the journal. Also passed to `also` (logs).
 */
export function journalAudit(sink: StaffActionSink, also?: AuditLog): AuditLog {
  const write = (ok: boolean) => (fields: object, message: string) => {
    const { event, staffId, ...detail } = fields as { event?: unknown; staffId?: unknown };
    sink.recordStaffAction({
      staffId: typeof staffId === 'string' ? staffId : undefined,
      action: typeof event === 'string' ? event : message,
      ok,
      detail,
    });
    also?.[ok ? 'info' : 'warn'](fields, message);
  };
  return { info: write(true), warn: write(false) };
}

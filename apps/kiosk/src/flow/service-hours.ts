/** Whether the kiosk takes a new resident now, and why not. */
export interface Availability {
  open: boolean;
  closedReasonKey?: string;
  /** Out of service: what is wrong, for the resident and (by code) for staff. */
  problems?: { reasonKey: string; staffCode: string }[];
}

export interface ServiceHours {
  /** "HH:MM" in Japan time. */
  open: string;
  close: string;
  /** "MM-DD" days without service (年末年始). */
  closedDays: readonly string[];
}

/** コンビニ交付's default: 6:30–23:00, closed 12/29–1/3. */
export const DEFAULT_SERVICE_HOURS: ServiceHours = {
  open: '06:30',
  close: '23:00',
  closedDays: ['12-29', '12-30', '12-31', '01-01', '01-02', '01-03'],
};

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function serviceAvailability(now: Date, hours: ServiceHours = DEFAULT_SERVICE_HOURS): Availability {
  const jst = new Date(now.getTime() + 9 * 3_600_000);
  const day = `${String(jst.getUTCMonth() + 1).padStart(2, '0')}-${String(jst.getUTCDate()).padStart(2, '0')}`;
  const minute = jst.getUTCHours() * 60 + jst.getUTCMinutes();
  if (hours.closedDays.includes(day) || minute < minutes(hours.open) || minute >= minutes(hours.close)) {
    return { open: false, closedReasonKey: 'attract.closed.outOfHours' };
  }
  return { open: true };
}

/** The IPC channels between the kiosk window and the main process (one module each in main/ipc). */
export const IPC = {
  /** main → renderer: a new view of the flow. */
  view: 'kiosk:view',
  /** renderer → main (invoke): the view showing now, for a renderer that just loaded. */
  currentView: 'kiosk:current-view',
  /** renderer → main: what the resident did. */
  action: 'kiosk:action',
  /** renderer → main (invoke): a staff call (shared/staff-api.ts), answered with its reply. */
  staff: 'kiosk:staff',
  /** main → renderer: the maintenance key was turned; show the staff sign-in. */
  staffOpen: 'kiosk:staff-open',
} as const;

/** The faults of the matrix, each injected from the moment the flow enters a given state. */
export const FAULTS = [
  'card-lifted',
  'reader-gone',
  'center-down',
  'center-slow',
  'center-5xx',
  'center-malformed',
  'center-bad-signature',
  'printer-paper-out',
  'printer-jam',
  'printer-offline',
  'cash-port-gone',
  'hopper-empty',
] as const;
export type FaultName = (typeof FAULTS)[number];

export type CenterFault = 'down' | 'slow' | '5xx' | 'malformed' | 'bad-signature';

export const centerFaultOf: Partial<Record<FaultName, CenterFault>> = {
  'center-down': 'down',
  'center-slow': 'slow',
  'center-5xx': '5xx',
  'center-malformed': 'malformed',
  'center-bad-signature': 'bad-signature',
};

/** What the resident does: the happy path, a cancel with money inserted, and a visit whose print fails. */
export const PATHS = ['issue', 'cancel-paying', 'print-fails'] as const;
export type ResidentPath = (typeof PATHS)[number];

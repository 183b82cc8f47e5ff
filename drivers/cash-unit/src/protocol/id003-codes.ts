/** Controller → acceptor commands (ID-003). */
export const Id003Command = {
  statusRequest: 0x11,
  reset: 0x40,
  stack1: 0x41,
  stack2: 0x42,
  returnBill: 0x43,
  hold: 0x44,
  wait: 0x45,
  ack: 0x50,
  /** Setting commands; the acceptor echoes the command and its data. */
  setEnableDenominations: 0xc0,
  setSecurity: 0xc1,
  setCommunicationMode: 0xc2,
  setInhibit: 0xc3,
  setDirection: 0xc4,
  setOptionalFunction: 0xc5,
  requestVersion: 0x88,
  /** Currency assignment request: the acceptor's escrow code → denomination table, in inhibit-bit order. */
  currencyAssignRequest: 0x8a,
} as const;

/** Acceptor → controller status and replies (ID-003). */
export const Id003Status = {
  idling: 0x11,
  accepting: 0x12,
  escrow: 0x13,
  stacking: 0x14,
  vendValid: 0x15,
  stacked: 0x16,
  rejecting: 0x17,
  returning: 0x18,
  holding: 0x19,
  disabled: 0x1a,
  initialize: 0x1b,
  powerUp: 0x40,
  powerUpWithBillInAcceptor: 0x41,
  powerUpWithBillInStacker: 0x42,
  stackerFull: 0x43,
  stackerOpen: 0x44,
  jamInAcceptor: 0x45,
  jamInStacker: 0x46,
  pause: 0x47,
  cheated: 0x48,
  failure: 0x49,
  communicationError: 0x4a,
  invalidCommand: 0x4b,
  ack: 0x50,
} as const;

/**
 * Escrow denomination codes as configured for the Japanese yen currency table of our unit.
 * The code→value table is set per currency in the acceptor's firmware, so it is configuration,
 * not protocol; these are the defaults the emulator uses too.
 */
export const YEN_ESCROW_CODES: ReadonlyMap<number, 1000 | 2000 | 5000 | 10000> = new Map([
  [0x61, 1000],
  [0x62, 2000],
  [0x63, 5000],
  [0x64, 10000],
]);

export function escrowCodeOf(note: 1000 | 2000 | 5000 | 10000): number {
  for (const [code, value] of YEN_ESCROW_CODES) if (value === note) return code;
  throw new Error(`no escrow code for ${note}`);
}

/** Reject reasons (data byte of REJECTING). */
export const Id003RejectReason: Readonly<Record<number, string>> = {
  0x71: 'insertion error',
  0x72: 'mag pattern error',
  0x73: 'return by residual bill',
  0x74: 'calibration/magnification error',
  0x75: 'conveying error',
  0x76: 'discrimination error for bill denomination',
  0x77: 'photo pattern error',
  0x78: 'photo level error',
  /** Also the reason for a denomination disabled by the 0xC0 mask. */
  0x79: 'return by inhibit',
  0x7b: 'operation error',
  0x7d: 'length error',
  0x7e: 'color pattern error',
};

/** Failure codes (data byte of FAILURE). */
export const Id003FailureCode: Readonly<Record<number, string>> = {
  0xa2: 'stack motor failure',
  0xa5: 'transport motor speed failure',
  0xa6: 'transport motor failure',
  0xab: 'solenoid failure',
  0xaf: 'cash box not ready',
  0xb0: 'validator head removed',
  0xb1: 'boot ROM failure',
  0xb2: 'external ROM failure',
  0xb3: 'RAM failure',
  0xb4: 'external ROM writing failure',
};

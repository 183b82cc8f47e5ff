import type { OutputItem } from './screen';

/**
 * Staff mode across the process boundary: the touchscreen's staff screens call the kiosk's staff
 * console through one typed request/reply method (Electron IPC invoke, or the demo's WebSocket
 * bridge). Every value is plain JSON. The console checks the staff session on every call and
 * journals it; the renderer holds no authority of its own.
 */

export type StaffFailure = { kind: 'locked' | 'not-available' | 'refused'; detail: string };
export type StaffReply<T> = { ok: true; value: T } | { ok: false; error: StaffFailure };

export type StaffUnlockReply =
  | { ok: true; staffId: string }
  | { ok: false; reason: 'wrong-pin'; triesLeft: number }
  | { ok: false; reason: 'locked-out'; until: string }
  | { ok: false; reason: 'unknown-card' }
  /** No card on the reader, or one that could not be read. */
  | { ok: false; reason: 'no-card' };

export type ServiceStateView = { inService: true } | { inService: false; message: { ja: string; en: string }; since: string; by: string };

export type DeviceHealthView = 'ok' | 'warning' | 'fault' | 'disconnected';
export interface DeviceReportView {
  device: 'card-reader' | 'cash-unit' | 'printer' | 'io-board';
  health: DeviceHealthView;
  detail: string;
}

export interface OpenClaimView {
  id: string;
  amount: number;
  at: string;
  detail: string;
}

/** Coins by face value ("10", "50", "100", "500") and notes ("1000" …): counts. */
export type CountsView = Record<string, number>;

export interface CashboxView {
  notes: CountsView;
  coins: CountsView;
  total: number;
}

export interface DayCountersView {
  day: string;
  transactions: number;
  issued: Record<string, { documents: number; copies: number; fees: number }>;
  feesKept: number;
  cashTaken: number;
  cashReturned: number;
  claims: number;
  cancelled: number;
  printFailed: number;
}

/** A refusal shown to the resident as a neutral code: when, that code, and the reason only staff see. */
export interface RefusalView {
  at: string;
  staffCode: string;
  reason: string;
  kind?: string;
}

export interface StaffOverview {
  staffId: string;
  service: ServiceStateView;
  /** Items a resident left behind after the alarm called staff. */
  forgotten: OutputItem[];
  devices: DeviceReportView[];
  openClaims: number;
}

/** A card staff placed, read without a PIN: who issued its certificate and until when, never whose it is. */
export type CardTestView = { read: true; holder: string; issuer: string; validTo: string } | { read: false; failure: string; detail?: string };

/** One command of the LED and buzzer test and whether the I/O board accepted it (staff judge by eye and ear). */
export interface SignalStepView {
  target: string;
  command: string;
  ok: boolean;
  detail?: string;
}

/**
 * The coin and note acceptance test as the touchscreen polls it: what the unit counted so far, and
 * once finished what it handed back (anything short is a claim: the hoppers could not pay it).
 */
export type AcceptanceTestView =
  | { state: 'running'; accepted: number[]; faults: string[] }
  | { state: 'finished'; accepted: number[]; faults: string[]; returned: number; claim: number };

export type TestPrintView = { printed: true; jobId: number } | { printed: false; failure: string; detail?: string };

/** Each call: its arguments and its reply. */
export interface StaffCalls {
  'unlock-pin': { args: { pin: string }; reply: StaffUnlockReply };
  /** The staff card on the reader. */
  'unlock-card': { args: Record<string, never>; reply: StaffUnlockReply };
  lock: { args: Record<string, never>; reply: { ok: true } };
  overview: { args: Record<string, never>; reply: StaffReply<StaffOverview> };
  'clear-forgotten': { args: Record<string, never>; reply: StaffReply<{ cleared: OutputItem[]; stillSensed: OutputItem[] }> };
  claims: { args: Record<string, never>; reply: StaffReply<OpenClaimView[]> };
  'settle-claim': { args: { claimId: string; paid: number }; reply: StaffReply<OpenClaimView[]> };
  'hopper-levels': { args: Record<string, never>; reply: StaffReply<CountsView> };
  refill: { args: { coin: 10 | 50 | 100 | 500; count: number }; reply: StaffReply<CountsView> };
  'collect-cashbox': { args: Record<string, never>; reply: StaffReply<CashboxView> };
  'test-print': { args: Record<string, never>; reply: StaffReply<TestPrintView> };
  /** Reads the card on the reader (any card; no PIN). */
  'test-card': { args: Record<string, never>; reply: StaffReply<CardTestView> };
  /** Blinks each slot LED in turn and sounds the chime. */
  'test-signals': { args: Record<string, never>; reply: StaffReply<SignalStepView[]> };
  /** Opens the cash unit for the acceptance test (or shows the one already running). */
  'acceptance-test-start': { args: Record<string, never>; reply: StaffReply<AcceptanceTestView> };
  /** What the running (or last) acceptance test counted: the screen polls it. */
  'acceptance-test-status': { args: Record<string, never>; reply: StaffReply<AcceptanceTestView | undefined> };
  /** Ends the acceptance test: the unit pays back everything inserted. */
  'acceptance-test-finish': { args: Record<string, never>; reply: StaffReply<AcceptanceTestView> };
  diagnostics: { args: Record<string, never>; reply: StaffReply<DeviceReportView[]> };
  'day-counters': { args: Record<string, never>; reply: StaffReply<DayCountersView> };
  /** The latest discreet refusals (newest first), with their reasons. */
  refusals: { args: Record<string, never>; reply: StaffReply<RefusalView[]> };
  'set-service': { args: { inService: boolean }; reply: StaffReply<ServiceStateView> };
}

export type StaffOp = keyof StaffCalls;
export type StaffCall = { [K in StaffOp]: { op: K } & StaffCalls[K]['args'] }[StaffOp];

export interface StaffApi {
  call<K extends StaffOp>(op: K, args: StaffCalls[K]['args']): Promise<StaffCalls[K]['reply']>;
  /** The maintenance key was turned (the I/O board's maintenance door opened): show the staff sign-in. */
  onOpenRequest(listener: () => void): () => void;
}

/** The main-process side a transport serves: the call, already parsed, and the key events. */
export interface StaffEndpoint {
  handle(call: StaffCall): Promise<StaffCalls[StaffOp]['reply']>;
  onOpenRequest(listener: () => void): () => void;
}

/** A StaffApi over a transport that sends a call and resolves with its reply. */
export function staffApiOver(send: (call: StaffCall) => Promise<unknown>, onOpenRequest: StaffApi['onOpenRequest']): StaffApi {
  return {
    call: <K extends StaffOp>(op: K, args: StaffCalls[K]['args']) => send({ op, ...args } as StaffCall) as Promise<StaffCalls[K]['reply']>,
    onOpenRequest,
  };
}

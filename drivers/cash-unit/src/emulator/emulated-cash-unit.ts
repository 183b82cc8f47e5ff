import type { Coin, Note } from '../cash-unit';
import type { PollTiming } from '../devices/device-connection';
import { MoneyJournal } from '../journal/money-journal';
import type { CcTalkChecksumMode } from '../protocol/cctalk-frames';
import { SerialCashUnit } from '../serial-cash-unit';
import { CCTALK_LINE, ID003_LINE, type ByteStream } from '../transport/byte-stream';
import { openSerialPort } from '../transport/serialport-byte-stream';
import { CcTalkBusEmulator } from './cctalk-bus-emulator';
import { FaultProxy } from './fault-proxy';
import { Id003Emulator, type Id003EmulatorOptions } from './id003-emulator';
import { startSocatPair, type SocatPair } from './socat-pair';

export const HOPPER_ADDRESSES: ReadonlyArray<{ address: number; coin: Coin }> = [
  { address: 3, coin: 500 },
  { address: 4, coin: 100 },
  { address: 5, coin: 50 },
  { address: 6, coin: 10 },
];

/** Fast polling for ptys; the reply timeout leaves room for a loaded CI machine (2 cores, 2 workers). */
export const PTY_TIMING: PollTiming = { pollIntervalMs: 25, replyTimeoutMs: 250, attempts: 3, failuresBeforeDisconnect: 2, reconnectIntervalMs: 150, lostAfterMs: 2500 };

export interface EmulatedCashUnit {
  unit: SerialCashUnit;
  journal: MoneyJournal;
  validator: Id003Emulator;
  bus: CcTalkBusEmulator;
  validatorLine: SocatPair;
  busLine: SocatPair;
  /** With `hostileLine`: the fault-injecting relays between each driver and its emulator. */
  lines: { bus: FaultProxy; validator: FaultProxy } | undefined;
  /** Kills the bill validator's socat (the cable is pulled); the driver must notice without a close event. */
  unplugValidator(): Promise<void>;
  /** A new socat pair at the same path with a fresh (powered-up) validator: the cable goes back in. */
  replugValidator(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole cash unit over real serial lines: two socat pty pairs, the ID-003 and ccTalk emulators on
 * the device ends, and SerialCashUnit (through serialport) on the host ends. Used by the integration
 * tests and the QA CLI. The journal starts with the hoppers filled as the emulator's.
 */
export async function startEmulatedCashUnit(options: {
  dir: string;
  journalPath: string;
  hopperLevels: Record<Coin, number>;
  timing?: PollTiming;
  lowLevel?: Partial<Record<Coin, number>>;
  ccTalkMode?: CcTalkChecksumMode;
  acceptedNotes?: readonly Note[];
  /** The emulated acceptor's own settings (its currency table, answered to 0x8A). */
  validatorOptions?: Id003EmulatorOptions;
  /**
   * Puts a FaultProxy between each driver and its emulator, over a second socat pair per line:
   * driver ↔ pty ↔ proxy ↔ pty ↔ emulator (`lines` on the rig plans the faults).
   */
  hostileLine?: boolean;
  /** The hoppers' motors pay one coin per this many ms on their own (default: coins per status poll). */
  hopperMotorMs?: number;
  /** Hopper EEPROM and physical coins persist here (see CcTalkBusEmulator `stateFile`). */
  busStateFile?: string;
  /** false: the journal already holds the hopper counts (a restart on an existing journal). */
  fillJournal?: boolean;
}): Promise<EmulatedCashUnit> {
  const mode = options.ccTalkMode ?? 'checksum8';
  const validatorLine = await startSocatPair(options.dir, 'id003');
  const busLine = await startSocatPair(options.dir, 'cctalk');
  const extraLines: SocatPair[] = [];
  const extraStreams: ByteStream[] = [];
  let lines: EmulatedCashUnit['lines'];
  // Which pty the emulators open: the driver's pair directly, or a second pair behind a proxy.
  const emulatorEnd = async (line: SocatPair, name: string, settings: typeof ID003_LINE, protocol: ConstructorParameters<typeof FaultProxy>[2]): Promise<{ path: string; proxy?: FaultProxy }> => {
    if (!options.hostileLine) return { path: line.devicePath };
    const inner = await startSocatPair(options.dir, `${name}-emulator`);
    extraLines.push(inner);
    const hostSide = await openSerialPort(line.devicePath, settings);
    const deviceSide = await openSerialPort(inner.hostPath, settings);
    extraStreams.push(hostSide, deviceSide);
    return { path: inner.devicePath, proxy: new FaultProxy(hostSide, deviceSide, protocol) };
  };
  const validatorEnd = await emulatorEnd(validatorLine, 'id003', ID003_LINE, { kind: 'id003' });
  const busEnd = await emulatorEnd(busLine, 'cctalk', CCTALK_LINE, { kind: 'cctalk', mode });
  if (validatorEnd.proxy && busEnd.proxy) lines = { bus: busEnd.proxy, validator: validatorEnd.proxy };
  let validatorStream: ByteStream = await openSerialPort(validatorEnd.path, ID003_LINE);
  const busStream: ByteStream = await openSerialPort(busEnd.path, CCTALK_LINE);
  const validator = new Id003Emulator(validatorStream, options.validatorOptions);
  const bus = new CcTalkBusEmulator(busStream, {
    mode,
    hoppers: HOPPER_ADDRESSES.map(({ address, coin }) => ({ address, coin, level: options.hopperLevels[coin] })),
    ...(options.hopperMotorMs !== undefined ? { motorMs: options.hopperMotorMs } : {}),
    ...(options.busStateFile !== undefined ? { stateFile: options.busStateFile } : {}),
  });
  const journal = new MoneyJournal(options.journalPath);
  if (options.fillJournal !== false) for (const { coin } of HOPPER_ADDRESSES) journal.correctHopper(coin, options.hopperLevels[coin], 'initial fill (emulator)');
  const unit = new SerialCashUnit({
    journal,
    billValidator: { connect: () => openSerialPort(validatorLine.hostPath, ID003_LINE), ...(options.acceptedNotes ? { acceptedNotes: options.acceptedNotes } : {}) },
    ccTalk: { connect: () => openSerialPort(busLine.hostPath, CCTALK_LINE), hoppers: HOPPER_ADDRESSES, mode },
    timing: options.timing ?? PTY_TIMING,
    hopperPollMs: 15,
    noteSettleMs: 3000,
    ...(options.lowLevel ? { lowLevel: options.lowLevel } : {}),
  });
  unit.start();
  const rig: EmulatedCashUnit = {
    unit,
    journal,
    validator,
    bus,
    validatorLine,
    busLine,
    lines,
    unplugValidator: async () => {
      await rig.validatorLine.stop();
      await validatorStream.close().catch(() => undefined);
    },
    replugValidator: async () => {
      rig.validatorLine = await startSocatPair(options.dir, 'id003');
      validatorStream = await openSerialPort(rig.validatorLine.devicePath, ID003_LINE);
      rig.validator = new Id003Emulator(validatorStream, options.validatorOptions);
    },
    close: async () => {
      await unit.close();
      lines?.bus.close();
      lines?.validator.close();
      bus.close();
      await Promise.all([validatorStream, busStream, ...extraStreams].map((s) => s.close().catch(() => undefined)));
      await Promise.all([rig.validatorLine.stop(), busLine.stop(), ...extraLines.map((l) => l.stop())]);
      journal.close();
    },
  };
  return rig;
}

import type { Clock } from './clock';
import { EmulatedIoBoard } from './emulator/emulated-io-board';
import { serveIoBoardControl } from './emulator/io-board-control';
import { HidIoBoard, type IoBoardLogEvent } from './hid/hid-io-board';
import { NodeHidTransport } from './hid/node-hid-transport';

/** The shapes of devices.ioBoard in the kiosk configuration (apps/kiosk/src/config). */
export type IoBoardConfig = { kind: 'emulated'; controlSocket?: string } | { kind: 'hid'; vendorId: number; productId: number };

export interface OpenedIoBoard {
  board: HidIoBoard;
  /** Present for `emulated`: flip its sensors in tests, or through the control socket and io-board-cli. */
  emulator?: EmulatedIoBoard;
  close(): Promise<void>;
}

/**
 * For the composition root: the same HidIoBoard driver over node-hid or over the emulated
 * firmware, so the demo exercises the real report handling.
 */
export async function openIoBoard(config: IoBoardConfig, options: { clock?: Clock; onLog?: (event: IoBoardLogEvent) => void } = {}): Promise<OpenedIoBoard> {
  const common = { ...(options.clock ? { clock: options.clock } : {}), ...(options.onLog ? { onLog: options.onLog } : {}) };
  if (config.kind === 'hid') {
    const board = await HidIoBoard.open({ vendorId: config.vendorId, productId: config.productId, transport: new NodeHidTransport(), ...common });
    return { board, close: () => board.close() };
  }
  const emulator = new EmulatedIoBoard();
  const board = await HidIoBoard.open({ vendorId: emulator.vendorId, productId: emulator.productId, transport: emulator, ...common });
  const control = config.controlSocket === undefined ? undefined : await serveIoBoardControl(emulator, config.controlSocket);
  return {
    board,
    emulator,
    close: async () => {
      await control?.close();
      await board.close();
    },
  };
}

import type { Denomination } from '@konbini-kofu/cash-unit';
import type { ResidentAction } from './resident-action';
import type { KioskView } from './screen';

/**
 * The one typed API that crosses the process boundary: Electron's contextBridge object, or
 * the browser demo's WebSocket bridge. The renderer subscribes to views and sends actions.
 */
export interface KioskApi {
  subscribe(listener: (view: KioskView) => void): () => void;
  send(action: ResidentAction): void;
}

/** Demo/QA only (never in a production build): drive the emulated devices. */
export type DevDockCommand =
  | { type: 'PLACE_CARD'; profileId: string }
  | { type: 'LIFT_CARD' }
  | { type: 'INSERT_MONEY'; denomination: Denomination }
  | { type: 'TAKE'; item: 'certificate' | 'change' }
  /**
   * `printer-paper-out`: the paper runs out while printing (the job fails). `printer-tray-empty`:
   * the printer reports its tray empty (IPP media-empty) before anything is sent. `cash-unit-down`:
   * the cash unit stops answering.
   */
  | { type: 'FAULT'; fault: 'printer-paper-out' | 'printer-tray-empty' | 'center-down' | 'reader-unplugged' | 'cash-unit-down' | 'clear' };

export interface DevDockState {
  cardProfiles: { id: string; label: string }[];
  placedCard: string | null;
  hoppers: Record<string, number>;
  lastPrintedPdf: string | null;
}

export interface DevDockApi {
  command(command: DevDockCommand): void;
  subscribe(listener: (state: DevDockState) => void): () => void;
}

import { CardTransportError, type ApduTransport } from '../apdu/apdu-transport';
import type { VirtualJpkiCard } from './virtual-jpki-card';

export interface ApduTraffic {
  apdus: number;
  bytes: number;
}

/**
 * Connects a JPKI session to a virtual card in the same process, for unit tests. `liftAfter`
 * makes the card vanish once that many APDUs went through, as a resident lifting it would.
 */
export class InProcessApduTransport implements ApduTransport {
  readonly traffic: ApduTraffic = { apdus: 0, bytes: 0 };
  private present = true;
  liftAfter: number | undefined;

  constructor(private readonly card: VirtualJpkiCard) {}

  lift(): void {
    this.present = false;
  }

  putBack(): void {
    this.card.reset();
    this.present = true;
  }

  transmit(apdu: Uint8Array): Promise<Uint8Array> {
    if (this.liftAfter !== undefined && this.traffic.apdus >= this.liftAfter) this.present = false;
    if (!this.present) return Promise.reject(new CardTransportError('card-removed', 'card lifted'));
    const response = this.card.process(apdu);
    this.traffic.apdus += 1;
    this.traffic.bytes += apdu.length + response.length;
    return Promise.resolve(response);
  }
}

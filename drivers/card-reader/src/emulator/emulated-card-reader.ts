import type { CardReader, CardResult, JpkiSession, ReaderStatus } from '../card-reader';
import { openJpkiSession } from '../jpki/jpki-session';
import { InProcessApduTransport } from './in-process-transport';
import type { VirtualJpkiCard } from './virtual-jpki-card';

const READER = 'Emulated JPKI reader (in-process)';

/**
 * A CardReader whose card is a VirtualJpkiCard in this process: the real JPKI session code and
 * APDUs, without pcscd. For unit tests and headless demos; integration tests use PcscCardReader.
 */
export class EmulatedCardReader implements CardReader {
  private slot: { card: VirtualJpkiCard; transport: InProcessApduTransport } | undefined;
  private readonly listeners = new Set<(s: ReaderStatus) => void>();

  place(card: VirtualJpkiCard): void {
    this.slot?.transport.lift();
    card.reset();
    this.slot = { card, transport: new InProcessApduTransport(card) };
    this.emit();
  }

  /** Takes the card away; a session that still uses it gets card-removed. */
  lift(): void {
    this.slot?.transport.lift();
    this.slot = undefined;
    this.emit();
  }

  /** APDUs and bytes the present card has seen. */
  traffic(): { apdus: number; bytes: number } | undefined {
    return this.slot ? { ...this.slot.transport.traffic } : undefined;
  }

  status(): ReaderStatus {
    return this.slot ? { kind: 'card-present', reader: READER } : { kind: 'no-card', reader: READER };
  }

  onStatusChange(listener: (status: ReaderStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  open(): Promise<CardResult<JpkiSession>> {
    const slot = this.slot;
    if (!slot) return Promise.resolve({ ok: false, error: { kind: 'no-card' } });
    // Disconnect resets the card like SCARD_RESET_CARD: a verified PIN does not outlive the session.
    return openJpkiSession(slot.transport, { disconnect: () => Promise.resolve(slot.card.reset()) });
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }

  private emit(): void {
    const s = this.status();
    for (const l of this.listeners) l(s);
  }
}

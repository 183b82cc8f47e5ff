import { connect, type Socket } from 'node:net';
import type { VirtualJpkiCard } from '../emulator/virtual-jpki-card';
import type { ApduTraffic } from '../emulator/in-process-transport';
import { MisbehaviourState, type CardMisbehaviour } from './card-misbehaviour';
import { contactlessTypeBAtr, encodeVpcdFrame, VpcdControl, VpcdFrameDecoder } from './vpcd-framing';

export interface VpcdCardSlotOptions {
  /** vpcd's port (reader.conf CHANNELID); each vpcd reader has its own. */
  port: number;
  host?: string;
  atr?: Uint8Array;
  /** Delay every answer, as a contactless card on a slow reader does. */
  responseDelayMs?: number;
  /** How soon to try again while vpcd is not listening (pcscd not started yet, or restarting). */
  reconnectMs?: number;
  /** Observes every command and answer (the bench counts OpenSC's APDUs here). */
  onExchange?: (command: Uint8Array, response: Uint8Array) => void;
}

/**
 * The emulated card on vpcd's reader: while a card is inserted the slot keeps a TCP connection
 * to vpcd (reconnecting if pcscd restarts, which powers the card down); lifting the card closes it.
 */
export class VpcdCardSlot {
  readonly traffic: ApduTraffic = { apdus: 0, bytes: 0 };
  private card: VirtualJpkiCard | undefined;
  private socket: Socket | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private vanishWhen: ((apdu: Uint8Array) => boolean) | undefined;
  private misbehaviour: MisbehaviourState | undefined;
  private connectedWaiters: (() => void)[] = [];
  /** Changeable while the card is on the reader (QA: a slow contactless link). */
  responseDelayMs: number;

  constructor(private readonly options: VpcdCardSlotOptions) {
    this.responseDelayMs = options.responseDelayMs ?? 0;
  }

  get inserted(): boolean {
    return this.card !== undefined;
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.connecting && !this.socket.destroyed;
  }

  insert(card: VirtualJpkiCard): void {
    this.lift();
    card.reset();
    this.card = card;
    this.dial();
  }

  /** Takes the card off the reader: vpcd sees the connection close, pcscd reports the card gone. */
  lift(): void {
    this.card = undefined;
    this.vanishWhen = undefined;
    this.misbehaviour = undefined;
    clearTimeout(this.retryTimer);
    this.socket?.destroy();
    this.socket = undefined;
  }

  /** The card vanishes (no answer, connection closed) on the first command the predicate picks. */
  liftWhen(predicate: (apdu: Uint8Array) => boolean): void {
    this.vanishWhen = predicate;
  }

  /** The card on the reader starts misbehaving (silent, oversized answers) until lifted or `behave()`. */
  misbehave(misbehaviour: CardMisbehaviour): void {
    this.misbehaviour = new MisbehaviourState(misbehaviour);
  }

  behave(): void {
    this.misbehaviour = undefined;
  }

  /** Resolves once vpcd accepted the card's connection. */
  waitConnected(): Promise<void> {
    if (this.connected) return Promise.resolve();
    return new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  private dial(): void {
    const card = this.card;
    if (!card) return;
    const socket = connect({ port: this.options.port, host: this.options.host ?? '127.0.0.1' });
    this.socket = socket;
    const decoder = new VpcdFrameDecoder();
    let chain = Promise.resolve();
    socket.setNoDelay(true);
    socket.on('connect', () => {
      const waiters = this.connectedWaiters;
      this.connectedWaiters = [];
      for (const w of waiters) w();
    });
    socket.on('data', (chunk: Buffer) => {
      for (const message of decoder.push(chunk)) {
        chain = chain
          .then(() => this.answer(socket, card, message))
          .catch((e: unknown) => {
            // An emulator bug, not a card behaviour: say so, and let the card go silent rather than hang vpcd.
            console.error('emulated card failed:', e);
            socket.destroy();
          });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      // Still on the reader: vpcd went away (pcscd restart). The card lost power; dial again.
      if (this.card === card) {
        card.reset();
        this.retryTimer = setTimeout(() => this.dial(), this.options.reconnectMs ?? 200);
      }
    });
  }

  private async answer(socket: Socket, card: VirtualJpkiCard, message: ReturnType<VpcdFrameDecoder['push']>[number]): Promise<void> {
    if (socket.destroyed) return;
    if (message.kind === 'control') {
      if (message.code === VpcdControl.getAtr) socket.write(encodeVpcdFrame(this.options.atr ?? contactlessTypeBAtr()));
      else card.reset();
      return;
    }
    if (this.vanishWhen?.(message.apdu)) {
      this.lift();
      return;
    }
    const outcome = this.misbehaviour?.outcomeFor(message.apdu) ?? { kind: 'answer-normally' };
    if (outcome.kind === 'no-answer') return;
    const response = outcome.kind === 'answer' ? outcome.response : card.process(message.apdu);
    this.traffic.apdus += 1;
    this.traffic.bytes += message.apdu.length + response.length;
    this.options.onExchange?.(message.apdu, response);
    const delay = this.responseDelayMs;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (!socket.destroyed) socket.write(encodeVpcdFrame(response));
  }
}

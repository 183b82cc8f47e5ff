import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { hex } from '../apdu/response-apdu';
import { VirtualJpkiCard } from '../emulator/virtual-jpki-card';
import { encodeVpcdFrame, VpcdFrameDecoder } from './vpcd-framing';
import { VpcdCardSlot } from './vpcd-card-slot';

// A stand-in for vpcd's side of the socket on loopback: it sends what vpcd sends and reads the answers.
class FakeVpcd {
  readonly server: Server;
  connections: Socket[] = [];
  private answers: Uint8Array[] = [];
  private waiting: ((a: Uint8Array) => void)[] = [];

  constructor() {
    this.server = createServer((socket) => {
      this.connections.push(socket);
      const decoder = new VpcdFrameDecoder();
      socket.on('data', (chunk) => {
        // The decoder reads a 1-byte answer as a control code: turn it back into bytes.
        for (const m of decoder.push(chunk)) this.deliver(m.kind === 'apdu' ? m.apdu : Uint8Array.of(m.code));
      });
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port)));
  }

  send(payload: Uint8Array): Promise<Uint8Array> {
    const socket = this.connections.at(-1);
    if (!socket) throw new Error('no card connected');
    socket.write(encodeVpcdFrame(payload));
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private deliver(answer: Uint8Array): void {
    const w = this.waiting.shift();
    if (w) w(answer);
    else this.answers.push(answer);
  }
}

const card = () => new VirtualJpkiCard({ token: 'JPKIAPICCTOKEN2', authPin: '1234', authPinTriesLeft: 3 });
const SELECT_AP = Uint8Array.from(Buffer.from('00A4040C0AD392F000260100000001', 'hex'));

let slot: VpcdCardSlot | undefined;
let vpcd: FakeVpcd | undefined;
afterEach(() => {
  slot?.lift();
  vpcd?.server.close();
  for (const c of vpcd?.connections ?? []) c.destroy();
});

describe('VpcdCardSlot', () => {
  it('answers GET ATR and APDUs in vpcd framing, counting the APDUs', async () => {
    vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    slot = new VpcdCardSlot({ port, atr: Uint8Array.of(0x3b, 0x00) });
    slot.insert(card());
    await slot.waitConnected();
    await new Promise((r) => setTimeout(r, 20));
    expect(hex(await vpcd.send(Uint8Array.of(4)))).toBe('3B00');
    expect(hex(await vpcd.send(SELECT_AP))).toBe('9000');
    expect(slot.traffic).toEqual({ apdus: 1, bytes: SELECT_AP.length + 2 });
  });

  it('vanishes without answering when lifted on a chosen command, and stays off the reader', async () => {
    vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    slot = new VpcdCardSlot({ port, reconnectMs: 20 });
    slot.insert(card());
    await slot.waitConnected();
    await new Promise((r) => setTimeout(r, 20));
    slot.liftWhen((apdu) => apdu[1] === 0xa4);
    const socket = vpcd.connections.at(-1);
    const closed = new Promise((r) => socket?.once('close', r));
    void vpcd.send(SELECT_AP);
    await closed;
    await new Promise((r) => setTimeout(r, 100));
    expect(slot.inserted).toBe(false);
    expect(vpcd.connections.length).toBe(1);
  });

  it('dials again when vpcd drops the connection while the card is on the reader (pcscd restart)', async () => {
    vpcd = new FakeVpcd();
    const port = await vpcd.listen();
    slot = new VpcdCardSlot({ port, reconnectMs: 20 });
    slot.insert(card());
    await slot.waitConnected();
    await new Promise((r) => setTimeout(r, 20));
    vpcd.connections[0]?.destroy();
    const deadline = Date.now() + 2_000;
    while (vpcd.connections.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(vpcd.connections.length).toBe(2);
    expect(slot.inserted).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { CcTalkFrameParser, encodeCcTalk } from '../protocol/cctalk-frames';
import { encodeId003, Id003FrameParser } from '../protocol/id003-frames';
import { inMemoryStreamPair, type ByteStream } from './byte-stream';
import { CcTalkLink } from './cctalk-link';
import { Id003Link } from './id003-link';

/** A scripted far end: for each request frame it receives, `answer` says what bytes go back. */
function scriptedDevice(stream: ByteStream, answer: (request: Uint8Array, n: number) => Uint8Array[]): { requests: Uint8Array[] } {
  const requests: Uint8Array[] = [];
  stream.onData((chunk) => {
    requests.push(chunk);
    for (const bytes of answer(chunk, requests.length)) void stream.write(bytes);
  });
  return { requests };
}

const timing = { replyTimeoutMs: 60, attempts: 3 };

describe('Id003Link', () => {
  it('sends the same command again after a reply with a bad CRC', async () => {
    const [host, device] = inMemoryStreamPair();
    const good = encodeId003(0x11);
    const bad = good.slice();
    bad[4] = (bad[4] ?? 0) ^ 0xff;
    const far = scriptedDevice(device, (_req, n) => [n === 1 ? bad : good]);
    const reply = await new Id003Link(host, timing).request(0x11);
    expect(reply).toEqual({ kind: 'reply', frame: { command: 0x11, data: new Uint8Array() } });
    expect(far.requests).toEqual([encodeId003(0x11), encodeId003(0x11)]);
  });

  it('gives up after the configured attempts and says why', async () => {
    const [host, device] = inMemoryStreamPair();
    const far = scriptedDevice(device, () => []);
    expect(await new Id003Link(host, timing).request(0x11)).toEqual({ kind: 'no-reply', attempts: 3, lastError: 'timeout' });
    expect(far.requests).toHaveLength(3);
    expect(new Id003FrameParser().push(far.requests[0] ?? new Uint8Array())).toHaveLength(1);
  });
});

describe('CcTalkLink on a single-wire bus', () => {
  const ack = encodeCcTalk({ destination: 1, source: 2, header: 0, data: new Uint8Array() });

  it('skips its own echo, then reads the reply', async () => {
    const [host, device] = inMemoryStreamPair();
    scriptedDevice(device, (req) => [req, ack]);
    const reply = await new CcTalkLink(host, { ...timing, echo: true, mode: 'checksum8' }).request(2, 254);
    expect(reply).toEqual({ kind: 'reply', frame: { destination: 1, source: 2, header: 0, data: new Uint8Array() } });
  });

  it('treats a garbled echo as a collision and retries', async () => {
    const [host, device] = inMemoryStreamPair();
    const far = scriptedDevice(device, (req, n) => {
      if (n > 1) return [req, ack];
      const collided = req.slice();
      collided[1] = 0x33;
      return [collided];
    });
    const reply = await new CcTalkLink(host, { ...timing, echo: true, mode: 'checksum8' }).request(2, 254);
    expect(reply.kind).toBe('reply');
    expect(far.requests).toHaveLength(2);
  });

  it('ignores a reply from the wrong address and reports NAK as a value', async () => {
    const [host, device] = inMemoryStreamPair();
    const wrongSource = encodeCcTalk({ destination: 1, source: 3, header: 0, data: new Uint8Array() });
    const nak = encodeCcTalk({ destination: 1, source: 2, header: 5, data: new Uint8Array() });
    scriptedDevice(device, (req, n) => [req, n === 1 ? wrongSource : nak]);
    expect(await new CcTalkLink(host, { ...timing, echo: true, mode: 'checksum8' }).request(2, 231, Uint8Array.of(0, 0))).toEqual({ kind: 'nak' });
  });

  it('sends a dispense (167) once on a bad reply and retries a read (166): only safe commands repeat', async () => {
    const [host, device] = inMemoryStreamPair();
    const far = scriptedDevice(device, (req) => [req, Uint8Array.of(1, 0, 3, 0, 0x33)]);
    const link = new CcTalkLink(host, { ...timing, echo: true, mode: 'checksum8' });
    expect(await link.request(3, 167, Uint8Array.of(3, 0x4b, 0x4f, 2))).toMatchObject({ kind: 'no-reply', attempts: 1 });
    expect(far.requests).toHaveLength(1);
    expect(await link.request(3, 166)).toMatchObject({ kind: 'no-reply', attempts: 3 });
    expect(far.requests).toHaveLength(4);
  });

  it('takes a checked frame of the wrong length for a stale reply, not the answer', async () => {
    const [host, device] = inMemoryStreamPair();
    const stale = encodeCcTalk({ destination: 1, source: 3, header: 0, data: Uint8Array.of(9) });
    const status = encodeCcTalk({ destination: 1, source: 3, header: 0, data: Uint8Array.of(9, 0, 2, 0) });
    scriptedDevice(device, (req, n) => [req, n === 1 ? stale : status]);
    const reply = await new CcTalkLink(host, { ...timing, echo: true, mode: 'checksum8' }).request(3, 166);
    expect(reply).toMatchObject({ kind: 'reply', frame: { data: Uint8Array.of(9, 0, 2, 0) } });
  });

  it('frames requests byte-exactly (simple poll to the coin acceptor)', async () => {
    const [host, device] = inMemoryStreamPair();
    const far = scriptedDevice(device, (req) => [req, ack]);
    await new CcTalkLink(host, { ...timing, echo: true, mode: 'checksum8' }).request(2, 254);
    expect(far.requests[0]).toEqual(Uint8Array.of(2, 0, 1, 254, 255));
    expect(new CcTalkFrameParser().push(far.requests[0] ?? new Uint8Array())).toHaveLength(1);
  });
});

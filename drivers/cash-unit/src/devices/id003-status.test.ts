import { describe, expect, it } from 'vitest';
import { Id003FrameParser, encodeId003 } from '../protocol/id003-frames';
import { interpretId003Status } from './id003-status';

const statusOf = (bytes: number[]): ReturnType<typeof interpretId003Status> => {
  const events = new Id003FrameParser().push(Uint8Array.from(bytes));
  const first = events[0];
  if (first?.kind !== 'frame') throw new Error('no frame');
  return interpretId003Status(first.frame);
};

describe('ID-003 status interpretation', () => {
  it('reads escrow of a 1000-yen note from FC 06 13 61 + CRC', () => {
    expect(statusOf([...encodeId003(0x13, Uint8Array.of(0x61))])).toEqual({ kind: 'escrow', note: 1000 });
  });

  it('reads the fault statuses', () => {
    expect(statusOf([...encodeId003(0x45)])).toMatchObject({ kind: 'fault', fault: 'jam-in-acceptor' });
    expect(statusOf([...encodeId003(0x43)])).toMatchObject({ kind: 'fault', fault: 'stacker-full' });
    expect(statusOf([...encodeId003(0x44)])).toMatchObject({ kind: 'fault', fault: 'stacker-open' });
    expect(statusOf([...encodeId003(0x48)])).toMatchObject({ kind: 'fault', fault: 'cheated' });
    expect(statusOf([...encodeId003(0x49, Uint8Array.of(0xa2))])).toEqual({ kind: 'fault', fault: 'failure', detail: 'stack motor failure' });
  });

  it('reads power-up variants and vend valid', () => {
    expect(statusOf([...encodeId003(0x40)])).toEqual({ kind: 'power-up', billInside: 'none' });
    expect(statusOf([...encodeId003(0x42)])).toEqual({ kind: 'power-up', billInside: 'stacker' });
    expect(statusOf([...encodeId003(0x15)])).toEqual({ kind: 'vend-valid' });
  });

  it('reports an escrow code outside the yen table as unknown, and a reject reason', () => {
    expect(statusOf([...encodeId003(0x13, Uint8Array.of(0x6f))])).toEqual({ kind: 'escrow-unknown', code: 0x6f });
    expect(statusOf([...encodeId003(0x17, Uint8Array.of(0x79))])).toEqual({ kind: 'rejecting', reason: 'return by inhibit' });
  });
});

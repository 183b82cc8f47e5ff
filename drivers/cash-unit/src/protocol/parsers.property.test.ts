import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CcTalkFrameParser, encodeCcTalk } from './cctalk-frames';
import { encodeId003, Id003FrameParser } from './id003-frames';

/** Splits bytes into chunks at the given cut points, as a serial port delivers them. */
function chunked(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  return chunks;
}

const byteArray = (max: number, exclude: number) => fc.uint8Array({ maxLength: max }).map((a) => a.filter((b) => b !== exclude));

describe('frame parsers resynchronise (property)', () => {
  it('ID-003: every frame comes out, in order, whatever non-sync garbage surrounds it and however it is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ command: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 6 }), garbage: byteArray(8, 0xfc) }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (frames, cuts) => {
          const stream = Uint8Array.from(frames.flatMap((f) => [...f.garbage, ...encodeId003(f.command, f.data)]));
          const parser = new Id003FrameParser();
          const out = chunked(stream, cuts).flatMap((c) => parser.push(c)).filter((e) => e.kind === 'frame');
          expect(out.map((e) => e.kind === 'frame' && e.frame)).toEqual(frames.map((f) => ({ command: f.command, data: f.data })));
        },
      ),
    );
  });

  it('ccTalk: every reply to the host comes out, in order, behind garbage that cannot start a frame', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ source: fc.integer({ min: 2, max: 40 }), header: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 12 }), garbage: byteArray(8, 0x01) }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (frames, cuts) => {
          const stream = Uint8Array.from(frames.flatMap((f) => [...f.garbage, ...encodeCcTalk({ destination: 1, source: f.source, header: f.header, data: f.data })]));
          const parser = new CcTalkFrameParser('checksum8', 0, (d) => d === 1);
          const out = chunked(stream, cuts).flatMap((c) => parser.push(c)).filter((e) => e.kind === 'frame');
          expect(out.map((e) => e.kind === 'frame' && e.frame)).toEqual(frames.map((f) => ({ destination: 1, source: f.source, header: f.header, data: f.data })));
        },
      ),
    );
  });
});

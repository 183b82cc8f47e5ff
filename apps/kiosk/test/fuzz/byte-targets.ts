import fc from 'fast-check';
import { classifyStatusWord, MalformedResponseError, parseResponseApdu } from '../../../../drivers/card-reader/src/apdu/response-apdu';
import { CcTalkFrameParser, encodeCcTalk, type CcTalkChecksumMode } from '../../../../drivers/cash-unit/src/protocol/cctalk-frames';
import { encodeId003, Id003FrameParser } from '../../../../drivers/cash-unit/src/protocol/id003-frames';
import { parseCreditBufferReply } from '../../../../drivers/cash-unit/src/protocol/cctalk-credit-buffer';
import { decodeInputReport, decodeOutputsReport, encodeInputReport, encodeOutputsReport } from '../../../../drivers/io-board/src/hid/io-board-reports';
import type { FuzzTarget } from './fuzz-target';

const bytes = (max: number) => fc.uint8Array({ maxLength: max });
const fail = (why: string): never => {
  throw new Error(why);
};
const contains = (haystack: Uint8Array, needle: Uint8Array): boolean => {
  for (let i = 0; i + needle.length <= haystack.length; i++) if (same(haystack.subarray(i, i + needle.length), needle)) return true;
  return false;
};
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Response APDUs: any bytes give a data/SW split or the typed MalformedResponseError, and every SW a meaning. */
export const apduResponseTarget: FuzzTarget<Uint8Array> = {
  name: 'APDU response parser',
  arbitrary: bytes(300),
  check: (input) => {
    try {
      const r = parseResponseApdu(input);
      if (r.data.length !== input.length - 2 || r.sw < 0 || r.sw > 0xffff) fail('wrong split');
      if (typeof classifyStatusWord(r.sw).kind !== 'string') fail('status word without a meaning');
    } catch (e) {
      if (!(e instanceof MalformedResponseError) || input.length >= 2) throw e;
    }
  },
};

/** ID-003: noise in arbitrary chunks never throws, and a valid frame sent after the noise is still found. */
export const id003Target: FuzzTarget<{ noise: Uint8Array[]; command: number; data: Uint8Array }> = {
  name: 'ID-003 frame parser',
  arbitrary: fc.record({ noise: fc.array(bytes(64), { maxLength: 6 }), command: fc.integer({ min: 0, max: 255 }), data: bytes(40) }),
  check: ({ noise, command, data }) => {
    const parser = new Id003FrameParser();
    for (const chunk of noise) parser.push(chunk);
    const frame = encodeId003(command, data);
    // A noise SYNC may announce up to 250 bytes: zeros (never SYNC) complete any such candidate.
    const events = [...parser.push(frame), ...parser.push(new Uint8Array(260))];
    if (events.some((e) => e.kind === 'frame' && e.frame.command === command && same(e.frame.data, data))) return;
    // Noise can itself form a frame whose CRC holds and whose length swallows ours (found by
    // this fuzzer: FC 1B … with a CRC of 0 over the zeros): that is a valid frame, not a loss.
    if (!events.some((e) => e.kind === 'frame' && contains(encodeId003(e.frame.command, e.frame.data), frame))) fail('valid frame lost behind noise');
  },
};

/** ccTalk: noise never throws; every frame reported re-encodes to exactly its raw bytes (its checksum holds). */
export const ccTalkTarget: FuzzTarget<{ mode: CcTalkChecksumMode; chunks: Uint8Array[] }> = {
  name: 'ccTalk frame parser',
  arbitrary: fc.record({ mode: fc.constantFrom<CcTalkChecksumMode>('checksum8', 'crc16'), chunks: fc.array(bytes(80), { maxLength: 6 }) }),
  check: ({ mode, chunks }) => {
    const parser = new CcTalkFrameParser(mode);
    for (const chunk of chunks)
      for (const e of parser.push(chunk)) {
        if (e.kind !== 'frame') continue;
        if (mode === 'checksum8' && !same(encodeCcTalk(e.frame, mode), e.raw)) fail('reported frame does not re-encode to its bytes');
        if (e.frame.data.length !== (e.raw[1] ?? -1)) fail('data length differs from the length byte');
      }
    const reply = chunks[0] ?? new Uint8Array();
    try {
      parseCreditBufferReply(reply);
    } catch (e) {
      if (reply.length === 11 || !(e instanceof Error)) throw e;
    }
  },
};

/** HID reports: any bytes decode to a report or a typed error; a decoded report re-encodes to the same bytes. */
export const hidReportTarget: FuzzTarget<Uint8Array> = {
  name: 'HID report codec',
  arbitrary: fc.oneof(bytes(12), fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => (b[0] = 0x01, b)), fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => (b[0] = 0x02, b))),
  check: (input) => {
    const asInput = decodeInputReport(input);
    if (asInput.ok && !same(encodeInputReport(asInput.report), input)) fail('input report does not round-trip');
    if (!asInput.ok && typeof asInput.error !== 'string') fail('untyped error');
    const asOutputs = decodeOutputsReport(input);
    if (asOutputs.ok && !same(encodeOutputsReport(asOutputs.report), input)) fail('outputs report does not round-trip');
  },
};

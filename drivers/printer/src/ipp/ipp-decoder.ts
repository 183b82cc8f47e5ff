import { GROUP_TAG, VALUE_TAG, type GroupName, type IppAttribute, type IppMessage, type IppValue, type StringTag } from './ipp-message';

export type IppDecodeResult = { ok: true; message: IppMessage; trailing: Uint8Array } | { ok: false; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

const STRING_TAGS: Readonly<Record<number, StringTag>> = {
  [VALUE_TAG.textWithoutLanguage]: 'text',
  [VALUE_TAG.nameWithoutLanguage]: 'name',
  [VALUE_TAG.keyword]: 'keyword',
  [VALUE_TAG.uri]: 'uri',
  [VALUE_TAG.uriScheme]: 'uriScheme',
  [VALUE_TAG.charset]: 'charset',
  [VALUE_TAG.naturalLanguage]: 'naturalLanguage',
  [VALUE_TAG.mimeMediaType]: 'mimeMediaType',
};

const GROUP_NAMES: Readonly<Record<number, GroupName>> = {
  [GROUP_TAG.operation]: 'operation',
  [GROUP_TAG.job]: 'job',
  [GROUP_TAG.printer]: 'printer',
  [GROUP_TAG.unsupported]: 'unsupported',
};

class DecodeError extends Error {}

/** Reads the wire format; every read is bounds-checked so a truncated answer is an error, not garbage. */
class ByteReader {
  private at = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  get offset(): number {
    return this.at;
  }
  private need(n: number): void {
    if (this.at + n > this.bytes.length) throw new DecodeError(`truncated at byte ${this.at} (needs ${n} more)`);
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.at++);
  }
  peek(): number {
    this.need(1);
    return this.view.getUint8(this.at);
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.at);
    this.at += 2;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.at);
    this.at += 4;
    return v;
  }
  take(n: number): Uint8Array {
    this.need(n);
    const out = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }
  sized(): Uint8Array {
    return this.take(this.u16());
  }
  rest(): Uint8Array {
    return this.bytes.slice(this.at);
  }
}

function text(bytes: Uint8Array, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new DecodeError(`${what} is not valid UTF-8`);
  }
}

function fixedLength(body: Uint8Array, length: number, what: string): DataView {
  if (body.length !== length) throw new DecodeError(`${what} value must be ${length} bytes, got ${body.length}`);
  return new DataView(body.buffer, body.byteOffset, body.byteLength);
}

function decodeSimpleValue(tag: number, body: Uint8Array): IppValue {
  const stringTag = STRING_TAGS[tag];
  if (stringTag) return { tag: stringTag, value: text(body, stringTag) };
  switch (tag) {
    case VALUE_TAG.integer:
      return { tag: 'integer', value: fixedLength(body, 4, 'integer').getInt32(0) };
    case VALUE_TAG.enum:
      return { tag: 'enum', value: fixedLength(body, 4, 'enum').getInt32(0) };
    case VALUE_TAG.boolean: {
      const b = fixedLength(body, 1, 'boolean').getUint8(0);
      if (b > 1) throw new DecodeError(`boolean value must be 0 or 1, got ${b}`);
      return { tag: 'boolean', value: b === 1 };
    }
    case VALUE_TAG.octetString:
      return { tag: 'octetString', value: body };
    case VALUE_TAG.dateTime:
      fixedLength(body, 11, 'dateTime');
      return { tag: 'dateTime', value: body };
    case VALUE_TAG.resolution: {
      const v = fixedLength(body, 9, 'resolution');
      return { tag: 'resolution', x: v.getInt32(0), y: v.getInt32(4), units: v.getUint8(8) };
    }
    case VALUE_TAG.rangeOfInteger: {
      const v = fixedLength(body, 8, 'rangeOfInteger');
      return { tag: 'rangeOfInteger', lower: v.getInt32(0), upper: v.getInt32(4) };
    }
    case VALUE_TAG.textWithLanguage:
    case VALUE_TAG.nameWithLanguage: {
      const inner = new ByteReader(body);
      const language = text(inner.sized(), 'language');
      const value = text(inner.sized(), 'string');
      if (inner.offset !== body.length) throw new DecodeError('string-with-language has trailing bytes');
      return { tag: tag === VALUE_TAG.textWithLanguage ? 'textWithLanguage' : 'nameWithLanguage', language, value };
    }
    case VALUE_TAG.unsupported:
      return { tag: 'unsupported' };
    case VALUE_TAG.unknown:
      return { tag: 'unknown' };
    case VALUE_TAG.noValue:
      return { tag: 'noValue' };
    default:
      // Unknown tags in the 0x10–0x1f out-of-band range carry no value; anything else is unexpected here.
      if (tag >= 0x10 && tag <= 0x1f) return { tag: 'unknown' };
      throw new DecodeError(`unsupported value tag 0x${tag.toString(16)}`);
  }
}

/** Reads members up to the matching endCollection (RFC 8010 §3.1.6), nested collections included. */
function decodeCollection(r: ByteReader, depth: number): IppValue {
  if (depth > 8) throw new DecodeError('collections nested deeper than 8');
  const members: IppAttribute[] = [];
  for (;;) {
    const tag = r.u8();
    const name = r.sized();
    const body = r.sized();
    if (tag === VALUE_TAG.endCollection) {
      if (name.length !== 0 || body.length !== 0) throw new DecodeError('endCollection with a name or value');
      return { tag: 'collection', members };
    }
    if (name.length !== 0) throw new DecodeError('a collection member value has a name');
    if (tag === VALUE_TAG.memberAttrName) {
      members.push({ name: text(body, 'member name'), values: [] });
      continue;
    }
    const member = members.at(-1);
    if (!member) throw new DecodeError('a collection value before any memberAttrName');
    if (body.length !== 0 && tag === VALUE_TAG.begCollection) throw new DecodeError('begCollection inside a collection with a value');
    member.values.push(tag === VALUE_TAG.begCollection ? decodeCollection(r, depth + 1) : decodeSimpleValue(tag, body));
  }
}

function decodeOrThrow(bytes: Uint8Array): { message: IppMessage; trailing: Uint8Array } {
  const r = new ByteReader(bytes);
  const version = { major: r.u8(), minor: r.u8() };
  const code = r.u16();
  const requestId = r.i32();
  const groups: IppMessage['groups'] = [];
  for (;;) {
    const tag = r.u8();
    if (tag === GROUP_TAG.end) break;
    if (tag <= 0x0f) {
      groups.push({ group: GROUP_NAMES[tag] ?? 'other', attributes: [] });
      continue;
    }
    const group = groups.at(-1);
    if (!group) throw new DecodeError(`value tag 0x${tag.toString(16)} before any group`);
    const name = text(r.sized(), 'attribute name');
    if (tag === VALUE_TAG.endCollection || tag === VALUE_TAG.memberAttrName) throw new DecodeError(`collection tag 0x${tag.toString(16)} outside a collection`);
    const value = tag === VALUE_TAG.begCollection ? (r.sized(), decodeCollection(r, 1)) : decodeSimpleValue(tag, r.sized());
    if (name === '') {
      const previous = group.attributes.at(-1);
      if (!previous) throw new DecodeError('an additional value without an attribute');
      previous.values.push(value);
    } else {
      group.attributes.push({ name, values: [value] });
    }
  }
  return { message: { version, code, requestId, groups }, trailing: r.rest() };
}

/** Decodes one IPP message; bytes after the end-of-attributes tag are returned as `trailing`. */
export function decodeIppMessage(bytes: Uint8Array): IppDecodeResult {
  try {
    return { ok: true, ...decodeOrThrow(bytes) };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, error: e.message };
    throw e;
  }
}

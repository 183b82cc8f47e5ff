import { GROUP_TAG, VALUE_TAG, type GroupName, type IppAttribute, type IppMessage, type IppValue } from './ipp-message';

const GROUP_BYTE: Record<Exclude<GroupName, 'other'>, number> = {
  operation: GROUP_TAG.operation,
  job: GROUP_TAG.job,
  printer: GROUP_TAG.printer,
  unsupported: GROUP_TAG.unsupported,
};

const STRING_TAG_BYTE = {
  text: VALUE_TAG.textWithoutLanguage,
  name: VALUE_TAG.nameWithoutLanguage,
  keyword: VALUE_TAG.keyword,
  uri: VALUE_TAG.uri,
  uriScheme: VALUE_TAG.uriScheme,
  charset: VALUE_TAG.charset,
  naturalLanguage: VALUE_TAG.naturalLanguage,
  mimeMediaType: VALUE_TAG.mimeMediaType,
} as const;

const utf8 = new TextEncoder();

/** Collects bytes; every length is checked against the 16-bit fields of the wire format. */
class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  private length = 0;

  u8(v: number): void {
    this.push(Uint8Array.of(v & 0xff));
  }
  u16(v: number): void {
    this.push(Uint8Array.of((v >> 8) & 0xff, v & 0xff));
  }
  i32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v);
    this.push(b);
  }
  /** A 2-byte length followed by the bytes. */
  sized(bytes: Uint8Array): void {
    if (bytes.length > 0xffff) throw new RangeError(`IPP field of ${bytes.length} bytes exceeds 65535`);
    this.u16(bytes.length);
    this.push(bytes);
  }
  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function int32(v: number): Uint8Array {
  if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff) throw new RangeError(`IPP integer out of range: ${v}`);
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, v);
  return b;
}

function writeValue(w: ByteWriter, name: string, value: IppValue): void {
  const nameBytes = utf8.encode(name);
  const simple = (tag: number, body: Uint8Array) => {
    w.u8(tag);
    w.sized(nameBytes);
    w.sized(body);
  };
  switch (value.tag) {
    case 'integer':
      return simple(VALUE_TAG.integer, int32(value.value));
    case 'enum':
      return simple(VALUE_TAG.enum, int32(value.value));
    case 'boolean':
      return simple(VALUE_TAG.boolean, Uint8Array.of(value.value ? 1 : 0));
    case 'textWithLanguage':
    case 'nameWithLanguage': {
      const inner = new ByteWriter();
      inner.sized(utf8.encode(value.language));
      inner.sized(utf8.encode(value.value));
      return simple(value.tag === 'textWithLanguage' ? VALUE_TAG.textWithLanguage : VALUE_TAG.nameWithLanguage, inner.bytes());
    }
    case 'octetString':
      return simple(VALUE_TAG.octetString, value.value);
    case 'dateTime':
      if (value.value.length !== 11) throw new RangeError('IPP dateTime must be 11 bytes');
      return simple(VALUE_TAG.dateTime, value.value);
    case 'resolution': {
      const inner = new ByteWriter();
      inner.i32(value.x);
      inner.i32(value.y);
      inner.u8(value.units);
      return simple(VALUE_TAG.resolution, inner.bytes());
    }
    case 'rangeOfInteger': {
      const inner = new ByteWriter();
      inner.i32(value.lower);
      inner.i32(value.upper);
      return simple(VALUE_TAG.rangeOfInteger, inner.bytes());
    }
    case 'collection':
      simple(VALUE_TAG.begCollection, new Uint8Array(0));
      for (const member of value.members) {
        member.values.forEach((v, i) => {
          // RFC 8010 §3.1.6: each member is a memberAttrName value followed by its value(s) with empty names.
          if (i === 0) {
            w.u8(VALUE_TAG.memberAttrName);
            w.sized(new Uint8Array(0));
            w.sized(utf8.encode(member.name));
          }
          writeValue(w, '', v);
        });
      }
      w.u8(VALUE_TAG.endCollection);
      w.sized(new Uint8Array(0));
      w.sized(new Uint8Array(0));
      return;
    case 'unsupported':
    case 'unknown':
    case 'noValue':
      return simple(VALUE_TAG[value.tag], new Uint8Array(0));
    default:
      return simple(STRING_TAG_BYTE[value.tag], utf8.encode(value.value));
  }
}

function writeAttribute(w: ByteWriter, attribute: IppAttribute): void {
  if (attribute.values.length === 0) throw new RangeError(`IPP attribute ${attribute.name} has no value`);
  // Additional values of a 1setOf carry an empty name (RFC 8010 §3.1.5).
  attribute.values.forEach((v, i) => writeValue(w, i === 0 ? attribute.name : '', v));
}

/** Encodes a message; `document` (the PDF of a Print-Job) follows the end-of-attributes tag. */
export function encodeIppMessage(message: IppMessage, document?: Uint8Array): Uint8Array {
  const w = new ByteWriter();
  w.u8(message.version.major);
  w.u8(message.version.minor);
  w.u16(message.code);
  w.push(int32(message.requestId));
  for (const group of message.groups) {
    if (group.group === 'other') throw new RangeError('cannot encode an unnamed IPP group');
    w.u8(GROUP_BYTE[group.group]);
    for (const attribute of group.attributes) writeAttribute(w, attribute);
  }
  w.u8(GROUP_TAG.end);
  if (document) w.push(document);
  return w.bytes();
}

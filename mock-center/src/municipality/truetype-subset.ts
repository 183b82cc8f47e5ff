/**
 * A TrueType subsetter for the one font every certificate uses, built for repeated use: the
 * tables are located once, and each glyph's outline bytes are sliced once and reused by every
 * later document. fontkit's subsetter (what pdf-lib calls) re-encodes every table through its
 * generic struct encoder for each document, ~8 ms for a 150-glyph certificate; this one copies
 * bytes. It writes the same tables fontkit's `TTFSubset` writes (head, hhea, maxp, hmtx, loca,
 * glyf, cvt, fpgm, prep): what a PDF `FontFile2` needs, with no cmap (the PDF maps codes to
 * glyphs itself: Identity-H, CIDToGIDMap Identity).
 */

interface TableRecord {
  offset: number;
  length: number;
}

interface SourceGlyph {
  bytes: Buffer;
  /** For a composite glyph: the byte offsets (in `bytes`) of each component's glyph index. */
  componentOffsets: number[];
  components: number[];
  advance: number;
  lsb: number;
}

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** The parsed source font: table offsets and a cache of glyph outlines. */
export class TrueTypeSource {
  private readonly tables = new Map<string, TableRecord>();
  private readonly glyphs = new Map<number, SourceGlyph>();
  private readonly longLoca: boolean;
  private readonly numberOfHMetrics: number;

  constructor(private readonly data: Buffer) {
    const numTables = data.readUInt16BE(4);
    for (let i = 0; i < numTables; i++) {
      const at = 12 + i * 16;
      this.tables.set(data.toString('latin1', at, at + 4), { offset: data.readUInt32BE(at + 8), length: data.readUInt32BE(at + 12) });
    }
    for (const tag of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf']) if (!this.tables.has(tag)) throw new Error(`font: no ${tag} table (not a TrueType font)`);
    this.longLoca = data.readInt16BE(this.table('head').offset + 50) === 1;
    this.numberOfHMetrics = data.readUInt16BE(this.table('hhea').offset + 34);
  }

  private table(tag: string): TableRecord {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font: no ${tag} table`);
    return t;
  }

  tableBytes(tag: string): Buffer | undefined {
    const t = this.tables.get(tag);
    return t ? this.data.subarray(t.offset, t.offset + t.length) : undefined;
  }

  glyph(gid: number): SourceGlyph {
    let g = this.glyphs.get(gid);
    if (g) return g;
    const loca = this.table('loca').offset;
    const [start, end] = this.longLoca
      ? [this.data.readUInt32BE(loca + gid * 4), this.data.readUInt32BE(loca + gid * 4 + 4)]
      : [this.data.readUInt16BE(loca + gid * 2) * 2, this.data.readUInt16BE(loca + gid * 2 + 2) * 2];
    const glyf = this.table('glyf').offset;
    const bytes = this.data.subarray(glyf + start, glyf + end);
    const componentOffsets: number[] = [];
    const components: number[] = [];
    if (bytes.length >= 10 && bytes.readInt16BE(0) < 0) {
      let at = 10;
      for (;;) {
        const flags = bytes.readUInt16BE(at);
        componentOffsets.push(at + 2);
        components.push(bytes.readUInt16BE(at + 2));
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) at += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
        if (!(flags & MORE_COMPONENTS)) break;
      }
    }
    const hmtx = this.table('hmtx').offset;
    const n = this.numberOfHMetrics;
    const advance = this.data.readUInt16BE(hmtx + 4 * Math.min(gid, n - 1));
    const lsb = gid < n ? this.data.readInt16BE(hmtx + 4 * gid + 2) : this.data.readInt16BE(hmtx + 4 * n + 2 * (gid - n));
    g = { bytes, componentOffsets, components, advance, lsb };
    this.glyphs.set(gid, g);
    return g;
  }
}

/** One document's subset: glyph ids are numbered in order of first use, 0 being .notdef. */
export class TrueTypeSubset {
  /** Source glyph id → subset glyph id. */
  private readonly ids = new Map<number, number>([[0, 0]]);
  private readonly order: number[] = [0];

  constructor(private readonly source: TrueTypeSource) {}

  /** The subset id of a source glyph (and of its components, for a composite glyph). */
  include(gid: number): number {
    let id = this.ids.get(gid);
    if (id !== undefined) return id;
    id = this.order.length;
    this.ids.set(gid, id);
    this.order.push(gid);
    for (const c of this.source.glyph(gid).components) this.include(c);
    return id;
  }

  encode(): Buffer {
    const count = this.order.length;
    const glyphs = this.order.map((gid) => this.source.glyph(gid));
    const glyfLength = glyphs.reduce((sum, g) => sum + ((g.bytes.length + 3) & ~3), 0);
    const glyf = Buffer.alloc(glyfLength);
    const loca = Buffer.alloc((count + 1) * 4);
    const hmtx = Buffer.alloc(count * 4);
    let at = 0;
    glyphs.forEach((g, i) => {
      loca.writeUInt32BE(at, i * 4);
      g.bytes.copy(glyf, at);
      g.componentOffsets.forEach((offset, c) => glyf.writeUInt16BE(this.ids.get(g.components[c]!)!, at + offset));
      at += (g.bytes.length + 3) & ~3;
      hmtx.writeUInt16BE(g.advance, i * 4);
      hmtx.writeInt16BE(g.lsb, i * 4 + 2);
    });
    loca.writeUInt32BE(at, count * 4);
    const head = Buffer.from(this.source.tableBytes('head')!);
    head.writeUInt32BE(0, 8); // checkSumAdjustment: not needed inside a PDF
    head.writeInt16BE(1, 50); // long loca
    const hhea = Buffer.from(this.source.tableBytes('hhea')!);
    hhea.writeUInt16BE(count, 34);
    const maxp = Buffer.from(this.source.tableBytes('maxp')!);
    maxp.writeUInt16BE(count, 4);
    const tables: [string, Buffer][] = [
      ['cvt ', this.source.tableBytes('cvt ')],
      ['fpgm', this.source.tableBytes('fpgm')],
      ['glyf', glyf],
      ['head', head],
      ['hhea', hhea],
      ['hmtx', hmtx],
      ['loca', loca],
      ['maxp', maxp],
      ['prep', this.source.tableBytes('prep')],
    ].filter((t): t is [string, Buffer] => t[1] !== undefined);
    return sfnt(tables);
  }
}

function checksum(b: Buffer): number {
  let sum = 0;
  const whole = b.length & ~3;
  // A DataView read per word: readUInt32BE's checks cost ~8 % of drawing a certificate.
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < b.length) {
    const tail = Buffer.alloc(4);
    b.copy(tail, 0, whole);
    sum = (sum + tail.readUInt32BE(0)) >>> 0;
  }
  return sum;
}

/** The font file: offset table, table directory (tags sorted), then each table 4-byte aligned. */
function sfnt(tables: [string, Buffer][]): Buffer {
  const n = tables.length;
  const entrySelector = Math.floor(Math.log2(n));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(n * 16 - searchRange, 10);
  let offset = header.length;
  const parts: Buffer[] = [header];
  tables.forEach(([tag, bytes], i) => {
    const at = 12 + i * 16;
    header.write(tag, at, 4, 'latin1');
    header.writeUInt32BE(checksum(bytes), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(bytes.length, at + 12);
    const padded = (bytes.length + 3) & ~3;
    parts.push(bytes);
    if (padded > bytes.length) parts.push(Buffer.alloc(padded - bytes.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}

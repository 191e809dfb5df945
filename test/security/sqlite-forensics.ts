/**
 * What an attacker with the raw files sees: every record in every b-tree page of the database file and of
 * each WAL frame, with where it sits. No SQLite library involved: bytes only (file format:
 * https://www.sqlite.org/fileformat2.html). Records that overflow a page are skipped (the test keeps them small).
 */
export type Value = string | number | null | Buffer;

export interface FoundRecord {
  values: Value[];
  /** Where the evidence comes from: 'db' or the WAL frame index (0-based, in write order). */
  source: 'db' | number;
  page: number;
  /** Byte offset of the cell inside its page: SQLite allocates new cells downwards, so lower = later. */
  offset: number;
}

function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i += 1) {
    const byte = buf[at + i]!;
    if (i === 8) return [value * 256 + byte, 9];
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, i + 1];
  }
  return [value, 9];
}

function decodeRecord(buf: Buffer, start: number, size: number): Value[] | undefined {
  const [headerSize, h] = varint(buf, start);
  if (headerSize > size || headerSize < 1) return undefined;
  const types: number[] = [];
  for (let at = start + h; at < start + headerSize; ) {
    const [t, n] = varint(buf, at);
    types.push(t);
    at += n;
  }
  const values: Value[] = [];
  let at = start + headerSize;
  const widths = [0, 1, 2, 3, 4, 6, 8, 8, 0, 0];
  for (const t of types) {
    if (t === 0) values.push(null);
    else if (t === 8 || t === 9) values.push(t - 8);
    else if (t >= 1 && t <= 6) {
      values.push(buf.readIntBE(at, Math.min(widths[t]!, 6)));
      at += widths[t]!;
    } else if (t === 7) {
      values.push(buf.readDoubleBE(at));
      at += 8;
    } else if (t >= 12) {
      const len = Math.floor((t - 12) / 2);
      values.push(t % 2 === 1 ? buf.toString('utf8', at, at + len) : buf.subarray(at, at + len));
      at += len;
    } else return undefined;
  }
  return at <= start + size ? values : undefined;
}

/** Records of one b-tree leaf page (table 0x0d or index 0x0a); interior and other pages give none. */
export function pageRecords(page: Buffer, pageNo: number, source: FoundRecord['source']): FoundRecord[] {
  const hdr = pageNo === 1 ? 100 : 0;
  const type = page[hdr];
  if (type !== 0x0d && type !== 0x0a) return [];
  const cells = page.readUInt16BE(hdr + 3);
  const out: FoundRecord[] = [];
  for (let i = 0; i < cells; i += 1) {
    const offset = page.readUInt16BE(hdr + 8 + 2 * i);
    if (offset <= 0 || offset >= page.length) continue;
    let at = offset;
    const [payload, n] = varint(page, at);
    at += n;
    if (type === 0x0d) at += varint(page, at)[1]; // rowid
    if (at + payload > page.length) continue; // overflowing record
    const values = decodeRecord(page, at, payload);
    if (values) out.push({ values, source, page: pageNo, offset });
  }
  return out;
}

export function databaseRecords(db: Buffer): FoundRecord[] {
  const pageSize = db.readUInt16BE(16) === 1 ? 65536 : db.readUInt16BE(16);
  const out: FoundRecord[] = [];
  for (let p = 0; p * pageSize < db.length; p += 1) out.push(...pageRecords(db.subarray(p * pageSize, (p + 1) * pageSize), p + 1, 'db'));
  return out;
}

/** Every frame of a WAL file, in the order written (a 32-byte header, then 24-byte frame headers + pages). */
export function walRecords(wal: Buffer): FoundRecord[] {
  if (wal.length < 32) return [];
  const pageSize = wal.readUInt32BE(8);
  const out: FoundRecord[] = [];
  for (let at = 32, frame = 0; at + 24 + pageSize <= wal.length; at += 24 + pageSize, frame += 1) {
    out.push(...pageRecords(wal.subarray(at + 24, at + 24 + pageSize), wal.readUInt32BE(at), frame));
  }
  return out;
}

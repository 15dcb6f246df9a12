// Looking at a database file with plain file reads before SQLite touches it.
// SQLite may create -wal/-shm side files or write a header as soon as it opens a
// file, so every reason to refuse a file that can be seen in its first 100 bytes
// (https://www.sqlite.org/fileformat.html §1.3) is checked here first.
import { closeSync, openSync, readSync } from 'node:fs';

const MAGIC = 'SQLite format 3\0';

export type HeaderInfo =
  | { kind: 'empty' }
  | { kind: 'not-sqlite'; reason: string }
  | { kind: 'sqlite'; userVersion: number; applicationId: number; walMode: boolean; pageSize: number; hasSchema: boolean };

export function readHeader(file: string, size: number): HeaderInfo {
  if (size === 0) return { kind: 'empty' };
  if (size < 100) return { kind: 'not-sqlite', reason: `it is only ${size} bytes long, shorter than an SQLite header` };
  const buf = Buffer.alloc(108);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, Math.min(108, size), 0);
  } finally {
    closeSync(fd);
  }
  if (buf.toString('latin1', 0, 16) !== MAGIC) {
    return { kind: 'not-sqlite', reason: 'it does not start with the SQLite header ("SQLite format 3")' };
  }
  const rawPageSize = buf.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    return { kind: 'not-sqlite', reason: `its header has an impossible page size (${rawPageSize})` };
  }
  // Bytes 18 and 19: file format write/read versions, 2 = WAL.
  const walMode = buf[18] === 2 || buf[19] === 2;
  // Bytes 60..63: the user_version, which the migrations use as the schema version.
  const userVersion = buf.readInt32BE(60);
  // Bytes 68..71: the application id, which marks the file as one of ours.
  const applicationId = buf.readInt32BE(68);
  // Page 1 holds the root of the schema table (sqlite_master) right after the file
  // header: a leaf with no cells means a database without tables, indexes or views.
  const pageType = buf[100];
  const hasSchema = size >= 108 && (pageType !== 0x0d || buf.readUInt16BE(103) > 0);
  return { kind: 'sqlite', userVersion, applicationId, walMode, pageSize, hasSchema };
}

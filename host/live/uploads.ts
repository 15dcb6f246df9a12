// Photos the players submit for judged steps. The type is read from the file's first
// bytes (never from a name or a header the phone sends), the size is capped, and the
// file is stored under the sha256 of its content: no part of a path ever comes from a
// player. The submission's `ref` names the stored file.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHOTO_REF } from '../../api/liveProtocol';

export type ImageType = { ext: 'jpg' | 'png' | 'webp'; mime: string };

/** The image type from the magic bytes, or null: JPEG, PNG and WebP only. */
export function sniffImage(b: Uint8Array): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { ext: 'jpg', mime: 'image/jpeg' };
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (b.length >= 8 && png.every((x, i) => b[i] === x)) return { ext: 'png', mime: 'image/png' };
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { ext: 'webp', mime: 'image/webp' };
  return null;
}

export { isPhotoRef } from '../../api/liveProtocol';

export class UploadStore {
  constructor(readonly dir: string) {}

  /** Stores a checked image; returns its ref. The same photo twice is stored once. */
  save(bytes: Buffer): { ref: string } | { error: string } {
    const type = sniffImage(bytes);
    if (!type) return { error: 'not a JPEG, PNG or WebP image' };
    const hash = createHash('sha256').update(bytes).digest('hex');
    const name = `${hash}.${type.ext}`;
    const file = join(this.dir, name);
    if (!existsSync(file)) {
      mkdirSync(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, bytes);
      renameSync(tmp, file);
    }
    return { ref: `photo/${name}` };
  }

  /** The stored photo of a ref, or null (a ref that is not a photo ref never touches the disk). */
  read(ref: string): { bytes: Buffer; mime: string } | null {
    const m = PHOTO_REF.exec(ref);
    if (!m) return null;
    const file = join(this.dir, `${m[1]}.${m[2]}`);
    if (!existsSync(file)) return null;
    const bytes = readFileSync(file);
    const type = sniffImage(bytes);
    return type ? { bytes, mime: type.mime } : null;
  }
}

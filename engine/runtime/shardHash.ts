// Which worker shard holds a participant. The hash must be stable (the same on every
// machine, build and run) and depend only on the participant id, so a participant's
// events always meet the same actor and a run can be restored with a different number
// of workers. FNV-1a 32-bit over the UTF-8 bytes of the id: tiny, well spread for
// short ids, and free of any per-process seed (unlike a Map's internal hash).

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a (32-bit, unsigned) of the UTF-8 encoding of `id`. */
export function fnv1a32(id: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < id.length; i++) {
    let c = id.charCodeAt(i);
    // Combine a surrogate pair into one code point, as UTF-8 encodes it.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < id.length) {
      const lo = id.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    // A lone surrogate is encoded as U+FFFD, as TextEncoder does.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME);
    } else if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
    } else if (c < 0x10000) {
      h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
    } else {
      h = Math.imul(h ^ (0xf0 | (c >> 18)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 12) & 0x3f)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | ((c >> 6) & 0x3f)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | (c & 0x3f)), FNV_PRIME);
    }
  }
  return h >>> 0;
}

/** The shard (0 ≤ shard < workers) that holds participant `id`. */
export function shardOf(id: string, workers: number): number {
  return fnv1a32(id) % workers;
}

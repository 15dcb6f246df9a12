import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a32, shardOf } from '../../../engine/runtime/shardHash';

/** FNV-1a over TextEncoder's UTF-8 bytes: the definition the fast version must match. */
function reference(id: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(id)) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

describe('participant shard hash', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes the UTF-8 bytes of any id, astral characters and lone surrogates included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (id) => fnv1a32(id) === reference(id)));
    for (const id of ['é', 'team-😀', '\uD800', 'x\uDC00y', '\uFFFF', 'İstanbul']) expect(fnv1a32(id)).toBe(reference(id));
  });

  it('puts an id in the shard its hash names', () => {
    expect(['team-1', 'team-2', 'p-0é😀'].map((id) => shardOf(id, 4))).toEqual(['team-1', 'team-2', 'p-0é😀'].map((id) => reference(id) % 4));
    expect(shardOf('anything', 1)).toBe(0);
  });

  it('spreads typical ids evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[shardOf(`team-${i}`, 4)]++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});

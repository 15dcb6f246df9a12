// Paging for the virtualized participants table: only the pages the visible rows
// fall on are fetched, so 100k participants cost a few small requests.
export const PAGE_SIZE = 40;

/** Page indexes covering rows [first, last] (inclusive). */
export function pagesFor(first: number, last: number, pageSize = PAGE_SIZE): number[] {
  if (last < first || last < 0) return [];
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, first) / pageSize); p <= Math.floor(last / pageSize); p++) out.push(p);
  return out;
}

import { describe, expect, it } from 'vitest';
import { pagesFor } from '../../../renderer/debugger/pages';

describe('participant table paging', () => {
  it('covers exactly the pages the visible rows are on', () => {
    expect(pagesFor(0, 30, 100)).toEqual([0]);
    expect(pagesFor(95, 205, 100)).toEqual([0, 1, 2]);
    expect(pagesFor(-5, 10, 100)).toEqual([0]);
    expect(pagesFor(10, 5, 100)).toEqual([]);
  });
});

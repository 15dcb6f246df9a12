import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, record, redo, undo, HISTORY_LIMIT } from '../../../renderer/state/history';

describe('undo history', () => {
  it('undoes and redoes in order; a new edit clears redo', () => {
    let h = createHistory('a');
    h = record(h, 'b', null, 0);
    h = record(h, 'c', null, 10);
    h = undo(h);
    expect(h.present).toBe('b');
    expect(canRedo(h)).toBe(true);
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redo(h);
    expect(h.present).toBe('b');
    h = record(h, 'x', null, 20);
    expect(canRedo(h)).toBe(false);
    expect(undo(h).present).toBe('b');
  });

  it('coalesces typing in one field into one step, but not after a pause or another field', () => {
    let h = createHistory('');
    h = record(h, 'h', 'title', 0);
    h = record(h, 'he', 'title', 300);
    h = record(h, 'hey', 'title', 600);
    expect(undo(h).present).toBe('');
    h = record(h, 'hey!', 'title', 5000);
    expect(undo(h).present).toBe('hey');
    h = record(h, 'hey!?', 'id', 5100);
    expect(undo(h).present).toBe('hey!');
  });

  it('undo and redo on an empty side change nothing; identical value records nothing', () => {
    const h = createHistory(1);
    expect(undo(h)).toBe(h);
    expect(redo(h)).toBe(h);
    expect(record(h, 1)).toBe(h);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = record(h, i, null, i * 10_000);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(50);
  });
});

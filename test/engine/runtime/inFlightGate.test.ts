import { describe, expect, it } from 'vitest';
import { InFlightGate } from '../../../engine/runtime/inFlightGate';

describe('InFlightGate', () => {
  it('admits up to capacity, then makes callers wait in order', async () => {
    const gate = new InFlightGate(2);
    const order: number[] = [];
    await gate.acquire();
    await gate.acquire();
    const third = gate.acquire().then(() => order.push(3));
    const fourth = gate.acquire().then(() => order.push(4));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(gate.inFlight).toBe(2);
    gate.release();
    await third;
    expect(order).toEqual([3]);
    gate.release();
    await fourth;
    expect(order).toEqual([3, 4]);
    expect(gate.peakInFlight).toBe(2);
  });

  it('rejects a bad capacity and an unmatched release', () => {
    expect(() => new InFlightGate(0)).toThrow(/whole number ≥ 1/);
    expect(() => new InFlightGate(1.5)).toThrow(/whole number ≥ 1/);
    expect(() => new InFlightGate(1).release()).toThrow(/without a matching acquire/);
  });
});

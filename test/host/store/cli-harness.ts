// Runs the `hunt` command in-process and captures what it writes.
import { vi } from 'vitest';
import { main } from '../../../cli/main';

export type HuntRun = { code: number; out: string; err: string };

export async function hunt(...args: string[]): Promise<HuntRun> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

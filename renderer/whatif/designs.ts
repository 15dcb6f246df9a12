// The designs a what-if can play: the hunt open in the editor, a hunt file (read through
// hunts.open, on either host's file picker), or a hunt version stored with a run.
import type { RunSummary } from '../../api/contract';
import type { DesignSource } from '../../api/whatIf';
import { api } from '../api';
import { appInfo } from '../state/app';
import { chooseHuntFile } from '../state/filePicker';

export type DesignChoice = { kind: 'open' } | { kind: 'file'; path: string; title: string; hunt: unknown } | { kind: 'version'; version: string };

export type StoredVersion = { version: string; title: string; runs: string[] };

/** The hunt versions the stored runs used, newest run first, each once. */
export function storedVersions(runs: RunSummary[] | null): StoredVersion[] {
  const out = new Map<string, StoredVersion>();
  for (const r of runs ?? []) {
    const v = out.get(r.huntVersion) ?? { version: r.huntVersion, title: r.huntTitle, runs: [] };
    v.runs.push(r.name);
    out.set(r.huntVersion, v);
  }
  return [...out.values()];
}

export function designSource(choice: DesignChoice, openHunt: unknown): DesignSource {
  if (choice.kind === 'open') return { hunt: openHunt };
  if (choice.kind === 'file') return { hunt: choice.hunt };
  return { version: choice.version };
}

/** Asks for a hunt file (Electron: the system dialog; browser: the host's data-folder picker) and reads it; null when cancelled. */
export async function chooseDesignFile(): Promise<DesignChoice | null> {
  const path = appInfo.get()?.host === 'electron' ? (await api().call('app.chooseOpenPath', {})).path : await chooseHuntFile();
  if (!path) return null;
  const doc = await api().call('hunts.open', { path });
  const hunt = doc.hunt as { title?: unknown } | null;
  return { kind: 'file', path: doc.path ?? path, title: typeof hunt?.title === 'string' ? hunt.title : path, hunt: doc.hunt };
}

export function choiceKey(c: DesignChoice): string {
  return c.kind === 'open' ? 'open' : c.kind === 'file' ? `file:${c.path}` : `version:${c.version}`;
}

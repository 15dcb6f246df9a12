// Open, new, example, save and save-as for the editor, each asking before
// unsaved changes would be lost.
import type { HuntDocument } from '../../api/contract';
import { api } from '../api';
import { confirm, prompt } from './dialogs';
import { editor, isDirty, loadDocument, markSaved } from './editor';
import { notify, notifyError } from './notices';
import { downloadText } from '../lib/download';
import { chooseHuntFile } from './filePicker';
import { appInfo } from './app';

/** True when there is nothing unsaved, or the designer agreed to drop it. */
export async function confirmDiscard(action: string): Promise<boolean> {
  if (!isDirty(editor.get())) return true;
  return confirm({
    title: 'Discard unsaved changes?',
    message: `The open hunt has changes that are not saved. ${action} anyway and lose them?`,
    confirmLabel: 'Discard changes',
    cancelLabel: 'Keep editing',
  });
}

async function replaceWith(action: string, load: () => Promise<HuntDocument>): Promise<boolean> {
  if (!(await confirmDiscard(action))) return false;
  try {
    loadDocument(await load());
    return true;
  } catch (err) {
    notifyError(err, action);
    return false;
  }
}

export const newHunt = () => replaceWith('Create a new hunt', () => api().call('hunts.new', {}));
export const openExample = (name: string) => replaceWith('Open the example', () => api().call('hunts.openExample', { name }));
export const openPath = (path: string) => replaceWith('Open the hunt', () => api().call('hunts.open', { path }));

const inElectron = () => appInfo.get()?.host === 'electron';

/**
 * Open a hunt file by its path on the host, so Save writes back to it: in Electron the
 * system's Open dialog, in the web host the studio's picker over the host's data folder
 * and recent files.
 */
export async function openFromDisk(): Promise<boolean> {
  if (!(await confirmDiscard('Open another hunt'))) return false;
  try {
    const path = inElectron() ? (await api().call('app.chooseOpenPath', {})).path : await chooseHuntFile();
    if (!path) return false;
    const doc = await api().call('hunts.open', { path });
    loadDocument(doc);
    notify(`Opened ${doc.path ?? path}`);
    return true;
  } catch (err) {
    notifyError(err, 'Opening the hunt');
    return false;
  }
}

function suggestedPath(): string {
  const s = editor.get();
  if (s.path) return s.path;
  const id = (s.history.present.hunt as { id?: unknown } | null)?.id;
  const name = typeof id === 'string' && id ? id : 'untitled';
  const dir = appInfo.get()?.dataDir;
  return dir ? `${dir.replace(/[\\/]+$/, '')}/${name}.hunt.json` : `${name}.hunt.json`;
}

function downloadHunt(): void {
  const s = editor.get();
  const hunt = s.history.present.hunt;
  const id = (hunt as { id?: unknown } | null)?.id;
  downloadText(`${typeof id === 'string' && id ? id : 'hunt'}.hunt.json`, JSON.stringify(hunt, null, 2) + '\n', 'application/json');
  notify('The hunt was downloaded. It stays marked unsaved because the studio cannot see where the browser put it.');
}

async function saveTo(path: string): Promise<boolean> {
  try {
    const doc = await api().call('hunts.save', { path, hunt: editor.get().history.present.hunt });
    markSaved(doc);
    notify(`Saved to ${doc.path ?? path}`);
    return true;
  } catch (err) {
    notifyError(err, 'Saving');
    return false;
  }
}

export async function saveAs(): Promise<boolean> {
  if (inElectron()) {
    try {
      const suggested = suggestedPath();
      const { path } = await api().call('app.chooseSavePath', { suggestedName: suggested.split(/[\\/]/).pop() ?? suggested });
      return path ? saveTo(path) : false;
    } catch (err) {
      notifyError(err, 'Choosing where to save');
      return false;
    }
  }
  const answer = await prompt({
    title: 'Save hunt as',
    message: 'Where should the hunt file be written on the studio host? The path is on the machine running the studio.',
    label: 'File path',
    value: suggestedPath(),
    confirmLabel: 'Save',
    extra: { id: 'download', label: 'Download instead' },
  });
  if (!answer) return false;
  if ('extra' in answer) {
    downloadHunt();
    return false;
  }
  return saveTo(answer.value.trim());
}

export async function save(): Promise<boolean> {
  const path = editor.get().path;
  return path ? saveTo(path) : saveAs();
}

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuCommand } from '../../electron/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function build(isMac: boolean, recent: string[] = []) {
  const sent: string[] = [];
  const template = menuTemplate({
    isMac,
    appName: 'Studio',
    recent,
    dev: false,
    actions: {
      command: (c: MenuCommand) => sent.push(c),
      open: () => sent.push('open-dialog'),
      openRecent: (p) => sent.push(`recent:${p}`),
      clearRecent: () => sent.push('clear'),
    },
  });
  const click = (label: string) => {
    const item = flatten(template).find((i) => i.label === label);
    if (!item?.click) throw new Error(`no clickable ${label}`);
    (item.click as () => void)();
  };
  return { template, sent, click, items: flatten(template) };
}

describe('application menu', () => {
  it('has the document commands with their shortcuts', () => {
    const { items } = build(false);
    const accel = Object.fromEntries(items.filter((i) => i.label).map((i) => [i.label, i.accelerator]));
    expect(accel).toMatchObject({
      New: 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      Save: 'CmdOrCtrl+S',
      'Save As…': 'CmdOrCtrl+Shift+S',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'Ctrl+Y',
      'Run Simulation': 'F5',
    });
    expect(items.some((i) => i.label === 'Open Recent')).toBe(true);
    // No developer tools in a user's build.
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });

  it('sends each command to the page, and opens files through the main process', () => {
    const { click, sent } = build(false, ['/home/a/walk.hunt.json']);
    for (const label of ['New', 'Save', 'Save As…', 'Undo', 'Redo', 'Run Simulation', 'Open…', 'walk.hunt.json', 'Clear Menu']) click(label);
    expect(sent).toEqual(['new', 'save', 'saveAs', 'undo', 'redo', 'run', 'open-dialog', 'recent:/home/a/walk.hunt.json', 'clear']);
  });

  it('uses the system recent documents menu on macOS', () => {
    const { items } = build(true);
    expect(items.find((i) => i.label === 'Open Recent')?.role).toBe('recentDocuments');
    expect(items.find((i) => i.label === 'Redo')?.accelerator).toBe('Cmd+Shift+Z');
  });
});

// The studio frame: header (hunt title, unsaved marker, file commands), the
// screen navigation, the current screen, dialogs and status messages.
import { useEffect, useState } from 'react';
import { api, errorMessage } from './api';
import { appInfo, screen, SCREENS, type Screen } from './state/app';
import { editor, isDirty, loadDocument, redo, undo } from './state/editor';
import { newHunt, openFromDisk, openPath, save, saveAs } from './state/files';
import { useStore } from './state/store';
import { notifyError } from './state/notices';
import { Header } from './components/Header';
import { DialogHost } from './components/DialogHost';
import { Notices } from './components/Notices';
import { EditorScreen } from './editor/EditorScreen';
import { SimulateScreen } from './simulate/SimulateScreen';
import { DebuggerScreen } from './debugger/DebuggerScreen';
import { ReplayScreen } from './replay/ReplayScreen';
import { PlaytestScreen } from './playtest/PlaytestScreen';
import { WhatIfScreen } from './whatif/WhatIfScreen';
import { ConsoleScreen } from './liveConsole/ConsoleScreen';
import { isTyping } from './lib/keys';
import { ShortcutsButton } from './components/ShortcutsHelp';

const SCREEN_COMPONENTS: Record<Screen, () => React.JSX.Element> = {
  editor: EditorScreen,
  simulate: SimulateScreen,
  debugger: DebuggerScreen,
  replay: ReplayScreen,
  playtest: PlaytestScreen,
  whatif: WhatIfScreen,
  console: ConsoleScreen,
};

export function App() {
  const current = useStore(screen, (s) => s);
  const [fatal, setFatal] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const info = await api().call('app.info', {});
        appInfo.set(info);
        const doc = info.startupHunt ? await api().call('hunts.open', { path: info.startupHunt }) : await api().call('hunts.new', {});
        if (!cancelled) {
          loadDocument(doc);
          setReady(true);
        }
      } catch (err) {
        if (!cancelled) setFatal(errorMessage(err));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!ready) return;
    const offMenu = api().subscribe('app.menu', ({ command }) => void runCommand(command));
    const offOpen = api().subscribe('app.openHunt', ({ path }) => {
      screen.set('editor');
      void openPath(path);
    });
    return () => {
      offMenu();
      offOpen();
    };
  }, [ready]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const byKey = e.altKey && !mod ? SCREENS.find((s) => s.key === e.key) : undefined;
      if (byKey) {
        screen.set(byKey.id);
        e.preventDefault();
        return;
      }
      if (!mod) return;
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        void (e.shiftKey ? saveAs() : save());
      } else if (k === 'o') {
        e.preventDefault();
        void openFromDisk();
      } else if ((k === 'z' || k === 'y') && !isTyping(e.target)) {
        // In a text field the browser's own undo handles the letters typed there.
        e.preventDefault();
        if (k === 'y' || e.shiftKey) redo();
        else undo();
      }
    };
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (isDirty(editor.get())) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);

  if (fatal) {
    return (
      <main className="fatal" role="alert">
        <h1>The studio cannot reach its host</h1>
        <p>{fatal}</p>
      </main>
    );
  }
  if (!ready) return <main className="loading" aria-busy="true">Starting the studio…</main>;

  const Current = SCREEN_COMPONENTS[current];
  return (
    <div className="app">
      <Header />
      <nav className="nav" aria-label="Screens">
        {SCREENS.map((s) => (
          <button
            key={s.id}
            type="button"
            className="nav-item"
            aria-current={current === s.id ? 'page' : undefined}
            aria-keyshortcuts={`Alt+${s.key}`}
            title={`${s.label} (Alt+${s.key})`}
            onClick={() => screen.set(s.id)}
          >
            {s.label}
          </button>
        ))}
        <span className="grow" />
        <ShortcutsButton />
      </nav>
      <main className="screen" aria-label={SCREENS.find((s) => s.id === current)?.label}>
        <Current />
      </main>
      <DialogHost />
      <Notices />
    </div>
  );
}

async function runCommand(command: 'new' | 'open' | 'save' | 'saveAs' | 'undo' | 'redo' | 'run') {
  try {
    if (command === 'new') await newHunt();
    else if (command === 'open') await openFromDisk();
    else if (command === 'save') await save();
    else if (command === 'saveAs') await saveAs();
    else if (command === 'undo') undo();
    else if (command === 'redo') redo();
    else if (command === 'run') screen.set('simulate');
  } catch (err) {
    notifyError(err, command);
  }
}

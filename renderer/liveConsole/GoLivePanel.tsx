// Going live: which hunt (the one open in the editor, or an open live run to carry on),
// on which network interface and port. Nothing is opened until "Go live" is pressed, and
// the button says exactly what it opens; the host's errors (port in use…) show here.
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api';
import { useStore } from '../state/store';
import { editor } from '../state/editor';
import { debuggerRun, screen } from '../state/app';
import { consoleServing, goLive } from './serving';
import type { NetworkChoice, OpenLiveRun } from '../../api/liveConsole';

const DEFAULT_PORT = 8080;
const NEW_RUN = 'new';

/** What opening an address means, before it is opened. */
export function reachOf(c: NetworkChoice): string {
  if (c.internal) return 'Only this machine can connect: phones cannot join. Good for trying the console.';
  if (c.address === '0.0.0.0') return 'Every network interface of this machine is opened, including networks other than the venue’s.';
  return `Phones on the network of ${c.name} can join (allow the port in this machine’s firewall).`;
}

function choiceLabel(c: NetworkChoice): string {
  return c.address === '0.0.0.0' ? 'Every interface (0.0.0.0)' : `${c.name}: ${c.address}${c.internal ? ' (this machine only)' : ''}`;
}

/** A port the organiser typed, or the reason it is not one. */
export function parsePort(text: string): { port: number } | { error: string } {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return { error: 'The port must be a whole number (0 picks a free one).' };
  const port = Number(t);
  if (port > 65535) return { error: 'The port must be at most 65535.' };
  return { port };
}

export function GoLivePanel() {
  const hunt = useStore(editor, (s) => s.history.present.hunt);
  const valid = useStore(editor, (s) => s.report.valid);
  const ended = useStore(consoleServing, (s) => s.ended);
  const [networks, setNetworks] = useState<NetworkChoice[] | null>(null);
  const [openRuns, setOpenRuns] = useState<OpenLiveRun[]>([]);
  const [source, setSource] = useState(NEW_RUN);
  const [bind, setBind] = useState('');
  const [portText, setPortText] = useState(String(DEFAULT_PORT));
  const [https, setHttps] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([api().call('console.networks', {}), api().call('console.openRuns', {})])
      .then(([n, runs]) => {
        if (cancelled) return;
        setNetworks(n);
        setOpenRuns(runs);
        // A network interface first when there is one (phones need it); the organiser still presses Go live.
        setBind((b) => b || (n.find((c) => !c.internal && c.address !== '0.0.0.0') ?? n[0])?.address || '');
      })
      .catch((err) => !cancelled && setError(errorMessage(err)));
    return () => {
      cancelled = true;
    };
  }, []);

  const title = typeof (hunt as { title?: unknown } | null)?.title === 'string' ? (hunt as { title: string }).title : 'Untitled hunt';
  const carried = openRuns.find((r) => r.runId === source);
  const choice = networks?.find((c) => c.address === bind) ?? null;
  const port = parsePort(portText);
  const canGo = !busy && choice !== null && 'port' in port && (carried !== undefined || valid);
  const opens = !choice || !('port' in port) ? '' : `${choice.address === '0.0.0.0' ? 'every interface' : `${choice.name} (${choice.address})`}, ${port.port === 0 ? 'a free port' : `port ${port.port}`}`;

  const pickSource = (id: string) => {
    setSource(id);
    const run = openRuns.find((r) => r.runId === id);
    // Carrying on where it was served: the phones reconnect to that address by themselves.
    if (run?.lastBind && networks?.some((c) => c.address === run.lastBind)) setBind(run.lastBind);
    if (run?.lastPort) setPortText(String(run.lastPort));
    if (run) setHttps(run.lastHttps);
  };

  const go = async () => {
    if (!canGo || !('port' in port)) return;
    setBusy(true);
    setError(null);
    try {
      await goLive(carried ? { runId: carried.runId, bind, port: port.port, https } : { hunt, bind, port: port.port, https });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <form
        className="panel narrow-panel form go-live"
        aria-labelledby="go-live-title"
        onSubmit={(e) => {
          e.preventDefault();
          void go();
        }}
      >
        <h2 id="go-live-title">Go live</h2>
        <p className="muted">
          Run the hunt for real players: their phones join over this machine’s network (the venue’s Wi-Fi or this laptop’s hotspot), no internet needed. The studio itself stays on this
          machine; going live opens only the interface and port you choose here.
        </p>
        {ended && (
          <div className="banner" role="status">
            The live run {ended.runId} of “{ended.huntTitle}” is {ended.status}.{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                debuggerRun.set(ended.runId);
                screen.set('debugger');
              }}
            >
              Open it in Runs & Debugger
            </button>
          </div>
        )}
        <fieldset className="field">
          <legend>Hunt</legend>
          <div className="live-sources">
            <label className="check">
              <input type="radio" name="live-source" checked={source === NEW_RUN} onChange={() => pickSource(NEW_RUN)} />
              <span>
                A new live run of the hunt open in the editor: <strong>{title}</strong>
                {!valid && <span className="error-text"> (it has errors; fix them in the Editor first)</span>}
              </span>
            </label>
            {openRuns.map((r) => (
              <label key={r.runId} className="check">
                <input type="radio" name="live-source" checked={source === r.runId} onChange={() => pickSource(r.runId)} />
                <span>
                  Carry on run {r.runId}: <strong>{r.huntTitle}</strong> <span className="muted">(code {r.code}, {r.teams} teams, {r.events} events{r.lastBind ? `, served last on ${r.lastBind}:${r.lastPort}` : ''})</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="row2">
          <div className="field">
            <label htmlFor="live-bind">Network interface</label>
            <select id="live-bind" value={bind} onChange={(e) => setBind(e.target.value)} disabled={!networks}>
              {(networks ?? []).map((c) => (
                <option key={c.address} value={c.address}>
                  {choiceLabel(c)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="live-port">Port</label>
            <input id="live-port" inputMode="numeric" value={portText} aria-invalid={'error' in port} aria-describedby="live-port-note" onChange={(e) => setPortText(e.target.value)} />
            <small id="live-port-note">{'error' in port ? port.error : '0 picks a free port.'}</small>
          </div>
        </div>
        {choice && <p className={choice.internal ? 'banner' : 'muted'}>{reachOf(choice)}</p>}
        <label className="check">
          <input type="checkbox" checked={https} onChange={(e) => setHttps(e.target.checked)} aria-describedby="live-https-note" /> HTTPS
        </label>
        <small id="live-https-note" className="muted">
          {https
            ? 'Phones get GPS and the camera. This machine makes its own certificate: each phone shows a warning once, which players accept (Advanced, then Proceed).'
            : 'Over plain http, phones on the network cannot share their position or use the camera to scan (browsers allow both only on secure pages).'}
        </small>
        {error && (
          <p className="banner error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={!canGo}>
            {busy ? 'Going live…' : opens ? `Go live on ${opens}${https ? ', over HTTPS' : ''}` : 'Go live'}
          </button>
        </div>
      </form>
    </div>
  );
}

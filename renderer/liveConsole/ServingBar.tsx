// What is open to the network right now, and the way out: stop serving (the run stays
// open and can be carried on) or end the hunt (the run completes with its result).
import { useState } from 'react';
import { confirm } from '../state/dialogs';
import { notify, notifyError } from '../state/notices';
import { endHunt, stopServing } from './serving';
import type { LiveServing } from '../../api/liveConsole';

export function ServingBar({ info }: { info: LiveServing }) {
  const [busy, setBusy] = useState(false);
  const act = async (fn: () => Promise<unknown>, doing: string) => {
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      notifyError(err, doing, 'console');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="serving-bar" role="region" aria-label="Serving">
      <span className="pill pill-running live-dot">● live</span>
      <div className="serving-what">
        <strong>{info.huntTitle}</strong> <span className="muted">run {info.runId}{info.reopened ? ', carried on' : ''}</span>
        <div className="small" data-testid="serving-opened" title={`Open on ${info.bind}:${info.port}: ${info.opened}`}>
          Open on <code>{info.bind}:{info.port}</code>: {info.opened}
          {info.tlsFingerprint ? ', over HTTPS' : ''}
        </div>
        {info.tlsFingerprint && (
          <div className="small muted" title="The certificate's SHA-256 fingerprint, as a phone's browser shows it in the certificate's details">
            Certificate {info.tlsFingerprint.slice(0, 23)}…
          </div>
        )}
      </div>
      <span className="grow" />
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          const ok = await confirm({
            title: 'Stop serving?',
            message: 'The phones go offline and keep their actions. The run stays open: go live with it again to carry on, and the phones reconnect by themselves.',
            confirmLabel: 'Stop serving',
            cancelLabel: 'Keep serving',
          });
          if (ok) await act(async () => (await stopServing(), notify(`Stopped serving run ${info.runId}; carry it on from Go live.`, 'info', 'console')), 'Stopping');
        }}
      >
        Stop serving
      </button>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={async () => {
          const ok = await confirm({
            title: 'End the hunt?',
            message: 'The run completes with its result and the phones are told the hunt is over. This cannot be undone.',
            confirmLabel: 'End the hunt',
            cancelLabel: 'Keep playing',
            danger: true,
          });
          if (ok) await act(endHunt, 'Ending the hunt');
        }}
      >
        End the hunt
      </button>
    </div>
  );
}

// What if: compare two designs, sweep parameters, re-score a recorded event, fork a
// stored simulation (docs/what-if.md). One screen, a tab for each; each tab's form and
// last job stay while the designer visits other screens, and the job is picked up again
// after a page reload.
import { useEffect } from 'react';
import { createStore, useStore } from '../state/store';
import { followRuns } from '../state/runs';
import { CompareView, compareJob } from './CompareView';
import { SweepView, sweepJob } from './SweepView';
import { RescoreView, rescoreJob } from './RescoreView';
import { ForkView, forkJob } from './ForkView';
import './whatif.css';

const TABS = [
  { id: 'compare', label: 'Compare', view: CompareView },
  { id: 'sweep', label: 'Sweep', view: SweepView },
  { id: 'rescore', label: 'Re-score', view: RescoreView },
  { id: 'fork', label: 'Fork', view: ForkView },
] as const;
type Tab = (typeof TABS)[number]['id'];

const tab = createStore<Tab>('compare');

export function WhatIfScreen() {
  const current = useStore(tab, (t) => t);
  useEffect(() => followRuns(), []);
  // After a page reload, each tab follows the job it last started again.
  useEffect(() => {
    for (const job of [compareJob, sweepJob, rescoreJob, forkJob]) void job.reattach();
  }, []);
  const View = TABS.find((t) => t.id === current)!.view;
  const move = (e: React.KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === current);
    const next = e.key === 'ArrowRight' ? (i + 1) % TABS.length : e.key === 'ArrowLeft' ? (i + TABS.length - 1) % TABS.length : -1;
    if (next < 0) return;
    e.preventDefault();
    tab.set(TABS[next].id);
    document.getElementById(`whatif-tab-${TABS[next].id}`)?.focus();
  };
  return (
    <div className="whatif">
      <div className="whatif-tabs" role="tablist" aria-label="What if" onKeyDown={move}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`whatif-tab-${t.id}`}
            type="button"
            role="tab"
            aria-selected={current === t.id}
            aria-controls="whatif-panel"
            tabIndex={current === t.id ? 0 : -1}
            onClick={() => tab.set(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id="whatif-panel" className="whatif-panel" role="tabpanel" aria-labelledby={`whatif-tab-${current}`}>
        <View />
      </div>
    </div>
  );
}

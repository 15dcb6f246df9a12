// The hunt/2 figures of a run (engine/analytics/v2-figures.ts): the organiser's judging
// queue over virtual time, which branches participants took and how many took up the
// bonus steps. Shown only for a hunt/2 run, whose analytics carry them.
import { useMemo } from "react";
import type { RunAnalytics } from "../../api/contract";
import { Plot, lineOptions } from "../components/Plot";
import { ChartFrame } from "../components/ChartFrame";
import { fmtDuration, fmtInt, fmtPct } from "../lib/format";

export function HuntV2Charts({ analytics }: { analytics: RunAnalytics }) {
  const { judging, branches, bonus } = analytics;
  const queueData = useMemo(
    () => [judging?.t ?? [], judging?.pending ?? []] as [number[], number[]],
    [judging],
  );
  return (
    <>
      {judging && judging.submissions > 0 && (
        <ChartFrame
          title="Judging queue (submissions waiting)"
          table={{
            columns: ["Virtual time", "Waiting"],
            rows: judging.t.map((t, i) => [
              fmtDuration(t),
              fmtInt(judging.pending[i]),
            ]),
          }}
          note={
            <p className="label" data-testid="judging-summary">
              {fmtInt(judging.submissions)} submissions,{" "}
              {fmtInt(judging.judged)} judged; longest {fmtInt(judging.peak)}{" "}
              waiting at {fmtDuration(judging.peakAt)}; median wait{" "}
              {fmtDuration(judging.waitSec.p50)}
            </p>
          }
        >
          <Plot
            shapeKey="judging"
            label="Submissions waiting for judgement over virtual time"
            data={queueData}
            options={(size) =>
              lineOptions(
                size,
                [
                  {
                    label: "waiting",
                    stroke: "#b5421a",
                    fill: "rgba(181,66,26,.08)",
                  },
                ],
                "virtual time",
                fmtDuration,
              )
            }
          />
        </ChartFrame>
      )}
      {branches && branches.length > 0 && (
        <ChartFrame title="Branches taken" table={null}>
          <div className="chart-table scroll-box">
            <table className="data" aria-label="Branches taken">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Requires</th>
                  <th className="num">Reached</th>
                  <th>Came by</th>
                </tr>
              </thead>
              <tbody>
                {branches.map((b) => (
                  <tr key={`${b.step}/${b.item}`}>
                    <td>{b.title}</td>
                    <td>{b.requirement}</td>
                    <td className="num">{fmtInt(b.reached)}</td>
                    <td>
                      {b.via.length
                        ? b.via
                            .map((v) => `${v.step} ${fmtInt(v.participants)}`)
                            .join(", ")
                        : "–"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ChartFrame>
      )}
      {bonus && bonus.steps.length > 0 && (
        <ChartFrame
          title="Bonus steps"
          table={null}
          note={
            <p className="label">
              {fmtInt(bonus.participants)} participants ({fmtPct(bonus.share)})
              solved at least one
            </p>
          }
        >
          <div className="chart-table scroll-box">
            <table className="data" aria-label="Bonus steps">
              <thead>
                <tr>
                  <th>Step</th>
                  <th className="num">Reached</th>
                  <th className="num">Solved</th>
                  <th className="num">Uptake</th>
                </tr>
              </thead>
              <tbody>
                {bonus.steps.map((b) => (
                  <tr key={b.step}>
                    <td>{b.title}</td>
                    <td className="num">{fmtInt(b.reached)}</td>
                    <td className="num">{fmtInt(b.solved)}</td>
                    <td className="num">{fmtPct(b.uptake)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </ChartFrame>
      )}
    </>
  );
}

import type { TDecisionEntry } from "@/lib/reviews/decision-history";

const day = (d: Date) => d.toISOString().slice(0, 10);
const badge = (decision: string) => <span className={`badge ${decision === "keep" ? "ok" : "bad"}`}>{decision}</span>;

/** The reviewer's decision as recorded and, below it, an admin's override with its reason: never one in place of the other. */
export function ItemDecisionView(props: { reviewerDecision: TDecisionEntry | null; override: TDecisionEntry | null }) {
  const { reviewerDecision: r, override: o } = props;
  return (
    <>
      {r && (
        <div data-testid="reviewer-decision">
          {badge(r.decision)} <span className="small muted">{r.decidedBy}, {day(r.decidedAt)}</span>
          {r.comment && <div className="small">“{r.comment}”</div>}
        </div>
      )}
      {o && (
        <div data-testid="override" className="small">
          <span className="badge warn">override</span> {badge(o.decision)} by {o.decidedBy}, {day(o.decidedAt)}
          {r && <> (replaces {r.decision} as the effective decision; the reviewer&apos;s decision stays on record)</>}
          <div>Reason: “{o.comment}”</div>
        </div>
      )}
    </>
  );
}

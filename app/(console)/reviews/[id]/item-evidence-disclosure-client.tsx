"use client";
import { useState, type ReactNode } from "react";
import type { TItemEvidence } from "@/lib/reviews/item-evidence";
import { ItemEvidenceView } from "./item-evidence-view";

type TState = { status: "idle" } | { status: "loading" } | { status: "loaded"; evidence: TItemEvidence } | { status: "failed"; message: string };

/**
 * One review item's full frozen evidence, fetched when the reviewer opens the row (the
 * page itself carries only the decision-relevant summary, so a 50-item page stays small).
 * A native <details>: Enter or Space on the summary opens it, as with the mouse.
 */
export function ItemEvidenceDisclosure(props: { campaignId: number; itemId: number; summary: ReactNode; children?: ReactNode }) {
  const [state, setState] = useState<TState>({ status: "idle" });
  const load = async () => {
    setState({ status: "loading" });
    try {
      const response = await fetch(`/reviews/${props.campaignId}/items/${props.itemId}/evidence`, { headers: { accept: "application/json" } });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(body?.error?.message ?? `the server answered ${response.status}`);
      setState({ status: "loaded", evidence: body.evidence });
    } catch (error) {
      setState({ status: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <details onToggle={(event) => { if (event.currentTarget.open && (state.status === "idle" || state.status === "failed")) void load(); }} data-testid="item-evidence">
      <summary>{props.summary}</summary>
      {props.children}
      {state.status === "loading" && <p className="small muted" role="status">Loading the evidence…</p>}
      {state.status === "failed" && <div className="error-box small" role="alert">Could not load the evidence: {state.message}. Close and open the row to try again.</div>}
      {state.status === "loaded" && <ItemEvidenceView evidence={state.evidence} />}
    </details>
  );
}

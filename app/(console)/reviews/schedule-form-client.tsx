"use client";
import { useActionState } from "react";
import type { TAccountOption, TOrgUnitOption } from "@/lib/console/list-accounts";
import { createScheduleAction } from "./actions";
import { ScopeFields } from "./scope-fields";

export function ScheduleFormClient(props: { accounts: TAccountOption[]; organizationalUnits: TOrgUnitOption[]; defaultFirst: string }) {
  const [state, action, pending] = useActionState(createScheduleAction, undefined);
  return (
    <details className="panel">
      <summary>New recurring campaign</summary>
      <form action={action} aria-label="New schedule">
        {state?.error && <div className="error-box" role="alert">{state.error}</div>}
        {state?.ok && <div className="ok-box">{state.ok}</div>}
        <label>Name <input name="name" required minLength={3} /></label>{" "}
        <label>Every <input name="everyMonths" type="number" min={1} max={36} defaultValue={3} style={{ width: "4rem" }} /> months</label>{" "}
        <label>due in <input name="dueDays" type="number" min={1} max={365} defaultValue={14} style={{ width: "4rem" }} /> days</label>{" "}
        <label>first run <input name="firstRunAt" type="date" required defaultValue={props.defaultFirst} /></label>
        <ScopeFields accounts={props.accounts} organizationalUnits={props.organizationalUnits} />
        <button type="submit" disabled={pending}>Create schedule</button>
      </form>
    </details>
  );
}

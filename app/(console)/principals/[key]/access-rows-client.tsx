"use client";
import Link from "next/link";
import { useMemo, useState, type ReactNode } from "react";

/** One service: its namespace, name and per access level [granted in any form, of total, all on every resource ? 1 : 0] (null: none). */
export type TAccessRow = [service: string, name: string, levels: Array<[granted: number, total: number, full: 0 | 1, allowed: number] | null>];

const FIRST_ROWS = 40;

/**
 * The service rows of the effective-access table. They arrive as compact tuples (an
 * admin role has 450 services; rendered rows would weigh hundreds of KB twice, as HTML
 * and as the RSC payload), are filtered by the search box, and show the first rows until
 * asked for all. The expanded service's actions are rendered on the server (`expanded`).
 */
export function AccessRows({ rows, levels, keyHref, selected, expanded }: { rows: TAccessRow[]; levels: string[]; keyHref: string; selected?: string; expanded: ReactNode }) {
  const [query, setQuery] = useState("");
  const [all, setAll] = useState(false);
  const matching = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return needle ? rows.filter(([service, name]) => service.includes(needle) || name.toLowerCase().includes(needle)) : rows;
  }, [rows, query]);
  const selectedIndex = selected ? matching.findIndex(([service]) => service === selected) : -1;
  const shown = all || query ? matching : matching.slice(0, Math.max(FIRST_ROWS, selectedIndex + 1));
  return (
    <>
      <div className="row-filter">
        <label htmlFor="access-search">Find a service</label>
        <input id="access-search" type="search" placeholder="s3, kms, secrets…" value={query} onChange={(event) => setQuery(event.target.value)} aria-controls="effective-access-rows" />
        <span className="muted small" role="status" aria-live="polite" data-testid="access-shown">{shown.length} of {rows.length} services shown</span>
        {shown.length < matching.length && <button type="button" className="secondary" onClick={() => setAll(true)}>Show all {matching.length}</button>}
      </div>
      <div className="scroll-box" tabIndex={0} role="region" aria-label="Effective access by service">
        <table data-testid="effective-access" className="compact">
          <thead><tr><th>Service</th>{levels.map((l) => <th key={l} className="num">{l}</th>)}</tr></thead>
          <tbody id="effective-access-rows">
            {shown.map(([service, name, counts]) => {
              const open = service === selected;
              return [
                <tr key={service} className={open ? "selected" : undefined} data-testid="access-row">
                  <td>
                    <Link href={open ? `${keyHref}#access` : `${keyHref}?service=${encodeURIComponent(service)}#access`} aria-expanded={open}>{open ? "▾" : "▸"} {service}</Link>{" "}
                    <span className="muted small">{name}</span>
                  </td>
                  {counts.map((c, i) => c
                    ? <td key={i} className="num"><span className={`badge ${c[2] ? "bad" : c[3] > 0 ? "warn" : "info"}`}>{c[0]}/{c[1]}</span></td>
                    : <td key={i} className="num muted">—</td>)}
                </tr>,
                open && <tr key={`${service}-actions`}><td colSpan={levels.length + 1}>{expanded}</td></tr>,
              ];
            })}
            {shown.length === 0 && <tr><td colSpan={levels.length + 1} className="muted">No granted service matches “{query}”.</td></tr>}
          </tbody>
        </table>
      </div>
    </>
  );
}

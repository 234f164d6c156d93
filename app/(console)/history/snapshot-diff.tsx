import Link from "next/link";
import type { TSnapshotDiff } from "@/lib/analysis/diff-snapshots";
import type { TResourceChange } from "@/lib/analysis/resources/diff-resource-exposure";
import { resourceHref } from "@/lib/console/resource-list-query";
import { principalHref } from "../findings/principal-href";

function Section({ title, count, children }: { title: string; count: number; children: React.ReactNode }) {
  return (
    <details open={count > 0 && count <= 20} data-testid={`diff-${title}`}>
      <summary><strong>{title}</strong> <span className="badge info">{count}</span></summary>
      {count === 0 ? <p className="muted small">none</p> : <ul className="small">{children}</ul>}
    </details>
  );
}

const principal = (p: { key: string; name: string; kind: string; accountId: string | null }) => (
  <li key={p.key}><Link href={principalHref(p.key)}>{p.name}</Link> <span className="muted">{p.kind} · {p.accountId ?? "Identity Center"}</span></li>
);

const resource = (r: TResourceChange) => (
  <li key={r.arn}><Link href={resourceHref(r.arn)}>{r.name}</Link> <span className="muted">{r.type} · {r.accountId} · {r.before ?? "absent"} → {r.after ?? "gone"}{r.externalAccounts.length ? ` · ${r.externalAccounts.join(", ")}` : ""}</span></li>
);

/** What changed between two snapshots, one collapsible section per kind of change. */
export function SnapshotDiff({ diff }: { diff: TSnapshotDiff }) {
  return (
    <section className="panel" data-testid="snapshot-diff">
      <h2>Changes from run #{diff.fromRun} to run #{diff.toRun}</h2>
      <Section title="principals added" count={diff.principalsAdded.length}>{diff.principalsAdded.map(principal)}</Section>
      <Section title="principals removed" count={diff.principalsRemoved.length}>{diff.principalsRemoved.map(principal)}</Section>
      <Section title="new admin-equivalents" count={diff.newAdminEquivalents.length}>{diff.newAdminEquivalents.map(principal)}</Section>
      <Section title="no longer admin-equivalent" count={diff.noLongerAdminEquivalent.length}>{diff.noLongerAdminEquivalent.map(principal)}</Section>
      <Section title="new external trusts" count={diff.newExternalTrusts.length}>
        {diff.newExternalTrusts.map((t) => <li key={`${t.roleKey}|${t.party}`}><Link href={principalHref(t.roleKey)}>{t.roleKey}</Link> trusts {t.partyKind} <span className="mono">{t.party}</span></li>)}
      </Section>
      <Section title="removed external trusts" count={diff.removedExternalTrusts.length}>
        {diff.removedExternalTrusts.map((t) => <li key={`${t.roleKey}|${t.party}`}>{t.roleKey} no longer trusts {t.partyKind} <span className="mono">{t.party}</span></li>)}
      </Section>
      <Section title="access keys added" count={diff.keysAdded.length}>{diff.keysAdded.map((k) => <li key={k.id}><span className="mono">{k.id}</span> of {k.userName} ({k.accountId})</li>)}</Section>
      <Section title="access keys removed" count={diff.keysRemoved.length}>{diff.keysRemoved.map((k) => <li key={k.id}><span className="mono">{k.id}</span> of {k.userName} ({k.accountId})</li>)}</Section>
      <Section title="resources newly public" count={diff.resources.newlyPublic.length}>{diff.resources.newlyPublic.map(resource)}</Section>
      <Section title="resources newly shared outside the organization" count={diff.resources.newlyShared.length}>{diff.resources.newlyShared.map(resource)}</Section>
      <Section title="resources no longer public" count={diff.resources.noLongerPublic.length}>{diff.resources.noLongerPublic.map(resource)}</Section>
      <Section title="permissions widened" count={diff.permissionsWidened.length}>
        {diff.permissionsWidened.map((p) => <li key={p.principalKey}><Link href={principalHref(p.principalKey)}>{p.name}</Link>: + {p.added.join(", ")}</li>)}
      </Section>
      <Section title="permissions narrowed" count={diff.permissionsNarrowed.length}>
        {diff.permissionsNarrowed.map((p) => <li key={p.principalKey}><Link href={principalHref(p.principalKey)}>{p.name}</Link>: − {p.removed.join(", ")}</li>)}
      </Section>
    </section>
  );
}

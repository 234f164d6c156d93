/** A jump bar: links to the sections of a long page (plain anchors, no script). */
export function SectionNav({ sections }: { sections: Array<{ id: string; label: string; count?: number }> }) {
  return (
    <nav className="section-nav" aria-label="Sections of this page" data-testid="section-nav">
      {sections.map((s) => <a key={s.id} href={`#${s.id}`}>{s.label}{s.count !== undefined && <span className="count">{s.count}</span>}</a>)}
    </nav>
  );
}

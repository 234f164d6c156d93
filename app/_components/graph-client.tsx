"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";

export type TGraphKind = { kind: string; label: string; color: string; shape: "ellipse" | "diamond" | "round-rectangle" | "hexagon" | "triangle" };
export type TGraphNode = { id: string; label: string; kind: string; title?: string; href?: string };
export type TGraphEvidence = { summary: string; parts: Array<{ heading: string; text: string }> };
export type TGraphEdge = { id: string; source: string; target: string; label?: string; kind?: string; dashed?: boolean; evidence?: TGraphEvidence };

const EDGE_COLOURS: Record<string, string> = { default: "#475569", external: "#b91c1c", conditional: "#d97706", sso: "#0f766e", member: "#9ca3af" };

/**
 * An interactive directed graph (Cytoscape.js): zoom and pan, a legend, click (or pick
 * from the list, for keyboard users) a node to focus it and its neighbours, click an edge
 * (or its button in the side panel) for its evidence.
 */
export function Graph({ nodes, edges, kinds, layout = "cose", roots, directed = true, initialFocus, testId = "graph", ariaLabel }: {
  nodes: TGraphNode[]; edges: TGraphEdge[]; kinds: TGraphKind[]; layout?: "cose" | "breadthfirst"; roots?: string[];
  /** breadthfirst: follow edges only forwards from the roots (false: levels by distance from the roots, edges either way). */
  directed?: boolean;
  initialFocus?: string; testId?: string; ariaLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [focus, setFocus] = useState<string | null>(initialFocus ?? null);
  const [edgeId, setEdgeId] = useState<string | null>(null);
  const kindOf = useMemo(() => new Map(kinds.map((k) => [k.kind, k])), [kinds]);
  const nodeById = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);

  useEffect(() => {
    if (!box.current) return;
    const elements: ElementDefinition[] = [
      ...nodes.map((n) => ({ data: { id: n.id, label: n.label, color: kindOf.get(n.kind)?.color ?? "#64748b", shape: kindOf.get(n.kind)?.shape ?? "ellipse" } })),
      ...edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.label ?? "", color: EDGE_COLOURS[e.kind ?? "default"] ?? EDGE_COLOURS.default }, classes: e.dashed ? "dashed" : "" })),
    ];
    const instance = cytoscape({
      container: box.current,
      elements,
      minZoom: 0.2,
      maxZoom: 3,
      style: [
        { selector: "node", style: {
          "background-color": "data(color)", shape: "data(shape)" as never, label: "data(label)", width: 22, height: 22,
          "font-size": 11, color: "#111827", "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "ellipsis", "text-max-width": "120px",
          "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": "1px",
        } },
        { selector: "edge", style: {
          width: 1.6, "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "arrow-scale": 1.1,
          "curve-style": "bezier", "font-size": 10, color: "#374151", "text-rotation": "autorotate",
          "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        } },
        { selector: "edge.dashed", style: { "line-style": "dashed" } },
        // Edge labels only around the focused node, so the whole graph stays legible.
        { selector: "edge.labelled", style: { label: "data(label)" } },
        { selector: ".faded", style: { opacity: 0.12 } },
        { selector: "node.focused", style: { "border-width": 3, "border-color": "#111827", width: 28, height: 28 } },
        { selector: "edge.picked", style: { width: 3.5 } },
      ],
      layout: layout === "breadthfirst"
        ? { name: "breadthfirst", directed, roots: roots && roots.length ? roots : undefined, spacingFactor: 1.1, nodeDimensionsIncludeLabels: true, animate: false, padding: 24 } as cytoscape.LayoutOptions
        : { name: "cose", nodeDimensionsIncludeLabels: true, animate: false, randomize: false, nodeRepulsion: () => 400_000, idealEdgeLength: () => 150, nodeOverlap: 24, gravity: 0.2, componentSpacing: 90, numIter: 1500, padding: 24 } as cytoscape.LayoutOptions,
    });
    // Readable labels first: a fit that shrinks text below ~8 px is worse than panning.
    if (instance.zoom() < 0.75) { instance.zoom(0.75); instance.center(); }
    instance.on("tap", "node", (event) => { setFocus(event.target.id()); setEdgeId(null); });
    instance.on("tap", "edge", (event) => setEdgeId(event.target.id()));
    instance.on("tap", (event) => { if (event.target === instance) { setFocus(null); setEdgeId(null); } });
    cy.current = instance;
    // Read-only layout hook, window.accessAtlasGraphs[testId]: boxes() gives each node's body
    // and label box in model coordinates (the browser test that no two labels overlap),
    // edgePoint(id) where an edge's middle is drawn on the canvas (the test clicks it). It
    // reads only what the canvas already draws (e2e/console-third-pass.spec.ts).
    const box_ = (n: cytoscape.NodeSingular, labels: boolean) => {
      const b = n.boundingBox({ includeNodes: !labels, includeLabels: labels, includeEdges: false, includeOverlays: false, includeUnderlays: false } as never);
      return { x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 };
    };
    const hooks = ((window as unknown as { accessAtlasGraphs?: Record<string, unknown> }).accessAtlasGraphs ??= {});
    hooks[testId] = {
      boxes: () => instance.nodes().map((n) => ({ id: n.id(), label: n.data("label") as string, body: box_(n, false), text: box_(n, true) })),
      // clear: no node (shape or label) is drawn within 10 px of the point, so a click there hits the edge.
      edgePoint: (id: string) => {
        const e = instance.getElementById(id);
        if (e.empty() || !e.isEdge()) return null;
        const p = e.renderedMidpoint();
        const inside = p.x > 0 && p.y > 0 && p.x < instance.width() && p.y < instance.height();
        const clear = inside && instance.nodes().every((n) => {
          const b = n.renderedBoundingBox({ includeLabels: true, includeEdges: false, includeOverlays: false } as never);
          return p.x < b.x1 - 10 || p.x > b.x2 + 10 || p.y < b.y1 - 10 || p.y > b.y2 + 10;
        });
        return { x: p.x, y: p.y, clear };
      },
    };
    return () => { delete hooks[testId]; instance.destroy(); cy.current = null; };
  }, [nodes, edges, kindOf, layout, roots, directed, testId]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.elements().removeClass("faded focused picked labelled");
    if (focus && instance.getElementById(focus).nonempty()) {
      const node = instance.getElementById(focus);
      instance.elements().addClass("faded");
      node.closedNeighborhood().removeClass("faded");
      node.addClass("focused");
      node.connectedEdges().addClass("labelled");
    }
    if (edgeId) instance.getElementById(edgeId).addClass("picked labelled").removeClass("faded");
  }, [focus, edgeId, nodes, edges]);

  const focused = focus ? nodeById.get(focus) : undefined;
  const focusEdges = focus ? edges.filter((e) => e.source === focus || e.target === focus) : [];
  const picked = edgeId ? edges.find((e) => e.id === edgeId) : undefined;
  const zoom = (factor: number) => {
    const instance = cy.current;
    if (instance) instance.zoom({ level: instance.zoom() * factor, renderedPosition: { x: instance.width() / 2, y: instance.height() / 2 } });
  };
  const name = (id: string) => nodeById.get(id)?.label ?? id;
  return (
    <div className="graph-layout" data-testid={testId}>
      <div>
        <div className="graph-toolbar">
          <label>Focus on{" "}
            <select value={focus ?? ""} onChange={(event) => { setFocus(event.target.value || null); setEdgeId(null); }} data-testid="graph-focus-select">
              <option value="">nothing (whole graph)</option>
              {[...nodes].sort((a, b) => a.label.localeCompare(b.label)).map((n) => <option key={n.id} value={n.id}>{n.label}</option>)}
            </select>
          </label>
          <button type="button" className="secondary" onClick={() => zoom(1.25)} aria-label="Zoom in">+</button>
          <button type="button" className="secondary" onClick={() => zoom(0.8)} aria-label="Zoom out">−</button>
          <button type="button" className="secondary" onClick={() => cy.current?.fit(undefined, 24)}>Fit</button>
        </div>
        <div ref={box} className="graph-box" role="img" aria-label={ariaLabel} data-testid={`${testId}-canvas`} data-nodes={nodes.length} data-edges={edges.length} />
        <div className="legend" aria-label="Legend">
          {kinds.filter((k) => nodes.some((n) => n.kind === k.kind)).map((k) => <span key={k.kind}><i style={{ background: k.color, borderRadius: k.shape === "ellipse" ? "50%" : 2, transform: k.shape === "diamond" ? "rotate(45deg)" : undefined }} />{k.label}</span>)}
          <span><i style={{ background: EDGE_COLOURS.default, height: 3 }} />can get into (arrow: direction)</span>
          {edges.some((e) => e.kind === "external") && <span><i style={{ background: EDGE_COLOURS.external, height: 3 }} />from outside the organization</span>}
          {edges.some((e) => e.kind === "sso") && <span><i style={{ background: EDGE_COLOURS.sso, height: 3 }} />Identity Center assignment</span>}
          {edges.some((e) => e.kind === "member") && <span><i style={{ background: EDGE_COLOURS.member, height: 3 }} />lives in the account</span>}
          {edges.some((e) => e.dashed && e.kind !== "member") && <span><i style={{ background: EDGE_COLOURS.conditional, height: 3 }} />conditional (dashed)</span>}
          <span>Scroll to zoom, drag to pan, click a node to focus it.</span>
        </div>
      </div>
      <aside className="graph-panel" aria-live="polite" data-testid={`${testId}-panel`}>
        {!focused && !picked && <p className="muted small">Click a node or pick one above to see what it connects to; click an edge for its evidence.</p>}
        {focused && (
          <div data-testid="graph-focused" data-node={focused.id}>
            <h3>{focused.href ? <a href={focused.href}>{focused.label}</a> : focused.label}</h3>
            {focused.title && <p className="small muted">{focused.title}</p>}
            <ul className="graph-edges" data-testid="graph-neighbours">
              {focusEdges.map((e) => (
                <li key={e.id}>
                  {e.source === focus ? <>→ {name(e.target)}</> : <>← {name(e.source)}</>}
                  {e.label && <span className="muted small"> {e.label}</span>}
                  {e.evidence && <> <button type="button" className="secondary copy-button" onClick={() => setEdgeId(e.id)} aria-label={`Evidence for ${name(e.source)} to ${name(e.target)}`}>evidence</button></>}
                </li>
              ))}
              {focusEdges.length === 0 && <li className="muted">No edges.</li>}
            </ul>
          </div>
        )}
        {picked && (
          <div data-testid="graph-evidence" data-edge={picked.id}>
            <h3>{name(picked.source)} → {name(picked.target)}</h3>
            {picked.evidence ? (
              <>
                <p className="small">{picked.evidence.summary}</p>
                {picked.evidence.parts.map((part, i) => <div key={i}><strong className="small">{part.heading}</strong><pre className="small">{part.text}</pre></div>)}
              </>
            ) : <p className="small muted">{picked.label}</p>}
          </div>
        )}
      </aside>
    </div>
  );
}

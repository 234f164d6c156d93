"use client";
import { useEffect, useRef } from "react";
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip,
  type ChartConfiguration,
} from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** Severity colours, the same as the badges (globals.css). */
export const SEVERITY_COLOURS: Record<string, string> = { critical: "#7f1d1d", high: "#dc2626", medium: "#d97706", low: "#2563eb", info: "#6b7280" };

export type TTrendPoint = { run: string; findingsBySeverity: Record<string, number>; adminEquivalent: number; externalTrusts: number; accessKeys: number };

function ChartCanvas({ config, label, testId }: { config: ChartConfiguration; label: string; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  // The canvas is a picture; the numbers are in the tables below the charts.
  return <div className="chart"><canvas ref={canvas} role="img" aria-label={label} data-testid={testId} /></div>;
}

const common = { responsive: true, maintainAspectRatio: false, animation: false as const, plugins: { legend: { position: "bottom" as const, labels: { boxWidth: 12 } } } };

/** Findings by severity, admin-equivalent principals, external trusts and access keys over the snapshots; key-age distribution. */
export function OverviewCharts({ trend, severities, keyAges }: { trend: TTrendPoint[]; severities: string[]; keyAges: Array<{ label: string; value: number }> }) {
  const runs = trend.map((point) => point.run);
  return (
    <div className="chart-grid" data-testid="overview-charts">
      {severities.length > 0 && (
        <div className="chart-card">
          <h3>Findings by severity, per snapshot</h3>
          <ChartCanvas testId="chart-findings" label={`Findings by severity over ${runs.length} snapshots`} config={{
            type: "bar",
            data: { labels: runs, datasets: severities.map((severity) => ({ label: severity, data: trend.map((p) => p.findingsBySeverity[severity] ?? 0), backgroundColor: SEVERITY_COLOURS[severity], stack: "findings" })) },
            options: { ...common, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
          }} />
        </div>
      )}
      <div className="chart-card">
        <h3>Admin-equivalent principals, external trusts and access keys</h3>
        <ChartCanvas testId="chart-trend" label={`Admin-equivalent principals, external trusts and access keys over ${runs.length} snapshots`} config={{
          type: "line",
          data: { labels: runs, datasets: [
            { label: "admin-equivalent", data: trend.map((p) => p.adminEquivalent), borderColor: "#b91c1c", backgroundColor: "#b91c1c" },
            { label: "external trusts", data: trend.map((p) => p.externalTrusts), borderColor: "#d97706", backgroundColor: "#d97706" },
            { label: "access keys", data: trend.map((p) => p.accessKeys), borderColor: "#1d4ed8", backgroundColor: "#1d4ed8" },
          ] },
          options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        }} />
      </div>
      <div className="chart-card">
        <h3>Access key age</h3>
        <ChartCanvas testId="chart-key-age" label="Access keys by age" config={{
          type: "bar",
          data: { labels: keyAges.map((k) => k.label), datasets: [{ label: "access keys", data: keyAges.map((k) => k.value), backgroundColor: keyAges.map((_, i) => (i >= 2 ? "#b91c1c" : "#1d4ed8")) }] },
          options: { ...common, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
        }} />
      </div>
    </div>
  );
}

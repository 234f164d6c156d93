import { EXPOSURE_LABELS } from "@/lib/console/resource-list-query";

const TONE: Record<string, string> = { public: "bad", "outside-organization": "warn", organization: "", account: "ok" };

export function ExposureBadge({ exposure }: { exposure: string }) {
  return <span className={`badge ${TONE[exposure] ?? ""}`} data-exposure={exposure}>{EXPOSURE_LABELS[exposure as keyof typeof EXPOSURE_LABELS] ?? exposure}</span>;
}

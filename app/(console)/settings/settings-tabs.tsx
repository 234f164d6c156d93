import Link from "next/link";

/** The settings pages an admin has: API tokens and the notification log. */
export function SettingsTabs(props: { current: "api-tokens" | "notifications" }) {
  const tab = (href: string, id: typeof props.current, label: string) =>
    <Link href={href} className={`button ${props.current === id ? "" : "secondary"}`} aria-current={props.current === id ? "page" : undefined}>{label}</Link>;
  return <nav aria-label="Settings" style={{ display: "flex", gap: 8, marginBottom: 12 }}>{tab("/settings/api-tokens", "api-tokens", "API tokens")}{tab("/settings/notifications", "notifications", "Notifications")}</nav>;
}

// Next.js calls register() once when the console server starts: it records the console's
// sign-in configuration in the audit trail when it differs from the last one recorded.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { getDb } = await import("./lib/db/client");
  const { recordConfigurationIfChanged } = await import("./lib/audit/record-configuration");
  await recordConfigurationIfChanged({ pool: getDb().pool, component: "console" })
    .catch((error: Error) => console.error(`audit: could not record the console configuration: ${error.message}`));
}

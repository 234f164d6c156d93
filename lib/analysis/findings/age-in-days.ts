const DAY_MS = 86_400_000;

/** Whole days from `date` to `asOf`; null when the date is missing or unreadable. */
export function ageInDays(options: { date: string | null | undefined; asOf: Date }): number | null {
  if (!options.date) return null;
  const time = Date.parse(options.date);
  if (Number.isNaN(time)) return null;
  return Math.floor((options.asOf.getTime() - time) / DAY_MS);
}

/** The latest of several ISO dates (nulls ignored); null when none is known. */
export function latestDate(dates: Array<string | null | undefined>): string | null {
  let latest: string | null = null;
  let latestTime = -Infinity;
  for (const date of dates) {
    if (!date) continue;
    const time = Date.parse(date);
    if (!Number.isNaN(time) && time > latestTime) {
      latest = date;
      latestTime = time;
    }
  }
  return latest;
}

export function daysBefore(options: { asOf: Date; days: number }): string {
  return new Date(options.asOf.getTime() - options.days * DAY_MS).toISOString();
}

/** The absolute session limit: a session signed in longer ago than `maxHours` is over, whatever its activity. */
export function isWithinAbsoluteLimit(options: { authTime: number | undefined; maxHours: number; now?: number }): boolean {
  if (!options.authTime) return false;
  const nowSeconds = (options.now ?? Date.now()) / 1000;
  return nowSeconds - options.authTime <= options.maxHours * 3600 && options.authTime <= nowSeconds + 60;
}

// IAM wildcards: "*" matches any run of characters, "?" exactly one. Everything else is
// literal. Compiled patterns are cached because the same few thousand patterns recur across
// every policy of an organisation.

const caseSensitiveCache = new Map<string, RegExp>();
const caseInsensitiveCache = new Map<string, RegExp>();

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

export function compileWildcard(options: { pattern: string; ignoreCase: boolean }): RegExp {
  const cache = options.ignoreCase ? caseInsensitiveCache : caseSensitiveCache;
  const cached = cache.get(options.pattern);
  if (cached) return cached;
  let source = "";
  for (const char of options.pattern) {
    if (char === "*") source += "[\\s\\S]*";
    else if (char === "?") source += "[\\s\\S]";
    else source += char.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
  }
  const regex = new RegExp(`^${source}$`, options.ignoreCase ? "i" : "");
  cache.set(options.pattern, regex);
  return regex;
}

export function matchWildcard(options: { pattern: string; value: string; ignoreCase: boolean }): boolean {
  if (options.pattern === "*") return true;
  if (!hasWildcard(options.pattern)) {
    return options.ignoreCase
      ? options.pattern.toLowerCase() === options.value.toLowerCase()
      : options.pattern === options.value;
  }
  return compileWildcard(options).test(options.value);
}

// IAM wildcards: "*" matches any run of characters, "?" exactly one. Everything else is
// literal. Compiled patterns are cached because the same few thousand patterns recur across
// every policy of an organisation.

// Placeholders for a literal "*" / "?" in a pattern: what the policy variables ${*} and ${?}
// (and any "*" or "?" inside a substituted value) stand for. Private-use code points, which
// never occur in ARNs or condition values.
export const LITERAL_STAR = "\uE000";
export const LITERAL_QUESTION = "\uE001";

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
    else if (char === LITERAL_STAR) source += "\\*";
    else if (char === LITERAL_QUESTION) source += "\\?";
    else source += char.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
  }
  const regex = new RegExp(`^${source}$`, options.ignoreCase ? "i" : "");
  cache.set(options.pattern, regex);
  return regex;
}

export function matchWildcard(options: { pattern: string; value: string; ignoreCase: boolean }): boolean {
  if (options.pattern === "*") return true;
  if (!hasWildcard(options.pattern)) {
    const pattern = options.pattern.includes(LITERAL_STAR) || options.pattern.includes(LITERAL_QUESTION)
      ? options.pattern.replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QUESTION, "?")
      : options.pattern;
    return options.ignoreCase ? pattern.toLowerCase() === options.value.toLowerCase() : pattern === options.value;
  }
  return compileWildcard(options).test(options.value);
}

import fs from "node:fs";
import path from "node:path";

// The route patterns of the console (`/principals/[key]`, `/api/v1/principals/[scope]/[id]`),
// the label of the HTTP metrics: bounded by the app's files, never the raw path with ids.

export type TRouteKind = "page" | "route";
export type TRoutePattern = { pattern: string; kind: TRouteKind };
/** What a request was: a page render, a client navigation's RSC fetch, a server action, a route handler, a static file, nothing. */
export type TRequestKind = "page" | "rsc" | "action" | "route" | "static" | "not-found";

const SEGMENT_RANK = (segment: string) => (/^\[\[\.\.\.[^\]]+\]\]$/.test(segment) ? 3 : /^\[\.\.\.[^\]]+\]$/.test(segment) ? 2 : /^\[[^\]]+\]$/.test(segment) ? 1 : 0);

/**
 * The URL pattern of an app/ entry such as `/(console)/principals/[key]/page`: route groups
 * `(name)` leave the URL, the last part says page or route handler. Null for anything else.
 */
export function patternOfAppEntry(entry: string): TRoutePattern | null {
  const parts = entry.split("/").filter(Boolean);
  const last = parts.pop();
  if (last !== "page" && last !== "route") return null;
  if (parts.some((part) => part.startsWith("_") || part.startsWith("@"))) return null;
  const segments = parts.filter((part) => !/^\(.*\)$/.test(part));
  return { pattern: `/${segments.join("/")}`, kind: last };
}

/** The app's routes as `next build` lists them (.next/app-path-routes-manifest.json: entry → URL pattern). */
export function routesFromManifest(manifest: Record<string, string>): TRoutePattern[] {
  return Object.entries(manifest).flatMap(([entry, pattern]) => {
    const kind = /\/(page|route)$/.exec(entry)?.[1] as TRouteKind | undefined;
    return kind ? [{ pattern, kind }] : [];
  });
}

/** The app's routes from the app/ folder itself (`next dev` builds its manifests only as pages compile). */
export function routesFromAppDir(appDir: string): TRoutePattern[] {
  const routes: TRoutePattern[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}/${entry.name}`);
      const base = /^(page|route)\.(?:tsx?|jsx?|mdx)$/.exec(entry.name)?.[1];
      if (entry.isFile() && base) {
        const route = patternOfAppEntry(`${prefix}/${base}`);
        if (route) routes.push(route);
      } else if (entry.isFile() && /^(icon|apple-icon|favicon)\.\w+$|^(robots|sitemap|manifest)\.\w+$/.test(entry.name)) {
        // Metadata files are route handlers at their own name (app/icon.svg serves /icon.svg).
        routes.push({ pattern: `${prefix.replace(/\/\([^/]*\)/g, "")}/${entry.name}`, kind: "route" });
      }
    }
  };
  walk(appDir, "");
  return routes;
}

type TCompiled = { route: TRoutePattern; segments: string[]; ranks: number[] };

/**
 * Resolves a request path to its route pattern the way Next's router does: an exact static
 * route first, then dynamic routes with static segments before `[param]`, before
 * `[...rest]`, before `[[...optional]]`, position by position.
 */
export class RouteTable {
  private readonly exact = new Map<string, TRoutePattern>();
  private readonly dynamic: TCompiled[];

  constructor(routes: TRoutePattern[]) {
    const dynamic: TCompiled[] = [];
    for (const route of routes) {
      const segments = route.pattern.split("/").filter(Boolean);
      const ranks = segments.map(SEGMENT_RANK);
      if (ranks.every((rank) => rank === 0)) this.exact.set(`/${segments.join("/")}`, route);
      else dynamic.push({ route, segments, ranks });
    }
    this.dynamic = dynamic.sort((a, b) => {
      for (let i = 0; i < Math.max(a.ranks.length, b.ranks.length); i++) {
        const difference = (a.ranks[i] ?? -1) - (b.ranks[i] ?? -1);
        if (difference !== 0) return difference;
      }
      return a.route.pattern.localeCompare(b.route.pattern);
    });
  }

  get size(): number {
    return this.exact.size + this.dynamic.length;
  }

  /** The route serving `pathname` (no query), or null when no file of the app does. */
  match(pathname: string): TRoutePattern | null {
    const parts = pathname.split("/").filter(Boolean);
    const exact = this.exact.get(`/${parts.join("/")}`);
    if (exact) return exact;
    for (const candidate of this.dynamic) if (matches(candidate, parts)) return candidate.route;
    return null;
  }

  /** The metric labels of one request: its pattern (or a fixed name) and what kind of request it was. */
  classify(options: { pathname: string; headers: Record<string, string | string[] | undefined> }): { route: string; kind: TRequestKind } {
    const { pathname, headers } = options;
    // Next's own files, and next dev's internals (/__nextjs_font/…, /__nextjs_original-stack-frames).
    if (pathname.startsWith("/__nextjs")) return { route: "/_next", kind: "static" };
    if (pathname.startsWith("/_next/")) return { route: pathname.startsWith("/_next/static/") ? "/_next/static" : pathname.startsWith("/_next/image") ? "/_next/image" : "/_next", kind: "static" };
    const route = this.match(pathname);
    if (!route) return { route: "/_not-found", kind: "not-found" };
    if (route.kind === "route") return { route: route.pattern, kind: "route" };
    if (headers["next-action"]) return { route: route.pattern, kind: "action" };
    if (headers.rsc === "1") return { route: route.pattern, kind: "rsc" };
    return { route: route.pattern, kind: "page" };
  }
}

function matches(candidate: TCompiled, parts: string[]): boolean {
  for (let i = 0; i < candidate.segments.length; i++) {
    const rank = candidate.ranks[i];
    if (rank === 2) return parts.length > i;
    if (rank === 3) return true;
    if (i >= parts.length) return false;
    if (rank === 0 && candidate.segments[i] !== parts[i]) return false;
  }
  return parts.length === candidate.segments.length;
}

/**
 * The console's route table: what `next build` wrote when the console runs from a build,
 * else the app/ folder (next dev, or a build without the manifest).
 */
export function loadRouteTable(options: { root?: string; dev: boolean }): RouteTable {
  const root = options.root ?? process.cwd();
  const manifest = path.join(root, ".next", "app-path-routes-manifest.json");
  if (!options.dev && fs.existsSync(manifest)) {
    return new RouteTable(routesFromManifest(JSON.parse(fs.readFileSync(manifest, "utf8")) as Record<string, string>));
  }
  const appDir = path.join(root, "app");
  return new RouteTable(fs.existsSync(appDir) ? routesFromAppDir(appDir) : []);
}

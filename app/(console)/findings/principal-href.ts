/** The principal detail page; keys hold a slash (`<account>/<unique id>`, `sso/<id>`), so they are encoded as one segment. */
export function principalHref(principalKey: string): string {
  return `/principals/${encodeURIComponent(principalKey)}`;
}

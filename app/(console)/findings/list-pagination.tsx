import Link from "next/link";

/** Previous / next links for a server-paged list; `href(page)` keeps the rest of the URL state. */
export function ListPagination({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <div className="pagination">
      <span className="muted" data-testid="list-count">{total === 0 ? "no rows" : `${first}–${last} of ${total}`}</span>
      {page > 1 && <Link href={href(page - 1)}>← previous</Link>}
      <span>page {Math.min(page, pages)} of {pages}</span>
      {page < pages && <Link href={href(page + 1)}>next →</Link>}
    </div>
  );
}

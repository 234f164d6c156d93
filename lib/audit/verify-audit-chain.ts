import type pg from "pg";
import { CHAIN_SELECT_SQL, ChainVerifier, type TChainRow, type TChainVerdict } from "./audit-chain";

const BATCH = 5000;

export type TAuditChainReport = TChainVerdict & { checkedAt: Date; headId: string };

/**
 * Recomputes the audit trail's hash chain from the database, oldest event first, in
 * batches, and reports the first broken link. Only events up to the head read at the
 * start are checked, so events written meanwhile do not count as tampering.
 */
export async function verifyAuditChain(options: { pool: pg.Pool | pg.PoolClient; batchSize?: number }): Promise<TAuditChainReport> {
  const checkedAt = new Date();
  const headRow = (await options.pool.query(`SELECT last_id::text AS "lastId", last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1`)).rows[0] as { lastId: string; lastHash: string } | undefined;
  const head = headRow ?? { lastId: "0", lastHash: "" };
  const verifier = new ChainVerifier();
  let after = "0";
  for (;;) {
    const { rows } = await options.pool.query(
      `SELECT ${CHAIN_SELECT_SQL} FROM audit_event WHERE id > $1::bigint AND id <= $2::bigint ORDER BY audit_event.id LIMIT $3`,
      [after, head.lastId, options.batchSize ?? BATCH],
    );
    if (rows.length === 0) break;
    for (const row of rows as TChainRow[]) if (!verifier.push(row)) return { ...verifier.finish(), checkedAt, headId: head.lastId };
    after = (rows[rows.length - 1] as TChainRow).id!;
  }
  return { ...verifier.finish({ head: headRow }), checkedAt, headId: head.lastId };
}

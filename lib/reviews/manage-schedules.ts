import "server-only";
import type pg from "pg";
import type { TSessionUser } from "../auth/permissions";
import { assertCan } from "../console/assert-can";
import { ConsoleError } from "../console/console-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { describeZodError, ZScheduleInput, type TScheduleInput } from "./review-schemas";

type TOrigin = { ip: string | null; userAgent: string | null };
export type TReviewSchedule = {
  id: number; name: string; scope: unknown; reviewerConfig: unknown; everyMonths: number; dueDays: number;
  nextRunAt: Date; active: boolean; createdBy: string; createdAt: Date; campaigns: number;
};

/** Recurring campaigns (e.g. every 3 months, due in 14 days); the first one runs at firstRunAt. */
export async function createSchedule(options: { pool: pg.Pool; user: TSessionUser; /** Validated here: server actions pass raw form values. */ input: TScheduleInput | Record<string, unknown>; origin?: TOrigin }): Promise<{ scheduleId: number }> {
  assertCan(options.user, "reviews.manage");
  const parsed = ZScheduleInput.safeParse(options.input);
  if (!parsed.success) throw new ConsoleError("invalid", describeZodError(parsed.error));
  const input = parsed.data;
  const { rows: [row] } = await options.pool.query(
    `INSERT INTO review_schedule (name, scope, reviewer_config, every_months, due_days, next_run_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [input.name, JSON.stringify(input.scope), JSON.stringify(input.reviewers), input.everyMonths, input.dueDays, input.firstRunAt, options.user.email ?? options.user.id],
  );
  await recordAuditEvent({
    db: options.pool,
    event: {
      actor: { id: options.user.id, email: options.user.email, roles: options.user.roles }, action: "review.schedule-create", targetType: "review-schedule", targetId: String(row.id),
      details: { name: input.name, scope: input.scope, reviewers: input.reviewers, everyMonths: input.everyMonths, dueDays: input.dueDays, firstRunAt: input.firstRunAt.toISOString() },
      origin: options.origin,
    },
  });
  return { scheduleId: row.id };
}

/** Deactivates (or reactivates) a schedule; campaigns it already created stay as they are. */
export async function setScheduleActive(options: { pool: pg.Pool; user: TSessionUser; scheduleId: number; active: boolean; origin?: TOrigin }): Promise<void> {
  assertCan(options.user, "reviews.manage");
  const { rows } = await options.pool.query("UPDATE review_schedule SET active = $2 WHERE id = $1 RETURNING name", [options.scheduleId, options.active]);
  if (rows.length === 0) throw new ConsoleError("not-found", `review schedule ${options.scheduleId} not found`);
  await recordAuditEvent({
    db: options.pool,
    event: {
      actor: { id: options.user.id, email: options.user.email, roles: options.user.roles }, action: "review.schedule-update", targetType: "review-schedule",
      targetId: String(options.scheduleId), details: { name: rows[0].name, active: options.active }, origin: options.origin,
    },
  });
}

export async function listSchedules(options: { pool: pg.Pool; user: TSessionUser }): Promise<TReviewSchedule[]> {
  assertCan(options.user, "reviews.manage");
  const { rows } = await options.pool.query(
    `SELECT s.id, s.name, s.scope, s.reviewer_config AS "reviewerConfig", s.every_months AS "everyMonths", s.due_days AS "dueDays", s.next_run_at AS "nextRunAt",
       s.active, s.created_by AS "createdBy", s.created_at AS "createdAt", (SELECT count(*)::int FROM review_campaign c WHERE c.schedule_id = s.id) AS campaigns
     FROM review_schedule s ORDER BY s.active DESC, s.next_run_at`,
  );
  return rows;
}

// Refused requests go to the audit trail and the server log without letting a caller flood
// either: the first refusal of an actor + target + reason in a window is written at once;
// repeats within the window are only counted, and one summary event with the count is
// written when the window closes (at the next refusal after it, or the periodic sweep).

export type TRefusal = {
  actor: { id: string; email: string | null; roles: string[] };
  /** What was asked for: a page path, an API path, or a server action's permission. */
  target: string;
  targetType: "page" | "api" | "action";
  reason: string;
  origin?: { ip: string | null; userAgent: string | null };
};

export type TRefusalRecord = TRefusal & { count: number; firstAt: Date; lastAt: Date; summary: boolean };

type TWindow = { refusal: TRefusal; startedAt: number; lastAt: number; repeats: number };

export class RefusalAggregator {
  private readonly windows = new Map<string, TWindow>();

  constructor(private readonly options: {
    write: (record: TRefusalRecord) => Promise<void>;
    windowMs: number;
    /** Beyond this many open windows, the oldest are closed early (memory stays bounded). */
    maxWindows?: number;
    now?: () => number;
  }) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Counts one refusal; resolves once whatever it had to write is written. */
  async refuse(refusal: TRefusal): Promise<void> {
    const now = this.now();
    const key = JSON.stringify([refusal.actor.id, refusal.targetType, refusal.target, refusal.reason]);
    const open = this.windows.get(key);
    if (open && now - open.startedAt < this.options.windowMs) {
      open.repeats++;
      open.lastAt = now;
      open.refusal = { ...refusal };
      return;
    }
    const writes: Promise<void>[] = [];
    if (open) writes.push(this.close(key, open));
    this.windows.set(key, { refusal, startedAt: now, lastAt: now, repeats: 0 });
    writes.push(this.options.write({ ...refusal, count: 1, firstAt: new Date(now), lastAt: new Date(now), summary: false }));
    if (this.windows.size > (this.options.maxWindows ?? 10_000)) {
      const [oldestKey, oldest] = this.windows.entries().next().value as [string, TWindow];
      writes.push(this.close(oldestKey, oldest));
    }
    await Promise.all(writes);
  }

  /** Closes windows that have ended, writing a summary for each that saw repeats. */
  async sweep(): Promise<void> {
    const now = this.now();
    await Promise.all([...this.windows].filter(([, w]) => now - w.startedAt >= this.options.windowMs).map(([key, w]) => this.close(key, w)));
  }

  private async close(key: string, window: TWindow): Promise<void> {
    this.windows.delete(key);
    if (window.repeats === 0) return;
    await this.options.write({ ...window.refusal, count: window.repeats, firstAt: new Date(window.startedAt), lastAt: new Date(window.lastAt), summary: true });
  }
}

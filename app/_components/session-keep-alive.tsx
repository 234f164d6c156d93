"use client";
import { useEffect } from "react";

const PING_EVERY_MS = 60_000;

/**
 * The session cookie lapses after SESSION_IDLE_MINUTES; while the user is active (clicks,
 * keys, navigation) this asks next-auth to extend it at most once a minute. An idle tab
 * sends nothing, so the idle timeout holds.
 */
export function SessionKeepAlive() {
  useEffect(() => {
    let last = Date.now();
    const onActivity = () => {
      if (Date.now() - last < PING_EVERY_MS) return;
      last = Date.now();
      void fetch("/api/auth/session", { cache: "no-store" }).then((r) => r.json()).then((s) => {
        if (!s?.user) window.location.assign(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
      });
    };
    window.addEventListener("pointerdown", onActivity);
    window.addEventListener("keydown", onActivity);
    return () => {
      window.removeEventListener("pointerdown", onActivity);
      window.removeEventListener("keydown", onActivity);
    };
  }, []);
  return null;
}

"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { getSession } from "next-auth/react";

// At most one renewal per this interval; the idle limit (2 h) is far longer.
const RENEW_EVERY_MS = 5 * 60_000;
let lastRenewal = 0;

/**
 * Keeps the sliding session alive while the user works: pages are server components, which cannot
 * re-issue the session cookie, so on activity (a key or pointer press, the tab coming back; at most every
 * 5 minutes) this asks /api/auth/session, which re-issues it with a fresh idle expiry (never past the
 * absolute 12 h limit). A page left open without activity lets the session run out.
 * A session that was ended elsewhere (sign-out, deactivation, role change) comes back empty: the page
 * is refreshed, and the server sends the browser to the sign-in page.
 */
export function SessionKeepAlive() {
  const router = useRouter();

  useEffect(() => {
    async function renew() {
      if (Date.now() - lastRenewal < RENEW_EVERY_MS) return;
      lastRenewal = Date.now();
      const session = await getSession().catch(() => undefined);
      if (session === null) router.refresh();
    }
    const onActivity = () => void renew();
    const onVisible = () => document.visibilityState === "visible" && void renew();
    window.addEventListener("keydown", onActivity);
    window.addEventListener("pointerdown", onActivity);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener("keydown", onActivity);
      window.removeEventListener("pointerdown", onActivity);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [router]);

  return null;
}

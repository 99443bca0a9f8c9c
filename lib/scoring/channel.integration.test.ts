// Integration (SQLite and PostgreSQL): a scoring run gives each offer the channel the account
// consented to (phone -> call, email only -> email) and no offers to accounts with neither.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/testing/test-db";

let t: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  t = await createTestDatabase({ accounts: 400, seed: 13 });
});
afterAll(async () => t?.cleanup());

it("offers follow consent: calls with phone consent, emails with email consent only, nothing without either", async () => {
  const { runScoring } = await import("@/lib/scoring/run-scoring");
  const summary = await runScoring({ url: t.url });
  const offers = await t.db.opportunity.findMany({
    where: { runId: summary.runId },
    select: { channel: true, account: { select: { phoneConsent: true, emailConsent: true, doNotContact: true } } },
  });
  expect(offers.length).toBeGreaterThan(100);
  const wrong = offers.filter((o) => {
    const a = o.account;
    const expected = a.doNotContact ? null : a.phoneConsent ? "CALL" : a.emailConsent ? "EMAIL" : null;
    return o.channel !== expected;
  });
  expect(wrong).toEqual([]);
  const emails = offers.filter((o) => o.channel === "EMAIL").length;
  expect(emails).toBeGreaterThan(0);
  expect(summary.counts.emailOpportunities).toBe(emails);
  expect(summary.counts.unreachableOffersDropped).toBeGreaterThan(0);
});

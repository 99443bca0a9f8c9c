"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { addDays } from "date-fns";
import { ArrowLeft, Ban, Keyboard, Mail, Phone, SkipForward, TimerReset } from "lucide-react";
import { OutcomeForm, isTyping, type SavedOutcome } from "@/components/queue/outcome-form";
import { Badge, SegmentBadge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { snoozeAction } from "@/lib/actions/opportunities";
import { formatAgo, formatDate, formatMoney, formatMoneyExact, formatPercent } from "@/lib/format";
import { OUTCOME_LABELS } from "@/lib/validations/outcomes";
import type { CallContext } from "@/lib/data/call";

const PAIR_LABELS: Record<string, string> = { CROSS_SELL: "Cross-sell", ACCESSORY: "Accessory", UPSELL: "Upgrade", BUNDLE: "Bundle" };
const SNOOZE_DAYS = [1, 3, 7, 14, 30];

const SHORTCUTS: [string, string][] = [
  ["1 – 6", "Pick an outcome"],
  ["Enter", "Save the outcome"],
  ["N", "Next opportunity (skip this one)"],
  ["S", "Snooze this opportunity"],
  ["?", "Show or hide these shortcuts"],
  ["Esc", "Close this panel"],
];

type List = "call" | "email";

function href(id: string | null, rep: string | undefined, list: List): string {
  const qs = new URLSearchParams(id ? { id } : {});
  if (rep) qs.set("rep", rep);
  if (list === "email") qs.set("channel", "email");
  if (!id) {
    if (!rep) qs.set("done", "1");
    return `/queue?${qs}`;
  }
  return `/queue/call?${qs}`;
}

/**
 * The draft's text: the pair's talking points when the catalog has them; otherwise a plain note about the
 * product (the offer's reason is written for the rep, with its statistics, not for the customer).
 */
function emailBody(contact: string, product: string, source: string | null, talkingPoints: string | null, rep: string): string {
  const pitch = talkingPoints ?? `As you have ${source ? `the ${source}` : "bought from us before"}, I thought the ${product} might interest you. I would be glad to tell you more or send an offer.`;
  return `Dear ${contact},\n\n${pitch}\n\nKind regards,\n${rep}`;
}

/** An email draft from the talking points, for offers worked by email (the customer consented to email only). */
function EmailDraft({ to, subject, body }: { to: string | null; subject: string; body: string }) {
  const mailto = to ? `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}` : null;
  return (
    <section aria-label="Email draft" className="mt-4 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <h3 className="text-sm font-semibold">Email draft</h3>
      <p className="mt-1 text-sm">
        <span className="text-slate-500 dark:text-slate-400">Subject:</span> {subject}
      </p>
      <p className="mt-1 whitespace-pre-line text-sm text-slate-700 dark:text-slate-300" data-testid="email-draft">
        {body}
      </p>
      {mailto ? (
        <a href={mailto} className={buttonClass("secondary", "mt-3")}>
          <Mail aria-hidden className="h-4 w-4" /> Open in mail app
        </a>
      ) : (
        <p className="mt-2 text-sm text-amber-700 dark:text-amber-300">No email address on record.</p>
      )}
    </section>
  );
}

export function CallWorkspace({ ctx, nextId, rep }: { ctx: CallContext; nextId: string | null; rep?: string }) {
  const router = useRouter();
  const [help, setHelp] = useState(false);
  const [snoozeDays, setSnoozeDays] = useState(3);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const o = ctx.opportunity;
  const a = ctx.account;
  const list: List = o.channel === "EMAIL" ? "email" : "call";

  useEffect(() => headingRef.current?.focus(), [o.id]);

  async function snooze() {
    if (busy || !o.workable) return;
    setBusy(true);
    const result = await snoozeAction({ rep, list, opportunityId: o.id, version: o.version, until: addDays(new Date(), snoozeDays).toISOString() }).catch(() => null);
    setBusy(false);
    if (!result) return setNotice("Could not reach the server; nothing was changed.");
    if (!result.ok) return setNotice(result.message);
    router.push(href(result.data.nextId, rep, list));
  }

  function saved(r: SavedOutcome) {
    setBusy(true);
    router.push(href(r.nextId, rep, list));
    router.refresh();
  }

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === "Escape") setHelp(false);
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === "?") {
        e.preventDefault();
        setHelp((h) => !h);
      } else if (e.key === "n" || e.key === "N") {
        e.preventDefault();
        router.push(href(nextId, rep, list));
      } else if (e.key === "s" || e.key === "S") {
        e.preventDefault();
        void snooze();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href={`/queue${rep || list === "email" ? `?${new URLSearchParams({ ...(rep ? { rep } : {}), ...(list === "email" ? { channel: "email" } : {}) })}` : ""}`} className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
          <ArrowLeft aria-hidden className="h-4 w-4" /> Queue
        </Link>
        <div className="flex flex-wrap items-end gap-2">
          <div className="flex items-end gap-2">
            <div>
              <Label htmlFor="snooze-days" className="text-xs">Snooze for</Label>
              <Select id="snooze-days" value={snoozeDays} onChange={(e) => setSnoozeDays(Number(e.target.value))} className="py-1.5">
                {SNOOZE_DAYS.map((d) => (
                  <option key={d} value={d}>
                    {d === 1 ? "1 day" : `${d} days`}
                  </option>
                ))}
              </Select>
            </div>
            <Button variant="secondary" onClick={snooze} disabled={busy || !o.workable}>
              <TimerReset aria-hidden className="h-4 w-4" /> Snooze <kbd className="text-xs opacity-70">S</kbd>
            </Button>
          </div>
          <Link href={href(nextId, rep, list)} className={buttonClass("secondary")}>
            <SkipForward aria-hidden className="h-4 w-4" /> Next <kbd className="text-xs opacity-70">N</kbd>
          </Link>
          <Button variant="ghost" onClick={() => setHelp((h) => !h)} aria-expanded={help} aria-controls="shortcuts">
            <Keyboard aria-hidden className="h-4 w-4" /> Shortcuts <kbd className="text-xs opacity-70">?</kbd>
          </Button>
        </div>
      </div>

      {help ? (
        <Card id="shortcuts" role="region" aria-label="Keyboard shortcuts" className="p-4">
          <h2 className="text-sm font-semibold">Keyboard shortcuts</h2>
          <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            {SHORTCUTS.map(([k, v]) => (
              <div key={k} className="flex gap-3">
                <dt className="w-14 shrink-0">
                  <kbd className="rounded border border-slate-300 px-1.5 text-xs dark:border-slate-600">{k}</kbd>
                </dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : null}
      {notice ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      ) : null}
      {!o.workable ? (
        <p role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          This opportunity is {o.status.toLowerCase()}
          {o.snoozedUntil && o.status === "SNOOZED" ? ` until ${formatDate(o.snoozedUntil)}` : ""}
          {a.doNotContact ? " and the account is marked do not contact" : ""}; it cannot be worked now.
        </p>
      ) : null}

      <div className="grid gap-5 xl:grid-cols-3">
        <div className="space-y-5 xl:col-span-2">
          <Card className="p-5">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <h1 ref={headingRef} tabIndex={-1} className="text-xl font-semibold tracking-tight outline-none">
                  {a.name}
                </h1>
                <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
                  {a.contactName} · <SegmentBadge segment={a.segment} /> · CLV {formatMoney(a.clv)} · P(alive) {formatPercent(a.pAlive)}
                </p>
              </div>
              <div className="flex flex-col items-end gap-1 text-sm">
                {a.phone ? (
                  <a href={`tel:${a.phone}`} className="inline-flex items-center gap-1.5 font-medium text-brand-700 hover:underline dark:text-brand-100">
                    <Phone aria-hidden className="h-4 w-4" /> {a.phone}
                  </a>
                ) : (
                  <span className="text-slate-500">No phone</span>
                )}
                {a.email ? (
                  <a href={`mailto:${a.email}`} className="inline-flex items-center gap-1.5 text-brand-700 hover:underline dark:text-brand-100">
                    <Mail aria-hidden className="h-4 w-4" /> {a.email}
                  </a>
                ) : null}
              </div>
            </div>
            <div className="mt-3 flex flex-wrap gap-2" aria-label="Consent">
              {a.doNotContact ? (
                <Badge tone="red">
                  <Ban aria-hidden className="mr-1 h-3 w-3" /> Do not contact
                </Badge>
              ) : null}
              <Badge tone={a.phoneConsent ? "green" : "amber"}>{a.phoneConsent ? "Phone consent" : "No phone consent"}</Badge>
              <Badge tone={a.emailConsent ? "green" : "amber"}>{a.emailConsent ? "Email consent" : "No email consent"}</Badge>
              <Badge>Attempts {o.attempts}</Badge>
              <Badge>Last contact {formatAgo(o.lastContactAt)}</Badge>
            </div>
          </Card>

          <Card className="p-5" aria-labelledby="offer-heading">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <p className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
                  Offer{ctx.pair ? ` · ${PAIR_LABELS[ctx.pair.type] ?? ctx.pair.type}` : ""} ·{" "}
                  <span data-testid="offer-channel">{o.channel === "EMAIL" ? "by email" : "by phone"}</span>
                </p>
                <h2 id="offer-heading" className="mt-1 text-lg font-semibold">
                  {ctx.product.name}
                </h2>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {ctx.product.sku} · {ctx.product.category}
                  {ctx.product.regulated ? " · regulated: suitability note required" : ""}
                </p>
              </div>
              <dl className="grid grid-cols-3 gap-4 text-right text-sm">
                <div>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">Price</dt>
                  <dd className="font-semibold tabular-nums">{formatMoneyExact(ctx.product.price)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">Margin</dt>
                  <dd className="font-semibold tabular-nums">
                    {formatMoneyExact(ctx.product.margin)} <span className="font-normal text-slate-500">({formatPercent(ctx.product.marginPct)})</span>
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">Exp. value</dt>
                  <dd className="font-semibold tabular-nums">{formatMoney(o.expectedValue)}</dd>
                </div>
              </dl>
            </div>
            <p className="mt-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700 dark:bg-slate-800 dark:text-slate-100" data-testid="offer-reason">
              {o.reasonText}
            </p>
            {o.scoredAt ? <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Evidence as of the scoring run of {formatDate(o.scoredAt)}.</p> : null}
            <dl className="mt-3 grid gap-x-8 gap-y-1 text-sm sm:grid-cols-2">
              <div className="flex justify-between gap-2">
                <dt className="text-slate-500 dark:text-slate-400">P(buy)</dt>
                <dd className="tabular-nums">{formatPercent(o.probability)}</dd>
              </div>
              {o.evidence.map((e) => (
                <div key={e.label} className="flex justify-between gap-2">
                  <dt className="text-slate-500 dark:text-slate-400">{e.label}</dt>
                  <dd className="text-right tabular-nums">{e.value}</dd>
                </div>
              ))}
            </dl>
            {ctx.pair ? (
              <div className="mt-4 grid gap-4 md:grid-cols-2">
                <section aria-label="Talking points">
                  <h3 className="text-sm font-semibold">Talking points</h3>
                  <p className="mt-1 whitespace-pre-line text-sm text-slate-700 dark:text-slate-300" data-testid="talking-points">
                    {ctx.pair.talkingPoints}
                  </p>
                  <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">Best offered {ctx.pair.window}</p>
                </section>
                <section aria-label="Objection handling">
                  <h3 className="text-sm font-semibold">Objection handling</h3>
                  <p className="mt-1 whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{ctx.pair.objectionHandling}</p>
                </section>
              </div>
            ) : (
              <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
                No curated talking points for this pair yet: lead with the reason above and ask about their {ctx.product.category.toLowerCase()} needs.
              </p>
            )}
            {o.channel === "EMAIL" ? (
              <EmailDraft
                to={a.email}
                subject={`${ctx.product.name} for ${a.name}`}
                body={emailBody(a.contactName, ctx.product.name, o.sourceProductName, ctx.pair?.talkingPoints ?? null, o.assigneeName)}
              />
            ) : null}
          </Card>

          <div className="grid gap-5 md:grid-cols-2">
            <Card className="p-5">
              <h2 className="text-sm font-semibold">Last orders</h2>
              {ctx.lastOrders.length === 0 ? (
                <p className="mt-2 text-sm text-slate-500">No orders on record.</p>
              ) : (
                <ul className="mt-2 space-y-2 text-sm">
                  {ctx.lastOrders.map((x) => (
                    <li key={x.id}>
                      <div className="flex justify-between gap-2">
                        <span className="font-medium">{formatDate(x.orderedAt)}</span>
                        <span className="tabular-nums">{formatMoneyExact(x.total)}</span>
                      </div>
                      <p className="truncate text-xs text-slate-500 dark:text-slate-400">{x.items}</p>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
            <Card className="p-5">
              <h2 className="text-sm font-semibold">Owns</h2>
              <ul className="mt-2 flex flex-wrap gap-1.5">
                {ctx.ownedProducts.map((p) => (
                  <li key={p.name}>
                    <Badge>{p.name}</Badge>
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        </div>

        <div className="space-y-5">
          <Card className="p-5">
            <OutcomeForm
              key={`${o.id}:${o.version}`}
              opportunityId={o.id}
              version={o.version}
              rep={rep}
              channel={o.channel}
              regulated={ctx.product.regulated}
              suggestedAmount={ctx.product.price}
              disabled={!o.workable || busy}
              onSaved={saved}
            />
          </Card>
          <Card className="p-5">
            <h2 className="text-sm font-semibold">Other offers for this account</h2>
            {ctx.otherOpportunities.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">None open.</p>
            ) : (
              <ul className="mt-2 space-y-2 text-sm">
                {ctx.otherOpportunities.map((x) => (
                  <li key={x.id}>
                    <Link href={href(x.id, rep, list)} className="font-medium text-brand-700 hover:underline dark:text-brand-100">
                      {x.productName}
                    </Link>
                    <span className="text-slate-500 dark:text-slate-400">
                      {" "}
                      · {formatMoney(x.expectedValue)} · {formatPercent(x.probability)}
                    </span>
                    <p className="truncate text-xs text-slate-500 dark:text-slate-400" title={x.reasonText}>
                      {x.reasonText}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card className="p-5">
            <h2 className="text-sm font-semibold">Activity</h2>
            {ctx.timeline.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">No contact logged yet.</p>
            ) : (
              <ol className="mt-2 space-y-2 text-sm">
                {ctx.timeline.map((t) => (
                  <li key={t.id}>
                    <span className="font-medium">{OUTCOME_LABELS[t.outcome as keyof typeof OUTCOME_LABELS] ?? t.outcome}</span>
                    <span className="text-slate-500 dark:text-slate-400">
                      {" "}
                      · {formatAgo(t.at)} · {t.userName}
                    </span>
                    {t.notes ? <p className="text-xs text-slate-600 dark:text-slate-300">{t.notes}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}

// How the role matrix observes an outcome: pages and route handlers over plain HTTP (no redirects
// followed), server actions POSTed the way the browser's router calls them.
import type { APIRequestContext, APIResponse } from "@playwright/test";

/** "307 Location: http://host/login?x" -> "redirect /login?x"; anything else -> its status. */
export function describeResponse(response: APIResponse, origin: string): string {
  const status = response.status();
  if (status >= 300 && status < 400) {
    const location = response.headers()["location"] ?? "";
    const local = location.startsWith(origin) ? location.slice(origin.length) || "/" : location;
    return `redirect ${local}`;
  }
  return String(status);
}

export async function pageOutcome(request: APIRequestContext, path: string, origin: string): Promise<string> {
  const response = await request.get(path, { maxRedirects: 0 });
  return describeResponse(response, origin);
}

async function summarise(response: APIResponse, read: "session" | "csrf" | undefined): Promise<string> {
  const status = String(response.status());
  if (!read) return status;
  const body = (await response.json().catch(() => null)) as { user?: { email?: string; role?: string }; csrfToken?: unknown } | null;
  if (read === "csrf") return `${status} ${typeof body?.csrfToken === "string" && body.csrfToken.length > 0 ? "csrf token" : "no csrf token"}`;
  return `${status} ${body?.user ? `user=${body.user.email} role=${body.user.role}` : "no user"}`;
}

export async function routeOutcome(
  request: APIRequestContext,
  options: { method: string; path: string; json?: Record<string, unknown>; csrf?: boolean; read?: "session" | "csrf"; origin: string },
): Promise<string> {
  let json = options.json;
  if (options.csrf) {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    json = { ...json, csrfToken };
  }
  const response = await request.fetch(options.path, {
    method: options.method,
    maxRedirects: 0,
    headers: { Origin: options.origin, ...(json ? { "Content-Type": "application/json" } : {}) },
    ...(json ? { data: JSON.stringify(json) } : {}),
  });
  if (response.status() >= 300 && response.status() < 400) return describeResponse(response, options.origin);
  return summarise(response, options.read);
}

type ActionResult = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string> };

const isResult = (v: unknown): v is ActionResult => !!v && typeof v === "object" && typeof (v as { ok?: unknown }).ok === "boolean";

/**
 * The action's return value in a React flight response. Row 0 is the action envelope
 * (`0:{"a":"$@1","f":"","b":"<build>"}`), whose `a` points at the row holding the result
 * (`1:{"ok":false,"code":"NOT_FOUND",...}`), or holds it inline.
 */
export function resultOfFlight(text: string): ActionResult | null {
  const rows = new Map<string, unknown>();
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!m) continue;
    try {
      rows.set(m[1], JSON.parse(m[2]));
    } catch {
      // a text or module row, not JSON
    }
  }
  const envelope = rows.get("0") as { a?: unknown } | undefined;
  const ref = typeof envelope?.a === "string" ? /^\$@([0-9a-f]+)$/.exec(envelope.a) : null;
  const result = ref ? rows.get(ref[1]) : envelope?.a;
  if (isResult(result)) return result;
  for (const v of rows.values()) if (isResult(v)) return v;
  return null;
}

/** Calls a server action by id as the client router does, and describes its result ("ok", "NOT_FOUND", ...). */
export async function actionOutcome(
  request: APIRequestContext,
  options: { id: string; path: string; arg: unknown; origin: string; expected: string },
): Promise<string> {
  const response = await request.post(options.path, {
    maxRedirects: 0,
    headers: {
      "Next-Action": options.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: options.origin,
    },
    data: JSON.stringify([options.arg]),
  });
  const text = await response.text();
  const result = resultOfFlight(text);
  if (!result) return `no action result (HTTP ${response.status()}: ${text.slice(0, 200).replace(/\s+/g, " ")})`;
  if (result.ok) return "ok";
  const code = result.code ?? "no code";
  const [, field] = options.expected.split(":");
  if (code === "INVALID_INPUT" && field) {
    return result.fieldErrors?.[field] ? `INVALID_INPUT:${field}` : `INVALID_INPUT:[${Object.keys(result.fieldErrors ?? {}).join(",")}]`;
  }
  return code;
}

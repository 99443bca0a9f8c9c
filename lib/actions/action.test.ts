import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";

const getActor = vi.fn<() => Promise<Actor | null>>();
const auditDenied = vi.fn(async () => {});
vi.mock("@/lib/auth/session", () => ({ getActor: () => getActor(), requireActor: vi.fn() }));
vi.mock("@/lib/audit/log", () => ({ auditDenied: (...args: unknown[]) => auditDenied(...(args as [])) }));

const { defineAction } = await import("@/lib/actions/action");
const { AppError } = await import("@/lib/errors");
const { notFound } = await import("next/navigation");

const rep: Actor = { id: "usr_ava", role: "REP", teamId: "team_north", name: "Ava", email: "ava@example.com" };
const manager: Actor = { id: "usr_nina", role: "MANAGER", teamId: "team_north", name: "Nina", email: "nina@example.com", teamMemberIds: ["usr_nina"] };

const input = z.object({ amount: z.number().min(0.01, "must be at least 0.01"), note: z.string().trim().max(5, "is too long").optional() });

describe("defineAction", () => {
  const run = vi.fn(async (value: z.output<typeof input>, actor: Actor) => ({ doubled: value.amount * 2, by: actor.id, note: value.note }));
  const action = defineAction({ input, permission: "opportunities:reassign" }, run);

  beforeEach(() => {
    run.mockClear();
    auditDenied.mockClear();
    getActor.mockReset();
  });

  it("runs with the parsed input and the actor", async () => {
    getActor.mockResolvedValue(manager);
    expect(await action({ amount: 2, note: "  hi " })).toEqual({ ok: true, data: { doubled: 4, by: "usr_nina", note: "hi" } });
  });

  it("refuses anonymous callers before anything else", async () => {
    getActor.mockResolvedValue(null);
    expect(await action({ amount: 2 })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(run).not.toHaveBeenCalled();
  });

  it("answers a missing permission as not found, audits it, and checks it before the input", async () => {
    getActor.mockResolvedValue(rep);
    // Invalid input too: the caller must not learn the schema.
    expect(await action({ amount: -1 })).toEqual({ ok: false, code: "NOT_FOUND", message: "Record not found" });
    expect(run).not.toHaveBeenCalled();
    expect(auditDenied).toHaveBeenCalledWith(expect.objectContaining({ userId: "usr_ava", permission: "opportunities:reassign", reason: "permission" }));
  });

  it("maps zod issues to field errors keyed by the schema's own field names", async () => {
    getActor.mockResolvedValue(manager);
    const result = await action({ amount: 0.001, note: "far too long" });
    expect(result).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      message: "amount: must be at least 0.01",
      fieldErrors: { amount: "must be at least 0.01", note: "is too long" },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("passes AppErrors from the run through with their code and fields", async () => {
    getActor.mockResolvedValue(manager);
    run.mockRejectedValueOnce(new AppError("CONFLICT", "Someone else saved first."));
    expect(await action({ amount: 1 })).toEqual({ ok: false, code: "CONFLICT", message: "Someone else saved first." });
    run.mockRejectedValueOnce(new AppError("INVALID_INPUT", "note: needed", { note: "needed" }));
    expect(await action({ amount: 1 })).toEqual({ ok: false, code: "INVALID_INPUT", message: "note: needed", fieldErrors: { note: "needed" } });
  });

  it("recognises database errors by code: unique violation and write conflict are CONFLICT", async () => {
    getActor.mockResolvedValue(manager);
    run.mockRejectedValueOnce(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }));
    expect(await action({ amount: 1 })).toMatchObject({ ok: false, code: "CONFLICT" });
    run.mockRejectedValueOnce(
      Object.assign(new Error("Operation has timed out"), { code: "P1008", meta: { driverAdapterError: { cause: { kind: "SocketTimeout", originalCode: "SQLITE_BUSY" } } } }),
    );
    expect(await action({ amount: 1 })).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("never shows the message of an unexpected error", async () => {
    getActor.mockResolvedValue(manager);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    run.mockRejectedValueOnce(new Error("SELECT secret FROM users"));
    const result = await action({ amount: 1 });
    expect(result).toEqual({ ok: false, code: "INTERNAL", message: "Something went wrong; nothing was saved. Try again." });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("lets Next.js control flow (notFound, redirect) through", async () => {
    getActor.mockResolvedValue(manager);
    run.mockImplementationOnce(async () => notFound());
    await expect(action({ amount: 1 })).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_HTTP_ERROR_FALLBACK") });
  });
});

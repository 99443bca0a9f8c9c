import { describe, expect, it } from "vitest";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

const classes = (s: string) => s.split(/\s+/).filter(Boolean);

describe("cn", () => {
  it("lets a caller's padding and text size replace the button's defaults", () => {
    const c = classes(buttonClass("secondary", "px-2 py-1 text-xs"));
    expect(c).toEqual(expect.arrayContaining(["px-2", "py-1", "text-xs"]));
    expect(c).not.toContain("px-3");
    expect(c).not.toContain("py-2");
    expect(c).not.toContain("text-sm");
    // Unrelated classes of the variant survive the merge.
    expect(c).toEqual(expect.arrayContaining(["border", "border-slate-300", "dark:bg-slate-900", "font-medium"]));
  });

  it("keeps the last of two conflicting classes and drops falsy inputs", () => {
    expect(cn("p-4", false, null, undefined, "p-2")).toBe("p-2");
    expect(cn("text-slate-600", { "text-red-700": true, hidden: false })).toBe("text-red-700");
  });

  it("does not treat classes under different variants as conflicts", () => {
    expect(classes(cn("bg-white dark:bg-slate-900", "hover:bg-slate-50"))).toEqual(["bg-white", "dark:bg-slate-900", "hover:bg-slate-50"]);
    expect(cn("bg-white dark:bg-slate-900", "dark:bg-slate-800")).toBe("bg-white dark:bg-slate-800");
  });

  it("knows the app's brand colours are colours, not font sizes", () => {
    expect(cn("text-sm text-slate-900", "text-brand-700")).toBe("text-sm text-brand-700");
  });
});

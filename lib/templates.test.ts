import { describe, expect, it } from "vitest";
import { renderTemplate, unknownPlaceholders } from "@/lib/templates";

describe("renderTemplate", () => {
  it("fills placeholders, with or without inner spaces", () => {
    expect(
      renderTemplate("Hi {{contact.name}}, you bought the {{ source.product }} {{days_since_purchase}} days ago; {{attach_rate}} of buyers add a {{target.product}}.", {
        "contact.name": "Dana",
        "source.product": "Kestrel X100",
        days_since_purchase: 21,
        attach_rate: "38%",
        "target.product": "Steadio tripod",
      }),
    ).toBe("Hi Dana, you bought the Kestrel X100 21 days ago; 38% of buyers add a Steadio tripod.");
  });

  it("keeps unknown placeholders visible and shows a dash for missing values", () => {
    expect(renderTemplate("{{acount.name}} / {{attach_rate}}", { attach_rate: null })).toBe("{{acount.name}} / —");
  });

  it("returns markup as literal text (React renders it as text, never as HTML)", () => {
    const out = renderTemplate("<b>{{account.name}}</b>", { "account.name": '<img src=x onerror="alert(1)">' });
    expect(out).toBe('<b><img src=x onerror="alert(1)"></b>');
  });

  it("does not re-expand placeholders that arrive inside values", () => {
    expect(renderTemplate("{{account.name}}", { "account.name": "{{contact.name}}", "contact.name": "x" })).toBe("{{contact.name}}");
  });

  it("lists unknown placeholders", () => {
    expect(unknownPlaceholders("{{account.name}} {{foo}} {{ bar.baz }} {{foo}}")).toEqual(["foo", "bar.baz"]);
  });
});

// The catalog workflows of the admin workspace: a pair created with a bad placeholder then a good one,
// edited into a second version; a mined rule approved into the catalog; a product deactivated, whose
// offers leave the queue at once; and every catalog page clean under axe.
import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { createRep, withDb } from "./db";
import { login, USERS } from "./fixtures";

async function expectAxeClean(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  expect(results.passes.length).toBeGreaterThan(0);
}

/** Two active products that no pair joins, in either direction, and that no mined rule of the tests uses. */
function freeProducts(skip: number): { source: string; target: string } {
  return withDb((db) => {
    const rows = db
      .prepare(
        `SELECT p.name FROM "Product" p WHERE p.active = 1
           AND NOT EXISTS (SELECT 1 FROM "ProductPair" x WHERE x."sourceProductId" = p.id OR x."targetProductId" = p.id)
         ORDER BY p.name LIMIT 2 OFFSET ?`,
      )
      .all(skip) as { name: string }[];
    if (rows.length < 2) throw new Error("not enough unpaired products in the e2e catalog");
    return { source: rows[0].name, target: rows[1].name };
  });
}

test("an admin creates a pair: an unknown placeholder is named with the allowed ones, the fixed one saves, and an edit becomes version 2", async ({ page }) => {
  const { source, target } = freeProducts(0);
  await login(page, USERS.admin.email);
  await page.goto("/admin/pairs");
  await page.getByRole("link", { name: "New pair" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New product pair" })).toBeVisible();
  await page.getByLabel("Source product (bought first)").selectOption({ label: source });
  await page.getByLabel("Target product (offered)").selectOption({ label: target });
  await page.getByLabel("Type").selectOption("ACCESSORY");
  await page.getByLabel("Talking points").fill("Hi {{acount.name}}, {{target.product}} fits your {{source.product}}.");
  await page.getByRole("button", { name: "Create pair" }).click();
  const error = page.locator("#pair-talkingPoints-error");
  await expect(error).toContainText("Unknown placeholder {{acount.name}}.");
  await expect(error).toContainText("Allowed: {{account.name}}, {{contact.name}}");
  await expect(page.getByLabel("Talking points")).toHaveAttribute("aria-invalid", "true");

  // The live preview renders on a real account, as call mode does: the known placeholders are filled.
  await expect(page.getByTestId("preview-talking-points")).toContainText(`${target} fits your ${source}.`);

  await page.getByLabel("Talking points").fill("Hi {{account.name}}, {{target.product}} fits your {{source.product}}.");
  // The preview re-renders (and the layout below it moves) once the new text is rendered.
  await expect(page.getByTestId("preview-talking-points")).not.toContainText("{{");
  await page.getByRole("button", { name: "Count eligible accounts" }).click();
  await expect(page.getByTestId("impact-preview")).toContainText("Eligible now");
  await page.getByRole("button", { name: "Create pair" }).click();
  await expect(page).toHaveURL(/\/admin\/pairs\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name: `${source} → ${target}` })).toBeVisible();
  // Scanned without the fading "Pair created." toast, whose half-transparent text axe would measure.
  await page.reload();
  await expectAxeClean(page);

  await page.getByLabel("Offer until (days after the source purchase)").fill("45");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  const history = page.getByTestId("pair-versions");
  await expect(history.getByText("Version 2", { exact: true })).toBeVisible();
  const change = history.getByRole("row", { name: /Window to \(days\)/ }).first();
  await expect(change).toContainText("60");
  await expect(change).toContainText("45");

  // The list finds it by search, with its counts.
  await page.goto(`/admin/pairs?q=${encodeURIComponent(source)}`);
  await expect(page.getByTestId("pair-row").filter({ hasText: target })).toContainText("v2");
});

test("an admin approves a mined rule: it becomes a mined pair with the rule's statistics, and the rule shows its pair", async ({ page }) => {
  const rule = withDb((db) =>
    db
      .prepare(
        `SELECT r.id, a.name AS source, c.name AS target FROM "MinedRule" r
           JOIN "ScoringRun" s ON s.id = r."runId" AND s.active = 1
           JOIN "Product" a ON a.id = r."antecedentKey" JOIN "Product" c ON c.id = r."consequentKey"
          WHERE instr(r."antecedentKey", '|') = 0 AND instr(r."consequentKey", '|') = 0 AND a.active = 1 AND c.active = 1
            AND NOT EXISTS (SELECT 1 FROM "ProductPair" p WHERE p."sourceProductId" = r."antecedentKey" AND p."targetProductId" = r."consequentKey")
            AND NOT EXISTS (SELECT 1 FROM "ProductPair" p WHERE p."sourceProductId" = r."consequentKey" AND p."targetProductId" = r."antecedentKey")
            AND NOT EXISTS (SELECT 1 FROM "RuleDecision" d WHERE d."antecedentKey" = r."antecedentKey" AND d."consequentKey" = r."consequentKey")
          ORDER BY r.lift DESC, r.id LIMIT 1`,
      )
      .get() as { id: string; source: string; target: string } | undefined,
  );
  if (!rule) throw new Error("the e2e scoring run mined no pending rule between unpaired active products");
  const label = `${rule.source} → ${rule.target}`;
  await login(page, USERS.admin.email);
  await page.goto(`/admin/rules?q=${encodeURIComponent(rule.target)}`);
  await expectAxeClean(page);
  await page.getByRole("button", { name: `Approve ${label}`, exact: true }).first().click();
  const dialog = page.getByRole("alertdialog", { name: `Approve ${label}` });
  await dialog.getByLabel("Type").selectOption("ACCESSORY");
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(page.getByText(`${label} is in the catalog.`)).toBeVisible();
  await page.getByTestId("rule-row").filter({ hasText: label }).first().getByRole("link", { name: "In the catalog" }).click();
  await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
  await expect(page.getByText("Mined rule at approval")).toBeVisible();
  await expect(page.getByText("mined", { exact: true })).toBeVisible();
  const stored = withDb((db) => db.prepare(`SELECT origin, "minedRuleId" FROM "ProductPair" WHERE "sourceProductId" = (SELECT "antecedentKey" FROM "MinedRule" WHERE id = ?) AND "targetProductId" = (SELECT "consequentKey" FROM "MinedRule" WHERE id = ?)`).get(rule.id, rule.id));
  expect(stored).toEqual({ origin: "MINED", minedRuleId: rule.id });
});

test("deactivating a product suppresses its open offers at once: the count is in the confirmation and the offer leaves the queue", async ({ page, browser, baseURL }) => {
  const rep = createRep("catalog");
  const suffix = randomUUID().slice(0, 8);
  const product = { id: `e2eprd${suffix}`, sku: `E2E-${suffix}`, name: `E2E Catalog Lens ${suffix}` };
  withDb((db) => {
    db.prepare(
      `INSERT INTO "Product" (id, sku, name, category, "priceCents", "unitCostCents", active, regulated, version, "createdAt", "updatedAt")
       VALUES (?, ?, ?, 'Lenses', 49900, 30000, 1, 0, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
    ).run(product.id, product.sku, product.name);
    // One open offer of the new product for the new rep, copied from a callable offer of the active run.
    db.prepare(
      `INSERT INTO "Opportunity" (id, "runId", "accountId", "productId", "pairId", "assigneeId", status, probability, "expectedValue", reason, "reasonText", rank, priority, holdout, attempts, version, "createdAt", "updatedAt")
       SELECT ?, o."runId", o."accountId", ?, NULL, ?, 'OPEN', o.probability, o."expectedValue", o.reason, o."reasonText", o.rank, 1, 0, 0, 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
         FROM "Opportunity" o JOIN "ScoringRun" s ON s.id = o."runId" AND s.active = 1 JOIN "Account" a ON a.id = o."accountId"
        WHERE o.status = 'OPEN' AND o.holdout = 0 AND a."doNotContact" = 0 AND a."phoneConsent" = 1 ORDER BY o.id LIMIT 1`,
    ).run(`e2eopp${suffix}`, product.id, rep.id);
  });
  const repContext = await browser.newContext({ baseURL });
  const repPage = await repContext.newPage();
  await login(repPage, rep.email);
  await repPage.goto("/queue");
  await expect(repPage.getByText(product.name).first()).toBeVisible();

  await login(page, USERS.admin.email);
  await page.goto(`/admin/products?q=${product.sku}`);
  await expectAxeClean(page);
  const row = page.getByTestId("product-row").filter({ hasText: product.name });
  await expect(row).toContainText("$199.00 (39.9%)");
  await row.getByRole("button", { name: `Edit ${product.name}` }).click();
  const dialog = page.getByRole("alertdialog", { name: `Edit ${product.name}` });
  await dialog.getByLabel("Active").uncheck();
  await expect(dialog).toContainText("suppresses its 1 open offer at once");
  await dialog.getByRole("button", { name: "Deactivate and suppress 1 offers" }).click();
  await expect(page.getByText(`${product.name} deactivated; 1 open offers suppressed.`)).toBeVisible();
  await expect(row).toContainText("inactive");

  await repPage.goto("/queue");
  await expect(repPage.getByRole("heading", { level: 1, name: "Queue" })).toBeVisible();
  await expect(repPage.getByText(product.name)).toHaveCount(0);
  const audit = withDb((db) => db.prepare(`SELECT details FROM "AuditLog" WHERE action = 'product.deactivate' AND "entityId" = ?`).get(product.id) as { details: string });
  expect(JSON.parse(audit.details)).toMatchObject({ before: { active: true }, after: { active: false }, suppressedOffers: 1 });
  await repContext.close();
});

test("the catalog pages are axe clean and say what is empty", async ({ page }) => {
  await login(page, USERS.admin.email);
  for (const path of ["/admin/pairs", "/admin/pairs/new", "/admin/pairs/pair_001", "/admin/rules?status=REJECTED"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAxeClean(page);
  }
  await page.goto("/admin/pairs?q=zz-no-such-product");
  await expect(page.getByText("No pairs match these filters")).toBeVisible();
});

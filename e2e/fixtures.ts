import { expect, type Page } from "@playwright/test";

export const PASSWORD = "crosssell-demo";

export const USERS = {
  admin: { email: "admin@example.com", name: "Alex Morgan", role: "Admin" },
  managerNorth: { email: "nina.manager@example.com", name: "Nina Brooks", role: "Manager" },
  managerSouth: { email: "omar.manager@example.com", name: "Omar Haddad", role: "Manager" },
  repAva: { email: "ava@example.com", name: "Ava Thompson", role: "Sales rep" },
  repBen: { email: "ben@example.com", name: "Ben Carter", role: "Sales rep" },
  repEva: { email: "eva@example.com", name: "Eva Rossi", role: "Sales rep" },
  // Reserved for the lockout test: no other test signs in as Grace.
  repLockout: { email: "grace@example.com", name: "Grace Kim", role: "Sales rep" },
} as const;

export async function login(page: Page, email: string, password: string = PASSWORD): Promise<void> {
  // Start from a signed-out browser so the login page does not redirect an existing session away. Leave
  // the current page first, so none of its requests (a session renewal) can set the cookie again.
  await page.goto("about:blank");
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Href of the first account row whose owner filter is the given rep, as seen by an admin. */
export async function firstAccountOf(page: Page, ownerName: string): Promise<string> {
  await page.goto("/accounts");
  await page.getByLabel("Owner").selectOption({ label: ownerName });
  await expect(page).toHaveURL(/owner=/);
  const link = page.getByTestId("account-row").first().getByRole("link");
  const href = await link.getAttribute("href");
  if (!href) throw new Error("no account link");
  return href;
}

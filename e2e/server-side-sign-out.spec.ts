// Threat: a session ID copied before sign-out (shared computer, proxy log, stolen cookie) keeps
// working because sign-out only deleted the cookie. Defense: sign-out is a POST that ends the
// session on the server (endWebSession in lib/session/lifecycle.ts) and sends Clear-Site-Data.
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { apiSignIn, apiTransfer } from "./support/api";
import { expect, idStillWorks, sessionCookieValue, test } from "./support/fixtures";

test("the cookie replayed after sign-out is refused by the server", async ({
  signedInPage: page,
  browser,
  user,
  baseURL,
  db,
}) => {
  await page.goto("/dashboard");
  const copied = await sessionCookieValue(page);
  expect(copied).toBeTruthy();

  const signOut = page.waitForResponse((r) => r.url().endsWith("/signout") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Sign out" }).click();
  const response = await signOut;
  expect((await response.allHeaders())["clear-site-data"]).toBe('"cache", "cookies", "storage"');
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByText("You have signed out.")).toBeVisible();

  expect(await idStillWorks(browser, baseURL!, copied!, user), "the copied cookie is refused").toBe(false);

  const session = await db.session.findFirst({ where: { userId: user.id } });
  expect(session?.endReason).toBe("signed_out");
  expect(await db.securityEvent.count({ where: { userId: user.id, type: "sign_out" } })).toBe(1);
});

/**
 * Every page under app/(bank), as the address that opens it, read from the folders themselves so
 * a new page is checked without anyone touching this spec. A dynamic segment takes the ID given
 * for it (by its folder, e.g. "accounts/[id]"); one with none fails until it gets one here.
 */
function signedInPages(ids: Record<string, string>): string[] {
  const root = path.join(__dirname, "..", "app", "(bank)");
  const folders = readdirSync(root, { recursive: true })
    .map(String)
    .filter((file) => path.basename(file) === "page.tsx")
    .map((file) => path.dirname(file).split(path.sep).join("/"));
  return folders.map((folder) => {
    const segments = folder.split("/").filter((segment) => !/^\(.*\)$/.test(segment));
    if (!segments.some((segment) => segment.startsWith("["))) return `/${segments.join("/")}`;
    const id = ids[folder];
    if (!id) throw new Error(`app/(bank)/${folder}: give this spec an ID that opens it`);
    return `/${segments.map((segment) => (segment.startsWith("[") ? id : segment)).join("/")}`;
  });
}

test("sign-out is offered on every signed-in page and only answers POST", async ({
  page,
  request,
  createUser,
  signInAs,
}) => {
  // An administrator (the admin panel's door is a signed-in page too) with a transfer to show.
  const admin = await createUser({ role: "admin" });
  const payee = await createUser();
  const sent = await apiTransfer(
    request,
    await apiSignIn(request, admin),
    { fromAccountId: admin.accountId, toAccountNumber: payee.accountNumber, amount: "1.00" },
    randomUUID(),
  );
  expect(sent.status()).toBe(201);
  const pages = signedInPages({ "accounts/[id]": admin.accountId, "transfers/[id]": (await sent.json()).transfer.id });
  expect(pages).toEqual(expect.arrayContaining(["/dashboard", "/transfers", "/security/sessions", "/admin"]));

  await signInAs(page, admin);
  await page.goto("/dashboard");
  for (const address of pages) {
    const response = await page.goto(address);
    expect(response?.status(), address).toBe(200);
    await expect(page.getByRole("button", { name: "Sign out", exact: true }), address).toBeVisible();
  }
  const viaGet = await request.get("/signout", { maxRedirects: 0 });
  expect(viaGet.status()).toBe(405);
});

// Threat: a stolen session ID used after the victim's session moved on to a new ID. Defense: a
// rotated-out ID presented again is refused; past the grace window (rotationGraceSeconds, 10 s)
// it is a theft signal: the whole session family ends and a reuse_detected event is recorded
// (refuseRotatedOutId in lib/session/reuse.ts), at every door that takes an ID: any request,
// sign-out, and a new sign-in from the browser holding it. Within the window it is refused quietly:
// a request already in flight from another tab is not theft.
import {
  expect,
  replay,
  SESSION_COOKIE,
  setRotationAge,
  signInWithForm,
  stepUpWithTransfer,
  test,
} from "./support/fixtures";

test("replaying a rotated-out ID ends the whole family and records the theft", async ({
  signedInPage: page,
  newDevice,
  baseURL,
  user,
  payee,
  db,
}) => {
  const stolen = await stepUpWithTransfer(page, db, user, payee);
  await setRotationAge(db, user.id, 60);

  const thief = await newDevice(null);
  await replay(thief, stolen, baseURL!);
  await expect(thief).toHaveURL(/\/signin/);

  const reuse = await db.securityEvent.findFirst({ where: { userId: user.id, type: "reuse_detected" } });
  expect(reuse).not.toBeNull();
  expect(reuse!.ip).toBeTruthy();
  expect(reuse!.userAgent).toBeTruthy();
  expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);

  // The victim's own, newer session ended too, and the victim is told why.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/reason=reused/);
  await expect(page.getByText("an old copy of your session was used")).toBeVisible();
});

test("an old ID arriving within the grace window is refused without ending the session", async ({
  signedInPage: page,
  newDevice,
  baseURL,
  user,
  payee,
  db,
}) => {
  const inFlight = await stepUpWithTransfer(page, db, user, payee);
  // Dated a minute ahead: however slow this machine is, the replay below is still inside the
  // 10-second window on the server's clock (a real 2-second age could expire before it lands).
  await setRotationAge(db, user.id, -60);

  const otherTab = await newDevice(null);
  await replay(otherTab, inFlight, baseURL!);
  await expect(otherTab).toHaveURL(/\/signin/);

  expect(await db.securityEvent.count({ where: { userId: user.id, type: "reuse_detected" } })).toBe(0);
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
});

test("a rotated-out ID presented at sign-out ends the family and is recorded", async ({
  signedInPage: page,
  newDevice,
  baseURL,
  user,
  payee,
  db,
}) => {
  const stolen = await stepUpWithTransfer(page, db, user, payee);
  await setRotationAge(db, user.id, 60);

  // Signing out with the old cookie is one more door the old ID is presented at.
  const thief = (await newDevice(null)).context();
  await thief.addCookies([{ name: SESSION_COOKIE, value: stolen, url: baseURL! }]);
  const answer = await thief.request.post("/signout", { headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(answer.status()).toBeLessThan(400);

  expect(await db.securityEvent.count({ where: { userId: user.id, type: "reuse_detected" } })).toBe(1);
  expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/reason=reused/);
});

test("a rotated-out cookie in the browser that signs in again ends the family and is recorded", async ({
  signedInPage: page,
  newDevice,
  baseURL,
  user,
  payee,
  createUser,
  db,
}) => {
  const stolen = await stepUpWithTransfer(page, db, user, payee);
  await setRotationAge(db, user.id, 60);

  // The thief's browser still holds the old cookie when it signs in to an account of its own.
  const thief = await newDevice(null);
  await thief.context().addCookies([{ name: SESSION_COOKIE, value: stolen, url: baseURL! }]);
  await signInWithForm(thief, await createUser());

  expect(await db.securityEvent.count({ where: { userId: user.id, type: "reuse_detected" } })).toBe(1);
  expect(await db.session.count({ where: { userId: user.id, endedAt: null } })).toBe(0);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/reason=reused/);
});

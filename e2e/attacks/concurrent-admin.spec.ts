// Attack (lab flaw `concurrent-admin`): Mallory has an admin's stolen session and keeps the
// admin panel open. When the real admin opens the panel, the single-session rule (default
// newest-wins) should end Mallory's elevated session; with the flaw both stay open.
import { attackOutcome, expectAttack, signInOnNewDevice, test } from "../support/fixtures";

test("a stolen admin session keeps the panel open beside the real admin", async ({
  browser,
  baseURL,
  createUser,
  target,
}) => {
  const admin = await createUser({ role: "admin" });
  const mallory = await signInOnNewDevice(browser, baseURL!, admin);
  await mallory.goto("/admin");
  await mallory.getByRole("button", { name: "Enter admin panel" }).click();
  await mallory.getByRole("heading", { name: "Users and live sessions" }).waitFor();

  const real = await signInOnNewDevice(browser, baseURL!, admin);
  await real.goto("/admin");
  await real.getByRole("button", { name: "Enter admin panel" }).click();
  await real.getByRole("heading", { name: "Users and live sessions" }).waitFor();

  await mallory.goto("/admin");
  const stillIn = await attackOutcome(mallory, mallory.getByRole("heading", { name: "Users and live sessions" }));
  expectAttack(target, stillIn);
});

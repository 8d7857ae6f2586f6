// Attack (lab flaw `concurrent-admin`): Mallory has an admin's stolen session and keeps the
// admin panel open. When the real admin opens the panel, the single-session rule (default
// newest-wins) should end Mallory's elevated session; with the flaw both stay open.
import { adminPanelHeading, attackOutcome, enterAdminPanel, expectAttack, test } from "../support/fixtures";

test("a stolen admin session keeps the panel open beside the real admin", async ({ newDevice, admin, target }) => {
  const mallory = await enterAdminPanel(await newDevice(admin));
  await adminPanelHeading(mallory).waitFor();

  const real = await enterAdminPanel(await newDevice(admin));
  await adminPanelHeading(real).waitFor();

  await mallory.goto("/admin");
  const stillIn = await attackOutcome(mallory, adminPanelHeading(mallory));
  expectAttack(target, stillIn);
});

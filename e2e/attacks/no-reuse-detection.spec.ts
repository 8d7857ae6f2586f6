// Attack (lab flaw `no-reuse-detection`): Mallory stole the victim's cookie. The victim later
// confirms a transfer (the session moves to a new ID). Mallory keeps using the old ID: without
// reuse detection she still reads the account, and nobody is told.
import { attackOutcome, expectAttack, replay, setRotationAge, stepUpWithTransfer, test } from "../support/fixtures";

test("a stolen ID keeps working after the victim's session rotated", async ({
  signedInPage: victim,
  newDevice,
  baseURL,
  user,
  payee,
  db,
  target,
}) => {
  const stolen = await stepUpWithTransfer(victim, db, user, payee);
  await setRotationAge(db, user.id, 60);

  const thief = await newDevice(null);
  await replay(thief, stolen, baseURL!);
  const inAsVictim = await attackOutcome(thief, thief.getByRole("heading", { name: `Welcome, ${user.name}` }));
  const noticed = (await db.securityEvent.count({ where: { userId: user.id, type: "reuse_detected" } })) > 0;

  expectAttack(target, inAsVictim && !noticed);
});

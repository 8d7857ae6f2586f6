// Attack (lab flaw `no-csp`): escaping failed somewhere — a template, a dependency, a markdown
// renderer — and a script reached the page the victim opens. Without the policy it runs, with
// the victim's session: here it reads the victim's page, which it could send anywhere. The
// injection is simulated by adding the script to the page on its way to the browser, headers
// untouched.
import { expect, expectAttack, test } from "../support/fixtures";

const PAYLOAD = `<script>window.stolenPage = document.body.innerText</script>`;

test.use({ expectCspViolations: true });

test("a script injected into the dashboard runs with the victim's session", async ({
  signedInPage: page,
  user,
  target,
}) => {
  await page.route("**/dashboard", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace("</body>", `${PAYLOAD}</body>`) });
  });
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name}` })).toBeVisible();
  const stolen = await page.evaluate(() => (window as { stolenPage?: string }).stolenPage ?? "");
  expectAttack(target, stolen.includes(user.accountNumber));
});

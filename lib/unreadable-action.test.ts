import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isUnreadableAction } from "./unreadable-action";

const ID = "606dafb7a9307749e60efec71b28427f448481b1b5";

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/transfers", { method: "POST", body, headers });
}

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("a server-action call React could not decode", () => {
  it("is not what Vaultline's own forms send, with JavaScript or without", async () => {
    const withState = form({ "0": '[{"status":"editing"},"$K1"]', _1_memo: "rent\nline two", _1_amount: "1.00" });
    assert.equal(await isUnreadableAction(post(withState, { "Next-Action": ID })), false);
    assert.equal(await isUnreadableAction(post(form({ "0": '["$K1"]' }), { "Next-Action": ID })), false);
    assert.equal(
      await isUnreadableAction(post('["$undefined",{"when":"$D2026-01-01"}]', { "Next-Action": ID })),
      false,
    );
    const withoutJs = form({
      $ACTION_REF_1: "",
      "$ACTION_1:0": `{"id":"${ID}","bound":"$@1"}`,
      "$ACTION_1:1": '[{"status":"editing"}]',
      $ACTION_KEY: "k0",
      memo: "rent",
    });
    assert.equal(await isUnreadableAction(post(withoutJs)), false);
    assert.equal(await isUnreadableAction(post(form({ [`$ACTION_ID_${ID}`]: "", userId: "u1" }))), false);
  });

  it("is anything else: not JSON, arguments that are not a list, a reference to a missing row, deep nesting, tags the forms never send", async () => {
    for (const body of [
      '""',
      '{"0":"$K1"}',
      "rent\n[error] forged",
      '["$@1","$K9"]',
      `${"[".repeat(5000)}${"]".repeat(5000)}`,
      '["$h1"]',
    ]) {
      assert.equal(await isUnreadableAction(post(body, { "Next-Action": ID })), true, body.slice(0, 20));
    }
    assert.equal(await isUnreadableAction(post(form({ _1_memo: "no row 0" }), { "Next-Action": ID })), true);
    assert.equal(await isUnreadableAction(post(form({ "0": new Blob(["[]"]) }), { "Next-Action": ID })), true);
    assert.equal(await isUnreadableAction(post(form({ "0": '["$@0"]' }), { "Next-Action": ID })), true);
    assert.equal(await isUnreadableAction(post(form({ $ACTION_ID_abc: "" }))), true);
    assert.equal(await isUnreadableAction(post(form({ $ACTION_REF_1: "", "$ACTION_1:0": "{oops" }))), true);
  });

  it("names an action by Next's ID shape only: 42 hex digits", async () => {
    for (const id of ["abc", "", `${ID}0`, ID.toUpperCase(), `${ID.slice(2)}zz`]) {
      assert.equal(await isUnreadableAction(post("[]", { "Next-Action": id })), true, JSON.stringify(id));
    }
  });

  it("leaves alone what Next never decodes", async () => {
    assert.equal(await isUnreadableAction(new Request("http://localhost/transfers")), false);
    const urlEncoded = { "Content-Type": "application/x-www-form-urlencoded" };
    assert.equal(await isUnreadableAction(post("a=1", urlEncoded)), false);
    assert.equal(await isUnreadableAction(post("a=1", { ...urlEncoded, "Next-Action": ID })), false);
    assert.equal(await isUnreadableAction(post(form({ note: "a form with no action in it" }))), false);
  });
});

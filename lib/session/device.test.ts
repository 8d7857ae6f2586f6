// Devices in words: a browser and a system, or a program's name, never the header itself.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { describeDevice } from "./device";

const CHROME_LINUX =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.129 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const EDGE_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0";

describe("describeDevice", () => {
  it("names the browser and the system", () => {
    assert.equal(describeDevice(CHROME_LINUX, "web"), "Chrome on Linux");
    assert.equal(describeDevice(SAFARI_IPHONE, "web"), "Safari on iOS");
    assert.equal(describeDevice(EDGE_WINDOWS, "web"), "Microsoft Edge on Windows");
  });

  it("names a program by its product name, and an API client as one", () => {
    assert.equal(describeDevice("curl/8.5.0", "api"), "API client (curl)");
    assert.equal(describeDevice("python-requests/2.32.3", "web"), "python-requests");
  });

  it("shows nothing of a header it cannot read", () => {
    for (const header of [null, "", "   ", "<script>alert(1)</script>", "a\u0000b", "x".repeat(10_000)]) {
      assert.equal(describeDevice(header, "web"), "Unknown device", JSON.stringify(header?.slice(0, 20)));
    }
  });
});

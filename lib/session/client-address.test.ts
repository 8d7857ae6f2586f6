import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  clientAddress,
  normaliseAddress,
  PEER_ADDRESS_HEADER,
  PEER_KEY_HEADER,
  stampedPeerAddress,
} from "./client-address";

const HUGE = "9".repeat(8 * 1024);
const LONGEST_IPV6 = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

describe("normaliseAddress", () => {
  const cases: [string | null | undefined, string | null][] = [
    ["203.0.113.7", "203.0.113.7"],
    ["  203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:8080", "203.0.113.7"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:7F00:1", "127.0.0.1"],
    ["0:0:0:0:0:ffff:203.0.113.7", "203.0.113.7"],
    ["::1", "::1"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["fe80::1%eth0", "fe80::1"],
    [`fe80::1%${"x".repeat(200)}`, null],
    [LONGEST_IPV6, LONGEST_IPV6],
    [HUGE, null],
    [`203.0.113.7${" ".repeat(100)}`, "203.0.113.7"],
    ["unknown", null],
    ["", null],
    [null, null],
    [undefined, null],
    ["1.2.3", null],
    ["01.2.3.4", null],
    ["256.1.1.1", null],
    ["1.2.3.4:99999999", null],
    ["1.2.3.4 5.6.7.8", null],
    ["<script>alert(1)</script>", null],
    ["example.com", null],
    ["[::1", null],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw?.slice(0, 40))} → ${expected}`, () => {
      assert.equal(normaliseAddress(raw), expected);
    });
  }

  it("never returns anything longer than an IPv6 address", () => {
    for (const [raw] of cases) assert.ok((normaliseAddress(raw) ?? "").length <= LONGEST_IPV6.length);
  });
});

describe("clientAddress", () => {
  const cases: {
    name: string;
    peer: string | null;
    forwardedFor: string | null;
    trustedProxies: number;
    expected: string | null;
  }[] = [
    // Directly exposed (the default): the socket decides, whatever the client writes.
    {
      name: "direct: no header",
      peer: "::ffff:198.51.100.9",
      forwardedFor: null,
      trustedProxies: 0,
      expected: "198.51.100.9",
    },
    {
      name: "direct: a forged header is ignored",
      peer: "198.51.100.9",
      forwardedFor: "203.0.113.7",
      trustedProxies: 0,
      expected: "198.51.100.9",
    },
    {
      name: "direct: a forged chain is ignored",
      peer: "198.51.100.9",
      forwardedFor: "1.1.1.1, 2.2.2.2",
      trustedProxies: 0,
      expected: "198.51.100.9",
    },
    { name: "direct: 8 KB of header is ignored", peer: "::1", forwardedFor: HUGE, trustedProxies: 0, expected: "::1" },
    {
      name: "direct: an unusable peer is unknown",
      peer: null,
      forwardedFor: "203.0.113.7",
      trustedProxies: 0,
      expected: null,
    },
    // One proxy: it appended what it saw; the client wrote everything to the left.
    {
      name: "1 proxy: its entry",
      peer: "10.0.0.2",
      forwardedFor: "203.0.113.7",
      trustedProxies: 1,
      expected: "203.0.113.7",
    },
    {
      name: "1 proxy: entries the client prepended are ignored",
      peer: "10.0.0.2",
      forwardedFor: "6.6.6.6, 7.7.7.7, 203.0.113.7",
      trustedProxies: 1,
      expected: "203.0.113.7",
    },
    {
      name: "1 proxy: spaces around entries",
      peer: "10.0.0.2",
      forwardedFor: " 6.6.6.6 ,203.0.113.7 ",
      trustedProxies: 1,
      expected: "203.0.113.7",
    },
    {
      name: "1 proxy: an entry with a port",
      peer: "10.0.0.2",
      forwardedFor: "203.0.113.7:51234",
      trustedProxies: 1,
      expected: "203.0.113.7",
    },
    {
      name: "1 proxy: IPv6",
      peer: "10.0.0.2",
      forwardedFor: "6.6.6.6, 2001:DB8::7",
      trustedProxies: 1,
      expected: "2001:db8::7",
    },
    {
      name: "1 proxy: a mapped IPv4 entry",
      peer: "10.0.0.2",
      forwardedFor: "::ffff:203.0.113.7",
      trustedProxies: 1,
      expected: "203.0.113.7",
    },
    {
      name: "1 proxy: 8 KB prepended by the client is ignored",
      peer: "10.0.0.2",
      forwardedFor: `${HUGE}, 203.0.113.7`,
      trustedProxies: 1,
      expected: "203.0.113.7",
    },
    {
      name: "1 proxy: no header (the peer came straight in)",
      peer: "10.0.0.2",
      forwardedFor: null,
      trustedProxies: 1,
      expected: "10.0.0.2",
    },
    { name: "1 proxy: an empty header", peer: "10.0.0.2", forwardedFor: " ", trustedProxies: 1, expected: "10.0.0.2" },
    {
      name: "1 proxy: garbage in its entry falls back to the peer",
      peer: "10.0.0.2",
      forwardedFor: "6.6.6.6, unknown",
      trustedProxies: 1,
      expected: "10.0.0.2",
    },
    {
      name: "1 proxy: an empty last entry falls back to the peer",
      peer: "10.0.0.2",
      forwardedFor: "6.6.6.6,",
      trustedProxies: 1,
      expected: "10.0.0.2",
    },
    {
      name: "1 proxy: 8 KB as its entry falls back to the peer",
      peer: "10.0.0.2",
      forwardedFor: HUGE,
      trustedProxies: 1,
      expected: "10.0.0.2",
    },
    // Two proxies: the entry the outer one wrote, second from the right.
    {
      name: "2 proxies: what the outer proxy saw",
      peer: "10.0.0.2",
      forwardedFor: "6.6.6.6, 203.0.113.7, 10.0.0.1",
      trustedProxies: 2,
      expected: "203.0.113.7",
    },
    {
      name: "2 proxies: exactly two entries",
      peer: "10.0.0.2",
      forwardedFor: "203.0.113.7, 10.0.0.1",
      trustedProxies: 2,
      expected: "203.0.113.7",
    },
    {
      name: "2 proxies, one entry: only the nearest proxy's entry is trusted",
      peer: "10.0.0.2",
      forwardedFor: "10.0.0.1",
      trustedProxies: 2,
      expected: "10.0.0.1",
    },
    {
      name: "3 proxies, two entries: the leftmost is not trusted",
      peer: "10.0.0.2",
      forwardedFor: "6.6.6.6, 10.0.0.1",
      trustedProxies: 3,
      expected: "10.0.0.1",
    },
    { name: "2 proxies: no header", peer: "10.0.0.2", forwardedFor: null, trustedProxies: 2, expected: "10.0.0.2" },
  ];
  for (const { name, expected, ...sources } of cases) {
    it(name, () => {
      assert.equal(clientAddress(sources), expected);
    });
  }
});

describe("stampedPeerAddress", () => {
  const KEY = "this-process-key";
  const stamped = (key: string | null) =>
    new Headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", ...(key === null ? {} : { [PEER_KEY_HEADER]: key }) });

  it("believes the header only with this process's key", () => {
    assert.equal(stampedPeerAddress(stamped(KEY), KEY), "203.0.113.7");
    assert.equal(stampedPeerAddress(stamped("guessed"), KEY), null);
    assert.equal(stampedPeerAddress(stamped(`${KEY}x`), KEY), null);
    assert.equal(stampedPeerAddress(stamped(null), KEY), null);
  });

  it("believes nothing in a process server.mjs did not start (no key)", () => {
    assert.equal(stampedPeerAddress(stamped(""), undefined), null);
    assert.equal(stampedPeerAddress(stamped(""), ""), null);
    assert.equal(stampedPeerAddress(stamped("anything"), undefined), null);
  });
});

// A readable name for the device behind a user agent ("Chrome on Linux", "Safari on iOS"), for
// the sessions page, the security events and the admin panel, so nobody reads a raw user-agent
// string. Bowser (MIT, maintained) knows the browsers and systems; the header is the client's
// own text, so only its first characters are parsed and only the names found are shown.
import Bowser from "bowser";
import { EVENT_FIELD_LIMITS } from "./policy";

// A program's own product token ("curl/8.5.0", "python-requests/2.32"): its name alone.
const PRODUCT_NAME = /^([A-Za-z][A-Za-z0-9_.-]{0,30})\//;

function deviceName(userAgent: string): string {
  const header = userAgent.slice(0, EVENT_FIELD_LIMITS.userAgentChars);
  if (header.trim() === "") return "Unknown device";
  const { browser, os } = Bowser.parse(header);
  if (browser.name && os.name) return `${browser.name} on ${os.name}`;
  return browser.name || os.name || PRODUCT_NAME.exec(header)?.[1] || "Unknown device";
}

export function describeDevice(userAgent: string | null, clientType: string): string {
  const name = deviceName(userAgent ?? "");
  return clientType === "api" ? `API client (${name})` : name;
}

// The Next-Router-State-Tree header: the client router's picture of the page it is leaving,
// sent with every client-side navigation and prefetch. Next.js parses it (percent-encoded JSON)
// and answers one that does not fit its schema with a 500 ("The router state header was sent but
// could not be parsed"), logged. Next hides this header from proxy.ts, so server.mjs (the front
// door) refuses a bad one with a 400 first. Plain JavaScript for server.mjs; the checks mirror
// Next's own (parse-and-validate-flight-router-state.ts and its schema in types.ts).

// Next's own limit: about 2,000 route segments.
const MAX_HEADER_LENGTH = 40_000;

// Vaultline's routes are a handful of segments deep; a tree far deeper is no browser's, and
// Next's recursive validator could run out of stack on it.
const MAX_TREE_DEPTH = 64;

const DYNAMIC_PARAM_TYPES = [
  "c",
  "ci(..)(..)",
  "ci(.)",
  "ci(..)",
  "ci(...)",
  "oc",
  "d",
  "di(..)(..)",
  "di(.)",
  "di(..)",
  "di(...)",
];
const REFRESH_MARKERS = ["refetch", "inside-shared-layout", "metadata-only"];

export const UNREADABLE_ROUTER_STATE_MESSAGE = "This navigation request could not be read. Reload the page.";

/** True when the header is there and Next could not parse it. */
export function isUnreadableRouterState(header) {
  if (header === undefined) return false;
  if (typeof header !== "string" || header.length > MAX_HEADER_LENGTH) return true;
  try {
    return !isRouterState(JSON.parse(decodeURIComponent(header)), 0);
  } catch {
    return true;
  }
}

/** [segment, children, url?, refresh?, prefetch?, extra?], each child a tree again. */
function isRouterState(value, depth) {
  if (!Array.isArray(value) || value.length < 2 || value.length > 6 || depth > MAX_TREE_DEPTH) return false;
  const [segment, children, url, refresh, prefetch, extra] = value;
  return (
    isSegment(segment) &&
    typeof children === "object" &&
    children !== null &&
    Object.values(children).every((child) => isRouterState(child, depth + 1)) &&
    (url == null || (isStringArray(url) && url.length === 2)) &&
    (refresh == null || REFRESH_MARKERS.includes(refresh)) &&
    (prefetch == null || (typeof prefetch === "number" && !Number.isNaN(prefetch))) &&
    (extra === undefined || typeof extra === "string")
  );
}

/** A static segment, or [param name, cache key, param type, static siblings or null]. */
function isSegment(value) {
  if (typeof value === "string") return true;
  if (!Array.isArray(value) || value.length !== 4) return false;
  const [name, key, type, siblings] = value;
  return (
    typeof name === "string" &&
    typeof key === "string" &&
    DYNAMIC_PARAM_TYPES.includes(type) &&
    (siblings === null || isStringArray(siblings))
  );
}

function isStringArray(value) {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

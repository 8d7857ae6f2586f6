// The path that follows sign-in (`/signin?next=…`). Only a path on this app's own origin may
// follow: an open redirect lets a phishing mail start on the genuine sign-in page and end on a
// look-alike. String checks lose to URL parsers (browsers drop tabs and newlines, read `\` as
// `/`, resolve dot segments), so the decision is made by the WHATWG URL parser itself.
import { appOrigin } from "@/lib/env";
import { flawOn } from "@/lib/lab/flaws";

const FALLBACK = "/dashboard";

// C0 controls, DEL and C1 controls: no legitimate path carries them, and parsers differ on them
// (the URL parser strips tab, LF and CR, so `/\t/evil.example` is `//evil.example`).
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** A same-origin path (with its query and fragment) for `value`, or the dashboard. */
export function safeNextPath(value: unknown, origin: string = appOrigin()): string {
  if (typeof value !== "string") return FALLBACK;
  // LAB FLAW open-redirect: whatever `next` says is followed, another site included.
  if (flawOn("open-redirect") && value !== "") return value;
  const home = new URL(origin);
  // Checked once decoded too, so a later decoding step (a proxy, a framework) cannot turn
  // `/%2F/evil.example` or `/%09/evil.example` into a way out.
  const decoded = decodeOnce(value);
  if (decoded === null || !isOwnPath(value, home) || !isOwnPath(decoded, home)) return FALLBACK;
  const url = new URL(value, home);
  const normalized = url.pathname + url.search + url.hash;
  // Normalizing can itself produce a way out: `/.//evil.example` resolves to `//evil.example`.
  return isOwnPath(normalized, home) ? normalized : FALLBACK;
}

/** A path (not a URL) without control characters that stays on `home`'s origin when followed. */
function isOwnPath(candidate: string, home: URL): boolean {
  if (!candidate.startsWith("/") || CONTROL_CHARACTERS.test(candidate)) return false;
  try {
    return new URL(candidate, home).origin === home.origin;
  } catch {
    return false;
  }
}

function decodeOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

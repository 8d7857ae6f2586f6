// The attacker's inbox for the lab console to poll: same-origin, as its CSP requires. Lab only,
// and only for a browser given the lab's key (proxy.ts refuses the others first).
import { labRoute } from "@/lib/lab/guard";
import { readInbox } from "@/lib/lab/inbox";

export const GET = labRoute(async () => Response.json(await readInbox()));

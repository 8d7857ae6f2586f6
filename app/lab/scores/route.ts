// The score board for the lab console to poll: every flaw's switch and what the last attack on
// it did. Same-origin, as the console's CSP requires; lab only, and only for a browser given the
// lab's key (proxy.ts refuses the others first).
import { labRoute } from "@/lib/lab/guard";
import { scoreBoard } from "@/lib/lab/outcomes";

export const GET = labRoute(async () => Response.json(await scoreBoard()));

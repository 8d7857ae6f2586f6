// The attacker's inbox for the lab console to poll: same-origin, as its CSP requires. Lab only,
// and only for a browser given the lab's key (proxy.ts refuses the others first).
import { NO_LAB_KEY_MESSAGE } from "@/lib/lab/access";
import { hasLabKey } from "@/lib/lab/guard";
import { readInbox } from "@/lib/lab/inbox";

export async function GET() {
  if (!(await hasLabKey()))
    return new Response(NO_LAB_KEY_MESSAGE, {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  return Response.json(await readInbox());
}

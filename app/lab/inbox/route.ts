// The attacker's inbox for the lab console to poll: same-origin, as its CSP requires. Lab only.
import { requireLabMode } from "@/lib/lab/guard";
import { readInbox } from "@/lib/lab/inbox";

export async function GET() {
  requireLabMode();
  return Response.json(await readInbox());
}

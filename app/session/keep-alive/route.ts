// "Stay signed in": a deliberate POST from the user, which counts as activity on the server.
import { sessionForRoute } from "@/lib/session/guard";
import { badTier, statusAnswer, tierParam } from "@/lib/session/route-answers";

export async function POST(request: Request) {
  const tier = tierParam(request);
  if (!tier) return badTier();
  return statusAnswer(await sessionForRoute(tier, { activity: true }), tier);
}

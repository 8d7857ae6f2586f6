// "Stay signed in": a deliberate POST from the user, which counts as activity on the server.
import { answeringOutage } from "@/lib/outage";
import { sessionForRoute } from "@/lib/session/guard";
import { badTier, statusAnswer, tierParam } from "@/lib/session/route-answers";

export const POST = answeringOutage(async (request: Request) => {
  const tier = tierParam(request);
  if (!tier) return badTier();
  return statusAnswer(await sessionForRoute(tier, { activity: true }), tier);
});

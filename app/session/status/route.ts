// The timeout warning's poll: reports the deadlines and never extends the session (a tab left
// open must not keep it alive).
import { answeringOutage } from "@/lib/outage";
import { sessionForRoute } from "@/lib/session/guard";
import { badTier, statusAnswer, tierParam } from "@/lib/session/route-answers";

export const GET = answeringOutage(async (request: Request) => {
  const tier = tierParam(request);
  if (!tier) return badTier();
  return statusAnswer(await sessionForRoute(tier, { activity: false }), tier);
});

// POST /api/v1/sessions/current/step-up: the password again, for transfers. Success answers
// with a NEW token; the one presented here is dead from this moment, and presenting it again
// later is treated as theft (the whole sign-in ends).
import { stepUpAnswer } from "@/lib/api/answers";
import { apiRoute, readJson } from "@/lib/api/handler";
import { passwordBody } from "@/lib/api/schemas";
import { stepUp } from "@/lib/session/step-up";

export const POST = apiRoute({ tier: "high" }, async (request, session) => {
  const body = await readJson(request, passwordBody, "password");
  if (!body.ok) return body.response;
  return stepUpAnswer(await stepUp(session, body.data.password));
});

// POST /api/v1/sessions: sign in from a mobile client. The same credential check and attempt
// limits as the web form; the answer carries an opaque bearer token for a session in the same
// store, under the same policy (docs/api.md).
import { tokenAnswer } from "@/lib/api/answers";
import { apiError, throttled } from "@/lib/api/errors";
import { publicApiRoute, readJson } from "@/lib/api/handler";
import { credentialsBody } from "@/lib/api/schemas";
import { verifyCredentials } from "@/lib/auth/credentials";
import { startApiSession } from "@/lib/session/lifecycle";

export const POST = publicApiRoute(async (request) => {
  const body = await readJson(request, credentialsBody, "credentials");
  if (!body.ok) return body.response;
  const result = await verifyCredentials(body.data);
  if (!result.ok)
    return result.reason === "throttled" ? throttled(result.retryAfterSeconds) : apiError("invalid_credentials");
  const { token, session } = await startApiSession(result.user);
  return tokenAnswer(token, session, 201);
});

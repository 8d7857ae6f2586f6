// next-auth serves only what the sign-in form uses: its CSRF token and the Credentials callback
// (lib/auth/options.ts). Its other routes would contradict the session store (its sign-out
// reports success while the Vaultline session lives on; its session route knows nothing of
// ours), so they do not exist: a 404, exactly like any unknown path of the API. Input next-auth would
// answer with a 500 never reaches it (lib/auth/next-auth-input.ts).
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { apiError } from "@/lib/api/errors";
import { dropUnusableCallbackCookie, refuseNextAuthInput } from "@/lib/auth/next-auth-input";
import { authOptions } from "@/lib/auth/options";
import { appOrigin } from "@/lib/env";
import { publicRoute } from "@/lib/session/guard";

const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/** Method and path segments below /api/auth of each route the app uses. */
const USED_ROUTES = [
  { method: "GET", path: ["csrf"] },
  { method: "POST", path: ["callback", "credentials"] },
];

function isUsed(method: string, path: string[]): boolean {
  return USED_ROUTES.some(
    (route) =>
      route.method === method &&
      route.path.length === path.length &&
      route.path.every((segment, i) => segment === path[i]),
  );
}

// Open to anyone: it is the sign-in form's own endpoint.
const handler = publicRoute(async (request: NextRequest, context: Context): Promise<Response> => {
  const { nextauth } = await context.params;
  if (!isUsed(request.method, nextauth)) return apiError("not_found");
  const refused = refuseNextAuthInput(request);
  if (refused) return refused;
  await dropUnusableCallbackCookie(appOrigin());
  return nextAuth(request, context);
});

export { handler as GET, handler as POST };

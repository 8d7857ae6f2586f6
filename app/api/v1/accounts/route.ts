// GET /api/v1/accounts: the signed-in customer's accounts and balances (medium tier).
import { accountsAnswer } from "@/lib/api/answers";
import { sessionRefused } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";
import { listAccounts } from "@/lib/bank/accounts";
import { sessionForApi } from "@/lib/session/bearer";

export const GET = apiRoute(async (request) => {
  const auth = await sessionForApi(request, "medium", { activity: true });
  if (!auth.ok) return sessionRefused(auth.reason);
  return accountsAnswer(await listAccounts(auth.session.userId));
});

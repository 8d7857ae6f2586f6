// GET /api/v1/accounts: the signed-in customer's accounts and balances (medium tier).
import { accountsAnswer } from "@/lib/api/answers";
import { apiRoute } from "@/lib/api/handler";
import { listAccounts } from "@/lib/bank/accounts";

export const GET = apiRoute({ tier: "medium" }, async (_request, session) =>
  accountsAnswer(await listAccounts(session.userId)),
);

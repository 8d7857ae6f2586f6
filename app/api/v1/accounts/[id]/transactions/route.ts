// GET /api/v1/accounts/{id}/transactions?limit=&cursor=: one page of the history, newest first
// (medium tier). Another customer's account answers 404, exactly like one that does not exist.
import { transactionsAnswer } from "@/lib/api/answers";
import { apiError, BAD_REQUEST_HINTS } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/handler";
import { pageQuery } from "@/lib/api/schemas";
import { pageOfTransactions } from "@/lib/bank/transactions-page";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>({ tier: "medium" }, async (request, session, { params }) => {
  const query = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return apiError("bad_request", BAD_REQUEST_HINTS.page);
  const page = await pageOfTransactions(session.userId, (await params).id, query.data);
  if (!page.ok)
    return page.reason === "not_found" ? apiError("not_found") : apiError("bad_request", BAD_REQUEST_HINTS.cursor);
  return transactionsAnswer(page.entries, page.nextCursor);
});

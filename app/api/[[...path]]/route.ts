// Any other path under /api (/api itself, /api/v1, an endpoint that does not exist) answers in
// the API's own error shape rather than with the HTML 404 page.
import { apiError } from "@/lib/api/errors";
import { publicApiRoute } from "@/lib/api/handler";

const notFound = publicApiRoute(async () => apiError("not_found"));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };

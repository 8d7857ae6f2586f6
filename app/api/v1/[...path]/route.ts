// Any other /api/v1 path answers in the API's own error shape rather than with an HTML page.
import { apiError } from "@/lib/api/errors";
import { publicApiRoute } from "@/lib/api/handler";

const notFound = publicApiRoute(async () => apiError("not_found"));

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };

// A POST that says it carries a multipart form but cannot be read as one: no boundary, a
// boundary that is not valid or not in the body, a truncated body. Next.js reads every multipart
// POST to a page as a possible server action and answers such a body with a 500 ("Failed to
// parse body as FormData"), before any of our code runs; proxy.ts refuses it with a 400 first.
import "server-only";

export const UNREADABLE_FORM_MESSAGE = "This form could not be read. Reload the page and try again.";

export async function isUnreadableForm(request: Request): Promise<boolean> {
  const contentType = request.headers.get("content-type") ?? "";
  if (request.method !== "POST" || !/^multipart\/form-data\b/i.test(contentType)) return false;
  try {
    await request.clone().formData();
    return false;
  } catch {
    return true;
  }
}

"use server";

import { redirect } from "next/navigation";
import { submittedForm } from "@/lib/form-data";
import { requireFreshAuth, requireSession } from "@/lib/session/guard";
import { revokeOtherSessions, revokeSession } from "@/lib/session/revoke";

export type EndSessionsState = { status: "idle" } | { status: "step-up"; message?: string };

/** Ending sessions needs a fresh step-up (ASVS 5.0 7.5.2): a thief must not lock the owner out. */
export async function endSessions(_previous: EndSessionsState, submitted: FormData): Promise<EndSessionsState> {
  const session = await requireSession("high");
  const form = submittedForm(submitted);
  const target = String(form.get("target") ?? "");
  const fresh = await requireFreshAuth(session, form);
  if (!fresh.ok) return { status: "step-up", message: fresh.message };

  const ended =
    target === "others"
      ? await revokeOtherSessions(fresh.session)
      : Number(target !== fresh.session.id && (await revokeSession(session.userId, target, "revoked")));
  redirect(`/security/sessions?ended=${ended}`);
}

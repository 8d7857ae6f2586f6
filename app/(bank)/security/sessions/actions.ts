"use server";

import { redirect } from "next/navigation";
import { protectedAction } from "@/lib/session/guard";
import { revokeOtherSessions, revokeSession } from "@/lib/session/revoke";

export type EndSessionsState = { status: "idle" } | { status: "step-up"; message?: string };

/** Ending sessions needs a fresh step-up (ASVS 5.0 7.5.2): a thief must not lock the owner out. */
export const endSessions = protectedAction(
  {
    tier: "high",
    fresh: true,
    passwordNeeded: (message): EndSessionsState => ({ status: "step-up", message }),
  },
  async (session, form): Promise<EndSessionsState> => {
    const target = String(form.get("target") ?? "");
    const ended =
      target === "others"
        ? await revokeOtherSessions(session)
        : Number(target !== session.id && (await revokeSession(session.userId, target, "revoked")));
    redirect(`/security/sessions?ended=${ended}`);
  },
);

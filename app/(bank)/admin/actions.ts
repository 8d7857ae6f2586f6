"use server";

import { redirect } from "next/navigation";
import { disableUser, unlockUser } from "@/lib/admin/directory";
import { elevateToAdmin, setSingleSessionMode, SINGLE_SESSION_MODES } from "@/lib/session/admin";
import { protectedAction } from "@/lib/session/guard";
import { revokeSession, revokeUserSessions } from "@/lib/session/revoke";

export type EnterState = { message?: string; needsPassword: boolean };

const timeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });

/** Entering the panel: fresh step-up, then the single-session rule, then a new session ID. */
export const enterAdminPanel = protectedAction(
  {
    tier: "high",
    role: "admin",
    fresh: true,
    passwordNeeded: (message): EnterState => ({ needsPassword: true, message }),
  },
  async (session): Promise<EnterState> => {
    const elevation = await elevateToAdmin(session);
    if (elevation.ok) redirect("/admin");
    if (elevation.reason === "ended") redirect("/signin?reason=ended");
    const { device, ip, since } = elevation.other;
    return {
      needsPassword: false,
      message: `The admin panel is already open in another session: ${device} at ${ip ?? "an unknown address"}, since ${timeFormat.format(since)}. Close it there first.`,
    };
  },
);

// The panel's own actions: an administrator's session that has entered the panel. Each checks it
// itself: a server action can be called whatever page its form was on.
export const endUserSession = protectedAction({ tier: "high", role: "admin", elevated: true }, async (_admin, form) => {
  await revokeSession(String(form.get("userId")), String(form.get("sessionId")), "revoked_by_admin");
  redirect("/admin");
});

export const endAllUserSessions = protectedAction(
  { tier: "high", role: "admin", elevated: true },
  async (_admin, form) => {
    await revokeUserSessions(String(form.get("userId")), "revoked_by_admin");
    redirect("/admin");
  },
);

export const disableAccount = protectedAction({ tier: "high", role: "admin", elevated: true }, async (admin, form) => {
  await disableUser(admin, String(form.get("userId")));
  redirect("/admin");
});

export const unlockUserAccount = protectedAction(
  { tier: "high", role: "admin", elevated: true },
  async (admin, form) => {
    await unlockUser(admin, String(form.get("userId")));
    redirect("/admin");
  },
);

export const changeSingleSessionMode = protectedAction(
  { tier: "high", role: "admin", elevated: true },
  async (admin, form) => {
    const mode = SINGLE_SESSION_MODES.find((m) => m === form.get("mode"));
    if (mode) await setSingleSessionMode(admin, mode);
    redirect("/admin");
  },
);

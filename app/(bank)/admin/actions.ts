"use server";

import { redirect } from "next/navigation";
import { disableUser, unlockUser } from "@/lib/admin/directory";
import { submittedForm } from "@/lib/form-data";
import { elevateToAdmin, setSingleSessionMode, SINGLE_SESSION_MODES } from "@/lib/session/admin";
import { requireAdmin, requireFreshAuth } from "@/lib/session/guard";
import { revokeSession, revokeUserSessions } from "@/lib/session/revoke";

export type EnterState = { message?: string; needsPassword: boolean };

const timeFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium" });

/** Entering the panel: fresh step-up, then the single-session rule, then a new session ID. */
export async function enterAdminPanel(_previous: EnterState, form: FormData): Promise<EnterState> {
  const session = await requireAdmin({ elevated: false });
  const fresh = await requireFreshAuth(session, submittedForm(form));
  if (!fresh.ok) return { needsPassword: true, message: fresh.message };
  const elevation = await elevateToAdmin(fresh.session);
  if (elevation.ok) redirect("/admin");
  if (elevation.reason === "ended") redirect("/signin?reason=ended");
  const { device, ip, since } = elevation.other;
  return {
    needsPassword: false,
    message: `The admin panel is already open in another session: ${device} at ${ip ?? "an unknown address"}, since ${timeFormat.format(since)}. Close it there first.`,
  };
}

export async function endUserSession(submitted: FormData): Promise<void> {
  await requireAdmin({ elevated: true });
  const form = submittedForm(submitted);
  await revokeSession(String(form.get("userId")), String(form.get("sessionId")), "revoked_by_admin");
  redirect("/admin");
}

export async function endAllUserSessions(form: FormData): Promise<void> {
  await requireAdmin({ elevated: true });
  await revokeUserSessions(String(submittedForm(form).get("userId")), "revoked_by_admin");
  redirect("/admin");
}

export async function disableAccount(form: FormData): Promise<void> {
  const admin = await requireAdmin({ elevated: true });
  await disableUser(admin, String(submittedForm(form).get("userId")));
  redirect("/admin");
}

export async function unlockUserAccount(form: FormData): Promise<void> {
  const admin = await requireAdmin({ elevated: true });
  await unlockUser(admin, String(submittedForm(form).get("userId")));
  redirect("/admin");
}

export async function changeSingleSessionMode(form: FormData): Promise<void> {
  const admin = await requireAdmin({ elevated: true });
  const mode = SINGLE_SESSION_MODES.find((m) => m === submittedForm(form).get("mode"));
  if (mode) await setSingleSessionMode(admin, mode);
  redirect("/admin");
}

"use server";

import { redirect } from "next/navigation";
import { changePassword } from "@/lib/auth/change-password";
import { newPasswordProblem } from "@/lib/auth/password-policy";
import { protectedAction } from "@/lib/session/guard";
import { attemptsLeftText, checkSessionPassword } from "@/lib/session/step-up";

export type PasswordState = { status: "editing"; message?: string } | { status: "done"; othersEnded: number };

// Not `fresh`: the form asks for the current password itself, checked below like a step-up.
export const submitPasswordChange = protectedAction({ tier: "high" }, async (session, form): Promise<PasswordState> => {
  const text = (name: string) => String(form.get(name) ?? "");
  const current = text("currentPassword");
  const next = text("newPassword");
  if (!current) return { status: "editing", message: "Enter your current password." };
  const problem =
    newPasswordProblem(next, current) ?? (next === text("confirmPassword") ? null : "The new passwords do not match.");
  if (problem) return { status: "editing", message: problem };

  // The current password is checked like a step-up: wrong entries count toward ending the session.
  const check = await checkSessionPassword(session, current);
  if (!check.ok) {
    if (check.reason !== "wrong_password") redirect(`/signin?reason=${check.reason}`);
    return {
      status: "editing",
      message: `Your current password is not right. ${attemptsLeftText(check.attemptsLeft)} left.`,
    };
  }
  return { status: "done", othersEnded: await changePassword(session, next) };
});

import { SessionChrome } from "@/components/session-chrome";
import { requireSession } from "@/lib/session/guard";
import { PasswordForm } from "./password-form";

export default async function PasswordPage() {
  const session = await requireSession("high");
  return (
    <>
      <SessionChrome session={session} />
      <h1>Change password</h1>
      <p className="muted">Changing your password signs out every other device and app that uses your account.</p>
      <PasswordForm />
    </>
  );
}

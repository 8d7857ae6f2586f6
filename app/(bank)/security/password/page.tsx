import { BankPage } from "@/components/bank-page";
import { requireSession } from "@/lib/session/guard";
import { PasswordForm } from "./password-form";

export default async function PasswordPage() {
  const session = await requireSession("high");
  return (
    <BankPage session={session}>
      <h1>Change password</h1>
      <p className="lead">Changing your password signs out every other device and app that uses your account.</p>
      <PasswordForm />
    </BankPage>
  );
}

import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { signedOutMessage } from "@/lib/session/end-reasons";
import { publicPage } from "@/lib/session/guard";
import { demoAccountsToList } from "./demo-accounts";
import { SignInForm } from "./sign-in-form";

type Search = { reason?: string; tier?: string; error?: string; next?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  publicPage();
  const { reason, tier, error, next } = await searchParams;
  const notice = signedOutMessage(reason, tier);
  return (
    <main className="signin">
      <h1>Sign in to Vaultline</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <SignInForm
        initialError={error ? signInErrorMessage(error) : null}
        next={next}
        demoAccounts={demoAccountsToList()}
      />
    </main>
  );
}

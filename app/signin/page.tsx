import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { signedOutMessage } from "@/lib/session/end-reasons";
import { publicPage } from "@/lib/session/guard";
import { Logo } from "@/components/logo";
import { demoAccountsToList } from "./demo-accounts";
import { SignInForm } from "./sign-in-form";

type Search = { reason?: string; tier?: string; error?: string; next?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  publicPage();
  const { reason, tier, error, next } = await searchParams;
  const notice = signedOutMessage(reason, tier);
  return (
    <main className="card-page">
      <p className="mb-6 flex items-center justify-center gap-2 text-xl font-bold text-slate-900">
        <Logo className="size-8" />
        Vaultline
      </p>
      <div className="card grid gap-4">
        <h1 className="text-2xl">Sign in to Vaultline</h1>
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
      </div>
    </main>
  );
}

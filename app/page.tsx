import { redirect } from "next/navigation";
import { publicPage } from "@/lib/session/guard";

// Only a redirect: the dashboard checks the session itself.
export default function Home() {
  publicPage();
  redirect("/dashboard");
}

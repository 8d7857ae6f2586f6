import { flawOn } from "@/lib/lab/flaws";

/**
 * A memo another customer typed, shown as the text it is: React escapes it, so whatever markup
 * it holds is displayed, never run, in the reader's signed-in page.
 */
export function Memo({ text }: { text: string }) {
  // LAB FLAW stored-xss: the memo goes into the page as HTML, so the sender's markup becomes
  // part of the reader's signed-in page.
  if (flawOn("stored-xss")) return <span dangerouslySetInnerHTML={{ __html: text }} />;
  return <>{text}</>;
}

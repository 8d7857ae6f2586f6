// Tabs of one browser share one session: they tell each other about activity and sign-out
// over a BroadcastChannel, so every tab's countdown moves together. One channel object per
// tab: a BroadcastChannel never hears its own messages, so a tab does not react to itself.
export type SessionMessage =
  { type: "activity"; lastActivity: number } | { type: "signed-out"; reason: "signed_out" | "idle" };

let channel: BroadcastChannel | undefined;

function tabChannel(): BroadcastChannel {
  channel ??= new BroadcastChannel("vaultline-session");
  return channel;
}

export function announce(message: SessionMessage): void {
  tabChannel().postMessage(message);
}

/** Subscribes to the other tabs' messages; returns the unsubscribe function. */
export function listen(onMessage: (message: SessionMessage) => void): () => void {
  const handler = (event: MessageEvent<SessionMessage>) => onMessage(event.data);
  tabChannel().addEventListener("message", handler);
  return () => tabChannel().removeEventListener("message", handler);
}

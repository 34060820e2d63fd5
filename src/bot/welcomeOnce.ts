/**
 * Remembers, for a few minutes, the conversations just welcomed: Teams sends both an
 * installationUpdate and a conversationUpdate for one install, and a person should get one
 * welcome card, not two. Bounded so it cannot grow without limit; losing it on restart is harmless.
 */
export class WelcomeOnce {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time a conversation is seen within the window. */
  first(conversationId: string): boolean {
    const now = this.now();
    const last = this.seen.get(conversationId);
    if (last !== undefined && now - last < this.windowMs) return false;
    this.seen.delete(conversationId);
    this.seen.set(conversationId, now);
    if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}

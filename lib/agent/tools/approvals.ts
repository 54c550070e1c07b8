/**
 * Commands waiting for the owner's approval (tools.exec = ask), one per
 * session: the newest request replaces an older one. They live in memory
 * only — a gateway restart drops them, which errs on the side of not running.
 */
export class PendingApprovals {
  #pending = new Map<string, string>();

  hold(agentId: string, sessionKey: string, command: string): void {
    this.#pending.set(`${agentId}\u0000${sessionKey}`, command);
  }

  take(agentId: string, sessionKey: string): string | undefined {
    const key = `${agentId}\u0000${sessionKey}`;
    const command = this.#pending.get(key);
    this.#pending.delete(key);
    return command;
  }
}

export type ApprovalCommand = "approve" | "deny";

export function approvalCommand(message: string): ApprovalCommand | undefined {
  const m = /^\/(approve|deny)(@\S+)?$/i.exec(message.trim());
  return m ? (m[1].toLowerCase() as ApprovalCommand) : undefined;
}

/**
 * A tool as the agent defines it, independent of the model library: a name,
 * what it is for, a JSON schema of its arguments, and what it does. The
 * library adapter (lib/agent/model-call.ts) hands these to the model; the
 * tools themselves never load the library.
 */
export interface AgentTool {
  name: string;
  description: string;
  /** JSON Schema (an object schema) of the arguments. */
  parameters: Record<string, unknown>;
  /** The text the model gets back. A refusal is an answer, not a throw. */
  execute(args: Record<string, unknown>, signal?: AbortSignal): Promise<string>;
}

/** An argument the model must give as a string. */
export function stringArg(args: Record<string, unknown>, name: string): string {
  const v = args[name];
  if (typeof v !== "string") throw new ToolInputError(`"${name}" must be a string.`);
  return v;
}

/** The model sent arguments the tool cannot use; the message goes back to it. */
export class ToolInputError extends Error {}

/**
 * The system prompt: a short frame, then the workspace's persona files as
 * they are on disk now (the agent and its owner edit them between turns).
 * BOOTSTRAP.md is included only while it exists: its presence is the
 * first-run ritual, and the agent ends the ritual by deleting it.
 */
import { BOOTSTRAP_FILE } from "../workspace/templates.ts";
import { readTextIfExists } from "../platform/files.ts";

/** In this order: how to work, who to be, who you are, who you help, local notes. */
export const PERSONA_FILES = ["AGENTS.md", "SOUL.md", "IDENTITY.md", "USER.md", "TOOLS.md"];

/** One persona file larger than this is cut: a runaway file must not eat the context. */
export const MAX_PERSONA_FILE_CHARS = 20_000;

export interface PromptInput {
  workspace: string;
  /** The tools this turn offers, by name, so the frame can say what is possible. */
  toolNames: string[];
  now: Date;
}

export async function buildSystemPrompt(input: PromptInput): Promise<string> {
  const parts = [frame(input)];
  for (const name of PERSONA_FILES) {
    const text = await readPersonaFile(input.workspace, name);
    if (text !== undefined) parts.push(section(name, text));
  }
  const bootstrap = await readPersonaFile(input.workspace, BOOTSTRAP_FILE);
  if (bootstrap !== undefined) {
    parts.push(
      section(BOOTSTRAP_FILE, bootstrap) +
        `\n\nThe first run is not over while ${BOOTSTRAP_FILE} exists. When the ritual is ` +
        `done (IDENTITY.md and USER.md filled in), remove it with the delete_file tool.`,
    );
  }
  return parts.join("\n\n");
}

function frame(input: PromptInput): string {
  const tools = input.toolNames.length > 0
    ? `Your tools: ${input.toolNames.join(", ")}. File paths are relative to the workspace; ` +
      "nothing outside it can be read or written."
    : "You have no tools in this conversation.";
  return [
    "You are a personal assistant running inside openclaw, answering your human through a chat.",
    `Your workspace is a folder of plain-text files; the ones below are its persona files. ${tools}`,
    `The time is ${input.now.toISOString()}.`,
  ].join("\n");
}

function section(name: string, text: string): string {
  return `## ${name}\n\n${text.trim()}`;
}

async function readPersonaFile(workspace: string, name: string): Promise<string | undefined> {
  let text: string | undefined;
  try {
    text = await readTextIfExists(`${workspace}/${name}`);
  } catch {
    return undefined; // unreadable: the turn goes on without it
  }
  if (text === undefined || text.trim() === "") return undefined;
  return text.length > MAX_PERSONA_FILE_CHARS
    ? `${
      text.slice(0, MAX_PERSONA_FILE_CHARS)
    }\n[… cut: the file is longer than ${MAX_PERSONA_FILE_CHARS} characters]`
    : text;
}

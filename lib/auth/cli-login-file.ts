/**
 * Another tool's login file (Claude Code's .credentials.json, the Codex CLI's
 * auth.json). Reading it and parsing its JSON fail in the same ways for every
 * tool; each way becomes a CredentialUnavailableError that says what was looked
 * at and how to fix it, so the wizard can offer the other choices.
 */
import { CredentialUnavailableError } from "./reuse-errors.ts";

/** How to speak of one tool's login in those errors. */
export interface CliLogin {
  /** What the file is missing as: "Claude Code login". */
  missingName: string;
  /** The fix when it is missing: log in with the tool, or pick another method. */
  missingFix: string;
  /** What cannot be reused when the JSON is broken: "Codex login". */
  invalidName: string;
  /** The fix when the JSON is broken. */
  invalidFix: string;
}

export async function readCliLoginFile(path: string, login: CliLogin): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new CredentialUnavailableError(
        `No ${login.missingName} found (${path} does not exist).\n${login.missingFix}`,
      );
    }
    throw new CredentialUnavailableError(
      `${path} exists but cannot be read (${(err as Error).message}).\n` +
        "Check its permissions, or choose another method.",
    );
  }
}

/**
 * A credential read from a login file: the parsed credential and the path it
 * came from (shown as "from …").
 */
export async function credentialFromFile<C>(
  path: string,
  login: CliLogin,
  parse: (text: string, where: string) => C,
): Promise<{ credential: C; from: string }> {
  return { credential: parse(await readCliLoginFile(path, login), path), from: path };
}

/** `where` names the source in the error: a path, or "the Keychain item". */
export function parseCliLoginJson(text: string, where: string, login: CliLogin): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new CredentialUnavailableError(
      `${where} is not valid JSON, so the ${login.invalidName} cannot be reused.\n` +
        login.invalidFix,
    );
  }
}

/**
 * Reading openclaw.json. Its own module so that a run without a config (a first run) never
 * loads the JSONC parser: lib/config/store.ts is imported only when there is text to parse.
 */
import type { ConfigFile } from "./store.ts";
import { readTextIfExists } from "../platform/files.ts";

export async function readConfigFile(path: string): Promise<ConfigFile> {
  const text = await readTextIfExists(path);
  if (text === undefined) return { path, exists: false, text: "", data: {}, syntaxErrors: [] };
  const { parseConfigText } = await import("./store.ts");
  return { path, exists: true, text, ...parseConfigText(text) };
}

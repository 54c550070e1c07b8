/**
 * The workspace file tools: read, write, edit, list and delete, each confined
 * to the workspace (workspace.ts). delete_file is how the agent ends the
 * first-run ritual (it removes BOOTSTRAP.md); it removes files only, never
 * folders.
 */
import { ensureDir, writeFileAtomic } from "../../platform/files.ts";
import { dirname } from "../../config/paths.ts";
import { WORKSPACE_DIR_MODE, WORKSPACE_FILE_MODE } from "../../workspace/seed.ts";
import { type AgentTool, stringArg, ToolInputError } from "./types.ts";
import { resolveInWorkspace, workspaceRoot } from "./workspace.ts";

/** What read_file returns at most; the model is told when a file is longer. */
export const MAX_READ_CHARS = 64_000;
/** What write_file accepts at most: the workspace holds notes, not dumps. */
export const MAX_WRITE_CHARS = 1_000_000;
const MAX_LIST_ENTRIES = 500;

const pathParam = { type: "string", description: "Path relative to the workspace." };

export function fileTools(workspace: string): AgentTool[] {
  const root = () => workspaceRoot(workspace);
  return [
    {
      name: "read_file",
      description: "Read a text file in the workspace.",
      parameters: object({ path: pathParam }, ["path"]),
      async execute(args) {
        const p = await resolveInWorkspace(await root(), stringArg(args, "path"));
        if (!p.exists) return `No file at ${p.shown}.`;
        const text = await Deno.readTextFile(p.real);
        return text.length > MAX_READ_CHARS
          ? `${
            text.slice(0, MAX_READ_CHARS)
          }\n[… cut at ${MAX_READ_CHARS} of ${text.length} characters]`
          : text;
      },
    },
    {
      name: "write_file",
      description: "Create or replace a text file in the workspace (folders are created).",
      parameters: object({ path: pathParam, content: { type: "string" } }, ["path", "content"]),
      async execute(args) {
        const content = stringArg(args, "content");
        if (content.length > MAX_WRITE_CHARS) {
          throw new ToolInputError(`Refused: at most ${MAX_WRITE_CHARS} characters per file.`);
        }
        const p = await resolveInWorkspace(await root(), stringArg(args, "path"));
        await ensureDir(dirname(p.real), WORKSPACE_DIR_MODE);
        await writeFileAtomic(p.real, content, { mode: WORKSPACE_FILE_MODE });
        return `Wrote ${p.shown} (${content.length} characters).`;
      },
    },
    {
      name: "edit_file",
      description: "Replace one exact, unique piece of text in a workspace file with another.",
      parameters: object(
        { path: pathParam, old_text: { type: "string" }, new_text: { type: "string" } },
        ["path", "old_text", "new_text"],
      ),
      async execute(args) {
        const oldText = stringArg(args, "old_text");
        const newText = stringArg(args, "new_text");
        const p = await resolveInWorkspace(await root(), stringArg(args, "path"));
        if (!p.exists) return `No file at ${p.shown}.`;
        const text = await Deno.readTextFile(p.real);
        const count = oldText === "" ? 0 : text.split(oldText).length - 1;
        if (count !== 1) {
          return `Not changed: old_text occurs ${count} times in ${p.shown}; it must occur once.`;
        }
        await writeFileAtomic(p.real, text.replace(oldText, () => newText), {
          mode: WORKSPACE_FILE_MODE,
        });
        return `Edited ${p.shown}.`;
      },
    },
    {
      name: "list_files",
      description: "List a folder of the workspace (folders end in /).",
      parameters: object({ path: { ...pathParam, description: "Folder; default the workspace." } }),
      async execute(args) {
        const given = typeof args.path === "string" && args.path.trim() !== "" ? args.path : ".";
        const p = await resolveInWorkspace(await root(), given);
        if (!p.exists) return `No folder at ${p.shown}.`;
        const names: string[] = [];
        for await (const e of Deno.readDir(p.real)) {
          names.push(e.isDirectory ? `${e.name}/` : e.name);
        }
        names.sort();
        const more = names.length > MAX_LIST_ENTRIES
          ? `\n[… and ${names.length - MAX_LIST_ENTRIES} more]`
          : "";
        return names.length === 0
          ? `${p.shown} is empty.`
          : names.slice(0, MAX_LIST_ENTRIES).join("\n") + more;
      },
    },
    {
      name: "delete_file",
      description: "Delete a file in the workspace (not a folder). " +
        "Ends the first-run ritual when used on BOOTSTRAP.md.",
      parameters: object({ path: pathParam }, ["path"]),
      async execute(args) {
        const p = await resolveInWorkspace(await root(), stringArg(args, "path"));
        if (!p.exists) return `No file at ${p.shown}.`;
        if (!(await Deno.stat(p.real)).isFile) {
          return `Refused: ${p.shown} is a folder; delete_file removes files only.`;
        }
        await Deno.remove(p.real);
        return `Deleted ${p.shown}.`;
      },
    },
  ];
}

function object(properties: Record<string, unknown>, required: string[] = []) {
  return { type: "object", properties, required, additionalProperties: false };
}

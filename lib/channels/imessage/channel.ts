/** iMessage, the whole channel (loaded through the registry; see ../meta.ts). */
import type { Section } from "../meta.ts";
import { describeChannel } from "../descriptor.ts";
import { type ProbeContext, type ProbeResult, str } from "../probe.ts";
import { isExecutableFile } from "../../platform/files.ts";
import { imessageMeta } from "./meta.ts";
import { defaultMessagesDb, messagesDbProblem, setupIMessage } from "./setup.ts";
import { imessageRuntime } from "./runtime.ts";

/** imsg is there and the Messages database is readable (Full Disk Access). */
async function probeIMessage(s: Section, ctx: ProbeContext): Promise<ProbeResult> {
  const cli = str(s.cliPath);
  if (!cli || !(await isExecutableFile(cli))) {
    return { status: "error", detail: `imsg not found at ${cli ?? "(unset)"}` };
  }
  const db = str(s.dbPath) ?? defaultMessagesDb(ctx.host.home);
  const problem = await messagesDbProblem(db, ctx.host);
  return problem
    ? { status: "error", detail: `${problem}; grant Full Disk Access` }
    : { status: "ok", detail: "imsg and Messages DB readable" };
}

export const imessageChannel = describeChannel(imessageMeta, {
  setup: setupIMessage,
  probe: probeIMessage,
  runtime: imessageRuntime,
});

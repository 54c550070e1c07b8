/** Signal, the whole channel (loaded through the registry; see ../meta.ts). */
import type { Section } from "../meta.ts";
import { describeChannel } from "../descriptor.ts";
import { type ProbeContext, type ProbeResult, str } from "../probe.ts";
import { cli } from "../../platform/invocation.ts";
import { signalMeta } from "./meta.ts";
import { setupSignal } from "./setup.ts";
import { signalRuntime } from "./runtime.ts";

/** signal-cli --version answers (a JVM build without Java 21 says so). */
async function probeSignal(s: Section, ctx: ProbeContext): Promise<ProbeResult> {
  const cliPath = str(s.cliPath);
  if (!cliPath) {
    return { status: "error", detail: `no cliPath: run ${cli("channels add --channel signal")}` };
  }
  let out;
  try {
    out = await ctx.host.run(cliPath, ["--version"]);
  } catch {
    return { status: "error", detail: `${cliPath} cannot be run (missing?)` };
  }
  if (out.code !== 0) {
    const hint = /java|JAVA_HOME|UnsupportedClassVersion/i.test(out.stderr)
      ? " (needs Java 21)"
      : "";
    return {
      status: "error",
      detail: `${cliPath} --version failed${hint}: ${out.stderr.trim().split("\n")[0] ?? ""}`,
    };
  }
  return {
    status: "ok",
    detail: `${out.stdout.trim() || "signal-cli"}${str(s.account) ? `, account ${s.account}` : ""}`,
  };
}

export const signalChannel = describeChannel(signalMeta, {
  setup: (ctx) => setupSignal(ctx),
  probe: probeSignal,
  runtime: signalRuntime,
});

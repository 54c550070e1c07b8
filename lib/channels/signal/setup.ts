/**
 * Signal through signal-cli: use one already installed, or install it (see
 * install.ts) under ~/.openclaw/tools/signal-cli/<version>/; then
 * the account's phone number. Writes channels.signal.cliPath and .account.
 * (Windows runs this inside WSL2, where it is Linux.)
 */
import { absolute } from "../../config/paths.ts";
import { ActionableError } from "../../errors.ts";
import {
  type ChannelPlan,
  type ChannelQuestions,
  channelQuestions,
  type ChannelSetupContext,
} from "../context.ts";
import { askDmAccess } from "../dm-access.ts";
import { validateE164 } from "../schemas.ts";
import {
  formatProgress,
  installSignalCli,
  javaProblem,
  pickSignalAsset,
  resolveLatestSignalVersion,
  signalCliPathFor,
  signalReleaseBase,
  validateSignalVersion,
} from "./install.ts";

export interface SignalSetupOptions {
  /** CPU architecture (Deno.build.arch); injectable for tests. */
  arch?: string;
}

function cliPathProblem(path: string): string | undefined {
  try {
    const info = Deno.statSync(path);
    if (!info.isFile) return `${path} is not a file.`;
    if (((info.mode ?? 0o755) & 0o111) === 0) return `${path} is not executable.`;
    return undefined;
  } catch {
    return `${path} does not exist.`;
  }
}

export async function setupSignal(
  ctx: ChannelSetupContext,
  opts: SignalSetupOptions = {},
): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "signal");
  const part: ChannelPlan = { configEdits: [], tasks: [] };
  const known = q.current("cliPath") ?? await ctx.host.which("signal-cli");
  const given = await q.text("cliPath", {
    message: "Path of signal-cli (leave empty to download and install it)",
    initialValue: known ?? "",
    validate: (v) => (v.trim() === "" ? undefined : cliPathProblem(absolute(v, ctx.host))),
  });
  let cliPath: string;
  if (given) {
    cliPath = absolute(given, ctx.host);
  } else {
    const install = await q.confirm("install", {
      message: "Download and install signal-cli now?",
    });
    if (!install) {
      throw new ActionableError(
        "Signal needs signal-cli. Install it now (--signal-install), or give its path (--signal-cli-path).",
      );
    }
    cliPath = await planInstall(ctx, q, part, opts);
  }
  const account = await q.text("account", {
    message: "The Signal account's phone number",
    placeholder: "+15551234567",
    initialValue: q.current("account"),
    required: q.current("account") === undefined,
    validate: validateE164,
  });
  const dm = await askDmAccess(ctx, "signal", { idHint: "phone numbers, +15551234567" });
  part.configEdits!.push(...q.enable({ cliPath, account }), ...dm);
  part.nextSteps = [
    `Signal: link or register ${account} with signal-cli (\`${cliPath} link -n openclaw\` prints a sgnl://linkdevice link: show it as a QR code, e.g. with qrencode, and scan it in Signal → Linked devices).`,
  ];
  return part;
}

async function planInstall(
  ctx: ChannelSetupContext,
  q: ChannelQuestions,
  part: ChannelPlan,
  opts: SignalSetupOptions,
): Promise<string> {
  const base = signalReleaseBase(ctx.host);
  const wanted = (await q.text("cliVersion", {
    message: "signal-cli version",
    initialValue: "latest",
    validate: validateSignalVersion,
  })).replace(/^v/, "");
  const version = wanted === "latest"
    ? await resolveLatestSignalVersion(base, ctx.timeoutMs)
    : wanted;
  const asset = pickSignalAsset(version, ctx.host.platform, opts.arch ?? Deno.build.arch, base);
  if (asset.build === "jvm") {
    const problem = await javaProblem(ctx.host);
    if (problem) {
      if (!ctx.prompter.interactive) {
        throw new ActionableError(`${problem}\nThen run the command again.`);
      }
      await ctx.prompter.note(problem, "Java 21 needed");
      const anyway = await q.confirm("installWithoutJava", {
        message: "Install signal-cli anyway (it will not run until Java 21 is installed)?",
        initialValue: false,
      });
      if (!anyway) {
        throw new ActionableError(`${problem}\nThen run the setup again. Nothing was changed.`);
      }
    }
  }
  const sha = await q.text("cliSha256", {
    message:
      "Expected SHA-256 of the download (Enter: use the checksum published with the release)",
    initialValue: "",
    validate: (
      v,
    ) => (v.trim() === "" || /^[0-9a-fA-F]{64}$/.test(v.trim())
      ? undefined
      : "A SHA-256 is 64 hex characters."),
  });
  const stateDir = ctx.paths.stateDir;
  part.tasks!.push({
    description:
      `Download signal-cli ${version} (${asset.build} build, ${asset.name}), verify its SHA-256 and install it under ${stateDir}/tools/signal-cli/${version}/`,
    run: async (host) => {
      const progress = ctx.prompter.progress(`Downloading signal-cli ${version}`);
      try {
        const done = await installSignalCli({
          host,
          stateDir,
          asset,
          sha256: sha || undefined,
          onProgress: (d, t) =>
            progress.update(`Downloading signal-cli ${version}: ${formatProgress(d, t)}`),
        });
        progress.stop(`signal-cli ${done.version} installed: ${done.cliPath}`);
      } catch (err) {
        progress.stop("signal-cli was not installed");
        throw err;
      }
    },
  });
  return signalCliPathFor(stateDir, version);
}

/**
 * Mattermost ships as a plugin: setup first asks to install it (npm package
 * or local folder; recorded in plugins.*), then asks for the bot token and
 * the server's base URL.
 */
import { type ChannelPlan, channelQuestions, type ChannelSetupContext } from "../context.ts";
import { askDmAccess } from "../dm-access.ts";
import { checkServerCredential } from "../live-check.ts";
import { validateToken } from "../schemas.ts";
import {
  isPluginInstalled,
  parsePluginSource,
  planPluginInstall,
  pluginSpecValidator,
} from "../plugins.ts";
import { MATTERMOST_PLUGIN } from "./meta.ts";

export async function setupMattermost(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "mattermost");
  const part: ChannelPlan = { configEdits: [], tasks: [] };
  if (!isPluginInstalled(ctx.config, MATTERMOST_PLUGIN.id)) {
    await ctx.prompter.note(
      "Mattermost is a plugin: it is installed first (from npm, or a local folder you give).",
      "Mattermost plugin",
    );
    const spec = await q.text("plugin", {
      message: "Install the Mattermost plugin from (npm package or local folder)",
      initialValue: MATTERMOST_PLUGIN.npm,
      validate: pluginSpecValidator(ctx.host),
    });
    const planned = planPluginInstall(
      MATTERMOST_PLUGIN,
      parsePluginSource(spec, ctx.host),
      ctx.paths.stateDir,
      ctx.host.now(),
    );
    part.configEdits!.push(...planned.edits);
    part.tasks!.push(...planned.tasks);
  }
  const [baseUrl, token] = await q.serverLogin(
    ["baseUrl", "Mattermost server URL", "https://chat.example.com"],
    (url, t) =>
      checkServerCredential(`${url}/api/v4/users/me`, {
        what: "The Mattermost server",
        headers: { Authorization: `Bearer ${t}` },
        timeoutMs: ctx.timeoutMs,
        identity: (b) => `@${(b as { username?: string })?.username ?? "?"}`,
      }),
    {
      key: "botToken",
      message: "Mattermost bot token",
      firstMessage: "Mattermost bot access token",
      validate: validateToken("bot token (Integrations → Bot Accounts)"),
    },
  );
  const dm = await askDmAccess(ctx, "mattermost", { idHint: "Mattermost user ids" });
  part.configEdits!.push(...q.enable({ botToken: token, baseUrl }), ...dm);
  part.secrets = [token];
  return part;
}

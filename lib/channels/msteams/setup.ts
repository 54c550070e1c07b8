/**
 * Microsoft Teams: the Azure Bot's app id, client secret and tenant id →
 * channels.msteams.appId / appPassword / tenantId. Only their shape is
 * checked: a live check would be a client-credentials token request to
 * Microsoft Entra, which proves the secret but not that the bot is set up
 * in Teams, so it is left to `openclaw channels status`.
 *
 * Allowlist entries are Entra user object ids (GUIDs). Names and emails
 * are kept as written with a warning: turning them into ids needs Microsoft
 * Graph with the User.Read.All application permission, which a bot's app
 * registration does not have by default.
 */
import {
  type ChannelPlan,
  type ChannelQuestions,
  channelQuestions,
  type ChannelSetupContext,
} from "../context.ts";
import { askDmAccess, type Resolution } from "../dm-access.ts";
import { validateGuid, validateNonEmpty } from "../schemas.ts";
import { SENDER_ID_RULES } from "../sender-ids.ts";

export async function setupMSTeams(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "msteams");
  const appId = await askGuid(q, "appId", "Microsoft App ID (Azure Bot → Configuration)");
  const appPassword = await q.secret("appPassword", {
    message: "Client secret",
    firstMessage: "Client secret of the bot's app registration (Certificates & secrets → Value)",
    validate: validateNonEmpty("client secret"),
    keeps: (answer) => answer === "",
  });
  const tenantId = await askGuid(q, "tenantId", "Tenant ID (app registration → Overview)");
  const dm = await askDmAccess(ctx, "msteams", {
    idHint: "Microsoft Entra user object ids (GUIDs)",
    resolve: (entries) => Promise.resolve(resolveTeamsUsers(entries)),
  });
  return {
    configEdits: [...q.enable({ appId, appPassword, tenantId }), ...dm],
    secrets: [appPassword],
    nextSteps: [
      "Microsoft Teams: set the Azure Bot's messaging endpoint to your gateway's public URL + /api/messages, then add the app in Teams.",
    ],
  };
}

function askGuid(q: ChannelQuestions, key: string, message: string): Promise<string> {
  const current = q.current(key);
  return q.text(key, {
    message,
    placeholder: "00000000-0000-0000-0000-000000000000",
    initialValue: current,
    required: current === undefined,
    validate: validateGuid,
  });
}

/** GUIDs are kept; names and emails too, with the reason they were not resolved. */
export function resolveTeamsUsers(entries: string[]): Resolution {
  const unresolved = entries.filter((e) => !SENDER_ID_RULES.msteams.isId(e));
  return {
    entries,
    unresolved,
    note: unresolved.length
      ? "names are not resolved: that needs Microsoft Graph with the User.Read.All " +
        "application permission, which the bot's app registration does not have by default"
      : undefined,
  };
}

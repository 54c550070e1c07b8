/**
 * BlueBubbles (the recommended way to iMessage): the BlueBubbles server's
 * URL and password, and the webhook path it posts new messages to.
 */
import {
  askKeptSecret,
  askServerUrl,
  askText,
  type ChannelPlan,
  type ChannelSetupContext,
  currentString,
  edit,
  flagOf,
} from "../context.ts";
import { checkServerCredential } from "../live-check.ts";
import { verifyLive } from "../verify.ts";
import { askDmAccess } from "../dm-access.ts";
import { validateNonEmpty, validateWebhookPath } from "../schemas.ts";

export const DEFAULT_BLUEBUBBLES_WEBHOOK_PATH = "/bluebubbles-webhook";

export async function setupBlueBubbles(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const serverUrl = await askServerUrl(ctx, "bluebubbles", "serverUrl", {
    message: "BlueBubbles server URL",
    placeholder: "http://192.168.1.20:1234",
  });
  const password = await verifyLive(
    ctx,
    "BlueBubbles password",
    () =>
      askKeptSecret(ctx, "bluebubbles", "password", {
        message: "BlueBubbles server password",
        firstMessage: "BlueBubbles server password",
        validate: validateNonEmpty("server password"),
        keeps: (answer) => answer === "",
      }),
    (pw) =>
      checkServerCredential(`${serverUrl}/api/v1/ping?password=${encodeURIComponent(pw)}`, {
        what: "The BlueBubbles server",
        timeoutMs: ctx.timeoutMs,
        identity: () => "server answers",
      }),
    flagOf(ctx, "bluebubbles", "password"),
  );
  const webhookPath = await askText(ctx, "bluebubbles", "webhookPath", {
    message: "Webhook path on the gateway (BlueBubbles → Settings → API & Webhooks)",
    initialValue: currentString(ctx, "webhookPath") ?? DEFAULT_BLUEBUBBLES_WEBHOOK_PATH,
    validate: validateWebhookPath,
  });
  const dm = await askDmAccess(ctx, "bluebubbles", {
    idHint: "phone numbers (+1555…) or Apple ID emails",
  });
  return {
    configEdits: [
      edit("bluebubbles", "enabled", true),
      edit("bluebubbles", "serverUrl", serverUrl),
      edit("bluebubbles", "password", password),
      edit("bluebubbles", "webhookPath", webhookPath),
      ...dm,
    ],
    secrets: [password],
    nextSteps: [
      `BlueBubbles: add a webhook to your gateway's URL + ${webhookPath} for "New Messages" in the BlueBubbles server.`,
    ],
  };
}

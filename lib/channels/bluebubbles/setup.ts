/**
 * BlueBubbles (the recommended way to iMessage): the BlueBubbles server's
 * URL and password, and the webhook path it posts new messages to.
 */
import { type ChannelPlan, channelQuestions, type ChannelSetupContext } from "../context.ts";
import { checkServerCredential } from "../live-check.ts";
import { askDmAccess } from "../dm-access.ts";
import { validateNonEmpty, validateWebhookPath } from "../schemas.ts";

export const DEFAULT_BLUEBUBBLES_WEBHOOK_PATH = "/bluebubbles-webhook";

export async function setupBlueBubbles(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "bluebubbles");
  const [serverUrl, password] = await q.serverLogin(
    ["serverUrl", "BlueBubbles server URL", "http://192.168.1.20:1234"],
    (url, pw) =>
      checkServerCredential(`${url}/api/v1/ping?password=${encodeURIComponent(pw)}`, {
        what: "The BlueBubbles server",
        timeoutMs: ctx.timeoutMs,
        identity: () => "server answers",
      }),
    {
      key: "password",
      what: "BlueBubbles password",
      message: "BlueBubbles server password",
      firstMessage: "BlueBubbles server password",
      validate: validateNonEmpty("server password"),
    },
  );
  const webhookPath = await q.text("webhookPath", {
    message: "Webhook path on the gateway (BlueBubbles → Settings → API & Webhooks)",
    initialValue: q.current("webhookPath") ?? DEFAULT_BLUEBUBBLES_WEBHOOK_PATH,
    validate: validateWebhookPath,
  });
  const dm = await askDmAccess(ctx, "bluebubbles", {
    idHint: "phone numbers (+1555…) or Apple ID emails",
  });
  return {
    configEdits: [...q.enable({ serverUrl, password, webhookPath }), ...dm],
    secrets: [password],
    nextSteps: [
      `BlueBubbles: in the BlueBubbles server's API & Webhooks, add a webhook for "New Messages" ` +
      `to <your gateway's URL>${webhookPath}?password=<the server password> ` +
      "(docs/channels/bluebubbles.md).",
    ],
  };
}

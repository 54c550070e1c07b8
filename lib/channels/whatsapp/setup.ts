/**
 * WhatsApp: an account id whose linked-device credentials live under
 * ~/.openclaw/credentials/whatsapp/<accountId>/ (0700). Linking (scanning
 * the QR code) needs a live WhatsApp Web session, so setup prepares the
 * account and says how to link; the credentials folder is what the link
 * fills.
 */
import { SECRET_DIR_MODE } from "../../platform/files.ts";
import { type ChannelPlan, channelQuestions, type ChannelSetupContext } from "../context.ts";
import { whatsappLogin } from "./login.ts";
import type { PlannedTask } from "../../plan/types.ts";
import { askDmAccess } from "../dm-access.ts";
import { validateAccountId } from "../schemas.ts";
import { cli } from "../../platform/invocation.ts";

export const DEFAULT_WHATSAPP_ACCOUNT = "default";

export function whatsappAuthDir(credentialsDir: string, accountId: string): string {
  return `${credentialsDir}/whatsapp/${accountId}`;
}

export async function setupWhatsApp(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const q = channelQuestions(ctx, "whatsapp");
  const accounts = (ctx.current.accounts ?? {}) as Record<string, unknown>;
  const accountId = await q.text("accountId", {
    message: "WhatsApp account id (a name for this phone's link)",
    initialValue: Object.keys(accounts)[0] ?? DEFAULT_WHATSAPP_ACCOUNT,
    validate: validateAccountId,
  });
  const authDir = whatsappAuthDir(ctx.paths.credentialsDir, accountId);
  const link = await q.confirm("link", {
    message: "Link this account now? (shows a QR code to scan with your phone)",
    initialValue: ctx.prompter.interactive,
  });
  const dm = await askDmAccess(ctx, "whatsapp", {
    idHint: "phone numbers in international form, +15551234567",
  });
  return {
    tasks: link ? [linkTask(ctx, authDir)] : [],
    dirs: [
      { path: `${ctx.paths.credentialsDir}/whatsapp`, mode: SECRET_DIR_MODE },
      { path: authDir, mode: SECRET_DIR_MODE },
    ],
    configEdits: [
      ...q.enable({}),
      { path: ["channels", "whatsapp", "accounts", accountId, "authDir"], value: authDir },
      ...dm,
    ],
    nextSteps: link ? [] : [
      `WhatsApp: link the account with \`${
        cli(`channels login --channel whatsapp --account ${accountId}`)
      }\` (a QR code to scan).`,
    ],
  };
}

/** Linking is best effort during setup: a failure is a warning, the settings are still saved. */
function linkTask(ctx: ChannelSetupContext, authDir: string): PlannedTask {
  return {
    description: `Link WhatsApp (QR code) and save its credentials in ${authDir}`,
    run: async (host) => {
      try {
        const r = await whatsappLogin({ host, authDir, write: (t) => host.stdout(t) });
        host.stdout(`WhatsApp linked${r.account ? `: ${r.account.split(":")[0]}` : ""}.\n`);
      } catch (err) {
        await ctx.warn(
          `${(err as Error).message} The settings are saved; link later with \`${
            cli("channels login --channel whatsapp")
          }\`.`,
        );
      }
    },
  };
}

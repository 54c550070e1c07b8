/**
 * WhatsApp: an account id whose linked-device credentials live under
 * ~/.openclaw/credentials/whatsapp/<accountId>/ (0700). Linking (scanning
 * the QR code) needs a live WhatsApp Web session, so setup prepares the
 * account and says how to link; the credentials folder is what the link
 * fills.
 */
import { SECRET_DIR_MODE } from "../platform/files.ts";
import { askText, type ChannelPlan, type ChannelSetupContext, edit } from "./context.ts";
import { askDmAccess } from "./dm-access.ts";
import { validateAccountId } from "./schemas.ts";

export const DEFAULT_WHATSAPP_ACCOUNT = "default";

export function whatsappAuthDir(credentialsDir: string, accountId: string): string {
  return `${credentialsDir}/whatsapp/${accountId}`;
}

export async function setupWhatsApp(ctx: ChannelSetupContext): Promise<ChannelPlan> {
  const accounts = (ctx.current.accounts ?? {}) as Record<string, unknown>;
  const accountId = await askText(ctx, "whatsapp", "accountId", {
    message: "WhatsApp account id (a name for this phone's link)",
    initialValue: Object.keys(accounts)[0] ?? DEFAULT_WHATSAPP_ACCOUNT,
    validate: validateAccountId,
  });
  const authDir = whatsappAuthDir(ctx.paths.credentialsDir, accountId);
  const dm = await askDmAccess(ctx, "whatsapp", {
    idHint: "phone numbers in international form, +15551234567",
  });
  return {
    dirs: [
      { path: `${ctx.paths.credentialsDir}/whatsapp`, mode: SECRET_DIR_MODE },
      { path: authDir, mode: SECRET_DIR_MODE },
    ],
    configEdits: [
      edit("whatsapp", "enabled", true),
      { path: ["channels", "whatsapp", "accounts", accountId, "authDir"], value: authDir },
      ...dm,
    ],
    nextSteps: [
      `WhatsApp: link this account by scanning a QR code from WhatsApp → Linked devices; its credentials go to ${authDir}.`,
    ],
  };
}

/**
 * The onboarding flow as the gateway's wizard RPC runs it (handed to the
 * gateway by lib/cli/gateway.ts): no health check, since the gateway
 * answering it is up, and no Control UI hint, since its UI is already open.
 */
import type { WizardRunner } from "../gateway/methods/wizard.ts";
import { parseOnboardOptions } from "./options.ts";
import { runOnboard } from "./run.ts";

export const rpcWizard: WizardRunner = (run) =>
  runOnboard({
    ...run,
    options: parseOnboardOptions({ skipHealth: true }),
    command: "onboard",
    surface: "gateway",
  });

/**
 * A state folder ready for the agent, as onboarding leaves it: a workspace
 * with SOUL.md and the main agent's Anthropic API key profile (0600).
 * Returns the workspace path.
 */
export async function writeAgentState(
  stateDir: string,
  opts: { soul: string; anthropicKey: string },
): Promise<string> {
  const workspace = `${stateDir}/workspace`;
  await Deno.mkdir(workspace, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(`${workspace}/SOUL.md`, opts.soul);
  await Deno.mkdir(`${stateDir}/agents/main/agent`, { recursive: true, mode: 0o700 });
  await Deno.writeTextFile(
    `${stateDir}/agents/main/agent/auth-profiles.json`,
    JSON.stringify({
      version: 1,
      profiles: {
        "anthropic:default": { type: "api_key", provider: "anthropic", key: opts.anthropicKey },
      },
    }),
    { mode: 0o600 },
  );
  return workspace;
}

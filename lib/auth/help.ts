/** The `--help` section about model auth, made from the catalog. */
import { AUTH_CHOICES } from "./catalog.ts";

export function authChoiceHelp(): string {
  const lines = ["", "Model auth: --auth-choice <id> (interactively: provider first, then method)"];
  const pad = "      ";
  for (const c of AUTH_CHOICES) {
    const also = c.aliases?.length ? ` (also ${c.aliases.join(", ")})` : "";
    lines.push(`  ${c.id}${also} — ${c.label}: ${c.hint}`);
    const how = [
      ...(c.keyFlag ? [`${c.keyFlag} <key>`] : []),
      ...(c.flags ?? []),
      ...(c.envVars?.length ? [`$${c.envVars.join(" or $")}`] : []),
      ...(c.keyUrl ? [`key from ${c.keyUrl}`] : []),
    ];
    if (how.length) lines.push(`${pad}${how.join(", ")}`);
    if (c.kind !== "skip") {
      lines.push(`${pad}writes ${c.writes}${c.defaultModel ? `; model ${c.defaultModel}` : ""}`);
    }
  }
  lines.push(
    "",
    "  --model <provider/model> picks the model. Keys are checked live (list models, 5 s);",
    "  OPENCLAW_SKIP_AUTH_CHECK=1 skips that; OPENCLAW_<PROVIDER>_BASE_URL moves an endpoint",
    "  (e.g. OPENCLAW_OPENAI_BASE_URL), OPENCLAW_OPENAI_OAUTH_TOKEN_URL the sign-in's.",
  );
  return lines.join("\n") + "\n";
}

/** The `--help` section about model auth, made from the catalog. */
import { AUTH_CHOICES } from "./catalog.ts";

export function authChoiceHelp(): string {
  const lines = ["", "Model auth (--auth-choice <id>):"];
  const width = Math.max(...AUTH_CHOICES.map((c) => c.id.length)) + 2;
  for (const c of AUTH_CHOICES) {
    lines.push(`  ${c.id.padEnd(width)}${c.label}${c.hint ? ` — ${c.hint}` : ""}`);
    const how = [
      ...(c.keyFlag ? [`${c.keyFlag} <key>`] : []),
      ...(c.flags ?? []),
      ...(c.envVars?.length ? [`env ${c.envVars.join(" or ")}`] : []),
    ];
    if (how.length) lines.push(`  ${"".padEnd(width)}  ${how.join(", ")}`);
    if (c.kind !== "skip") lines.push(`  ${"".padEnd(width)}  writes ${c.writes}`);
    if (c.defaultModel) lines.push(`  ${"".padEnd(width)}  model ${c.defaultModel}`);
    if (c.aliases?.length) lines.push(`  ${"".padEnd(width)}  also: ${c.aliases.join(", ")}`);
  }
  lines.push(
    "",
    "  --model <provider/model> picks the model. Keys are checked live (list models, 5 s);",
    "  OPENCLAW_SKIP_AUTH_CHECK=1 skips that, OPENCLAW_<PROVIDER>_BASE_URL moves an endpoint.",
  );
  return lines.join("\n") + "\n";
}

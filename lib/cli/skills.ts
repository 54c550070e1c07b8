/**
 * `openclaw skills list|check|info <name>|install <name> [--json]`: see the skills this
 * machine has (bundled, ~/.openclaw/skills, the workspace's skills/), which
 * are ready and what the others miss, and install what a skill needs.
 */
import { type Command, Option } from "commander";
import { commandSetup } from "./program.ts";
import { exitAction } from "./action.ts";
import { NODE_MANAGERS } from "../config/node-managers.ts";

export function registerSkills(program: Command, setExit: (code: number) => void): Command {
  const skills = program.command("skills")
    .description("List skills, check their requirements, install what they need.");

  const list = skills.command("list", { isDefault: true })
    .description("every skill found, with its status (default)")
    .option("--eligible", "only the skills that are ready")
    .option("--json", "print JSON")
    .action(
      exitAction(setExit, async (raw: { json?: boolean; eligible?: boolean }, { host, paths }) => {
        const { runSkillsList } = await import("../skills/commands.ts");
        return await runSkillsList(host, paths, { json: !!raw.json, eligible: !!raw.eligible });
      }),
    );

  const check = skills.command("check")
    .description("what each skill is missing, and how to get it")
    .option("--json", "print JSON")
    .action(exitAction(setExit, async (raw: { json?: boolean }, { host, paths }) => {
      const { runSkillsCheck } = await import("../skills/commands.ts");
      return await runSkillsCheck(host, paths, { json: !!raw.json });
    }));

  const info = skills.command("info")
    .description("one skill in full: requirements, install recipes, what to do")
    .argument("<name>", "the skill's name")
    .option("--json", "print JSON")
    .action(async (name: string, raw: { json?: boolean }, self: Command) => {
      const { host, paths } = await commandSetup(self);
      const { runSkillsInfo } = await import("../skills/commands.ts");
      setExit(await runSkillsInfo(host, paths, { name, json: !!raw.json }));
    });

  const install = skills.command("install")
    .description("install the programs a skill needs (brew, npm/pnpm package, or download)")
    .argument("<name>", "the skill's name (see `openclaw skills list`)")
    .addOption(
      new Option(
        "--node-manager <manager>",
        "for Node packages (default: skills.install.nodeManager, else npm)",
      )
        .choices(NODE_MANAGERS),
    )
    .option("--recipe <id>", "use this install recipe of the skill instead of the preferred one")
    .option("--json", "print the result as JSON")
    .action(
      async (
        name: string,
        raw: { json?: boolean; nodeManager?: string; recipe?: string },
        self: Command,
      ) => {
        const { host, paths } = await commandSetup(self);
        const { runSkillsInstall } = await import("../skills/commands.ts");
        setExit(
          await runSkillsInstall(host, paths, {
            name,
            json: !!raw.json,
            nodeManager: raw.nodeManager as "npm" | "pnpm" | "bun" | undefined,
            recipe: raw.recipe,
          }),
        );
      },
    );

  for (const sub of [list, check, info, install]) {
    sub.exitOverride().configureOutput(program.configureOutput());
  }
  return skills;
}

/**
 * Install recipes: which one fits this machine, which program runs it, and
 * the exact command line. Pure functions, so the plan shown to the user, the
 * recording test runner and the real run all see the same commands.
 *
 * Preference when a skill offers several: on macOS Homebrew first (that is
 * what macOS users expect), elsewhere a Node package first (npm is already
 * there wherever openclaw's tools run), then downloads. A recipe whose
 * installer is on PATH beats one whose installer is missing.
 */
import type { NodeManager } from "./node-manager.ts";
import type { Recipe, Skill, SkillOs } from "./model.ts";

export function recipeFitsOs(recipe: Recipe, skill: Skill, os: SkillOs | undefined): boolean {
  const allowed = recipe.os ?? skill.os;
  return !allowed || (os !== undefined && allowed.includes(os));
}

/** The program a recipe needs: brew, the Node manager, or curl for downloads. */
export function installerOf(recipe: Recipe, nodeManager: NodeManager): string {
  if (recipe.kind === "brew") return "brew";
  if (recipe.kind === "node") return nodeManager;
  return "curl";
}

/** How to get an installer that is missing. */
export function installerHelp(installer: string): string {
  switch (installer) {
    case "brew":
      return "Homebrew (brew) is not installed: get it from https://brew.sh, or install the " +
        "program with your system's package manager";
    case "npm":
      return "npm is not on PATH: install Node.js (https://nodejs.org), which includes npm";
    case "pnpm":
      return "pnpm is not on PATH: run `npm install -g pnpm` (or `corepack enable`), " +
        "or choose npm with --node-manager npm";
    case "bun":
      return "bun is not on PATH: install it from https://bun.sh, or choose npm with " +
        "--node-manager npm (bun is not recommended for skills)";
    case "curl":
      return "curl is not on PATH: install it with your system's package manager";
    default:
      return `${installer} is not on PATH`;
  }
}

const ORDER_MAC = ["brew", "node", "download"];
const ORDER_OTHER = ["node", "brew", "download"];

/**
 * The recipe to use for `skill` on this machine, or undefined when none fits
 * its OS. `has` says whether a program is on PATH.
 */
export function chooseRecipe(
  skill: Skill,
  os: SkillOs | undefined,
  nodeManager: NodeManager,
  has: (program: string) => boolean,
): Recipe | undefined {
  const order = os === "darwin" ? ORDER_MAC : ORDER_OTHER;
  const fitting = skill.install
    .filter((r) => recipeFitsOs(r, skill, os))
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  return fitting.find((r) => has(installerOf(r, nodeManager))) ?? fitting[0];
}

/** The command that installs a brew or node recipe. */
export function packageCommand(
  recipe: Recipe,
  nodeManager: NodeManager,
): { cmd: string; args: string[] } | undefined {
  if (recipe.kind === "brew") {
    return recipe.cask
      ? { cmd: "brew", args: ["install", "--cask", recipe.cask] }
      : { cmd: "brew", args: ["install", recipe.formula!] };
  }
  if (recipe.kind === "node") {
    switch (nodeManager) {
      case "npm":
        return { cmd: "npm", args: ["install", "--global", recipe.package] };
      case "pnpm":
        return { cmd: "pnpm", args: ["add", "--global", recipe.package] };
      case "bun":
        return { cmd: "bun", args: ["add", "--global", recipe.package] };
    }
  }
  return undefined;
}

/** One line saying what the recipe will do, e.g. `brew install gh`. */
export function describeRecipe(recipe: Recipe, nodeManager: NodeManager): string {
  const c = packageCommand(recipe, nodeManager);
  if (c) return [c.cmd, ...c.args].join(" ");
  if (recipe.kind === "download") {
    return `download ${recipe.url} (SHA-256 checked)` +
      (recipe.archive ? ` and unpack the ${recipe.archive}` : "");
  }
  return "(no command)";
}

/** The label shown for a recipe: its own, or the command. */
export function recipeLabel(recipe: Recipe, nodeManager: NodeManager): string {
  return recipe.label ?? describeRecipe(recipe, nodeManager);
}

/**
 * What a skill declares in its SKILL.md frontmatter, as zod schemas. The
 * shape follows the public OpenClaw format so existing skills carry over:
 *
 *   ---
 *   name: github
 *   description: Work with GitHub issues and pull requests through gh.
 *   metadata:
 *     openclaw:
 *       emoji: "🐙"
 *       os: [darwin, linux]
 *       requires: { bins: [gh], anyBins: [], env: [GH_TOKEN], config: [gateway.port] }
 *       install:
 *         - { id: brew, kind: brew, formula: gh, bins: [gh], label: "GitHub CLI (Homebrew)" }
 *   ---
 *
 * `metadata` may also be a one-line JSON string (the public parser's habit).
 */
import { z } from "zod";

/** OS names as skills write them (Node's names: win32, not windows). */
export const SKILL_OS = ["darwin", "linux", "win32"] as const;
export type SkillOs = typeof SKILL_OS[number];

/** The OS name a skill would use for this host. */
export function skillOsOf(platform: typeof Deno.build.os): SkillOs | undefined {
  if (platform === "windows") return "win32";
  return platform === "darwin" || platform === "linux" ? platform : undefined;
}

const Name = z.string().trim().min(1);
const NameList = z.array(Name, { error: "expected a list of names, like [gh, jq]" });
const OsList = z.array(z.enum(SKILL_OS, { error: `OS is one of: ${SKILL_OS.join(", ")}` }));

const RecipeBase = {
  id: z.string().min(1).optional(),
  label: z.string().min(1).optional(),
  /** Offer this recipe only on these systems. */
  os: OsList.optional(),
  /** The programs the recipe puts on PATH (checked again after it runs). */
  bins: NameList.optional(),
};

export const BrewRecipeSchema = z.strictObject({
  ...RecipeBase,
  kind: z.literal("brew"),
  formula: Name.optional(),
  cask: Name.optional(),
}).refine((r) => Boolean(r.formula) !== Boolean(r.cask), {
  message: "a brew recipe names exactly one of formula or cask",
});

/** An npm package, installed globally with the chosen Node package manager. */
export const NodeRecipeSchema = z.strictObject({
  ...RecipeBase,
  kind: z.literal("node"),
  package: z.string({ error: "a node recipe needs package: (an npm package name)" }).regex(
    /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(@[\w.^~<>=*-]+)?$/i,
    "package is an npm package name, optionally @version (e.g. @mermaid-js/mermaid-cli@11)",
  ),
});

const SHA_MESSAGE =
  "sha256 must be the file's SHA-256 (64 hex digits); downloads are never unpacked unverified";

export const ARCHIVES = ["tar.gz", "tar.bz2", "zip"] as const;

/** A file fetched over HTTPS. The checksum is required: nothing unverified is unpacked. */
export const DownloadRecipeSchema = z.strictObject({
  ...RecipeBase,
  kind: z.literal("download"),
  url: z.string({ error: "a download recipe needs url: (https://…)" }).regex(
    /^https:\/\/\S+$/,
    "url must be an https:// address",
  ),
  sha256: z.string({ error: SHA_MESSAGE }).regex(/^[0-9a-fA-F]{64}$/, SHA_MESSAGE),
  archive: z.enum(ARCHIVES).optional(),
});

export const KNOWN_KINDS = ["brew", "node", "download"] as const;
export type RecipeKind = typeof KNOWN_KINDS[number];

export type BrewRecipe = z.infer<typeof BrewRecipeSchema>;
export type NodeRecipe = z.infer<typeof NodeRecipeSchema>;
export type DownloadRecipe = z.infer<typeof DownloadRecipeSchema>;
export type Recipe = BrewRecipe | NodeRecipe | DownloadRecipe;

export const RequiresSchema = z.strictObject({
  /** Every one of these must be on PATH. */
  bins: NameList.optional(),
  /** At least one of these must be on PATH. */
  anyBins: NameList.optional(),
  /** Environment variables that must be set (not empty). */
  env: NameList.optional(),
  /** openclaw.json keys (dotted paths) that must hold a truthy value. */
  config: NameList.optional(),
});
export type Requires = z.infer<typeof RequiresSchema>;

/** `metadata.openclaw`, before the recipes are checked one by one (see frontmatter.ts). */
export const OpenclawMetaSchema = z.looseObject({
  emoji: z.string().optional(),
  homepage: z.string().optional(),
  os: OsList.optional(),
  requires: RequiresSchema.optional(),
  install: z.array(z.looseObject({ kind: z.string({ error: "every recipe needs a kind" }) }))
    .optional(),
});

export const SKILL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

export const FrontmatterSchema = z.looseObject({
  name: z.string().regex(
    SKILL_NAME,
    "name is letters, digits, '.', '-' and '_' (at most 64), like github or image-gen",
  ).optional(),
  description: z.string({ error: "description is required: one line saying what the skill does" })
    .trim().min(1, "description is required: one line saying what the skill does"),
  metadata: z.unknown().optional(),
});

/** Where a skill was found; a workspace skill overrides a managed one, which overrides a bundled one. */
export const SKILL_SOURCES = ["workspace", "managed", "bundled"] as const;
export type SkillSource = typeof SKILL_SOURCES[number];

export interface Skill {
  name: string;
  description: string;
  emoji?: string;
  homepage?: string;
  source: SkillSource;
  /** The SKILL.md file, or `bundled:<name>/SKILL.md` for skills inside the binary. */
  file: string;
  /** The skill's folder on disk (undefined for bundled skills). */
  dir?: string;
  os?: SkillOs[];
  requires: Requires;
  install: Recipe[];
  /** The instructions (the markdown after the frontmatter). */
  body: string;
}

/** A SKILL.md that could not be read, or a part of one that was ignored. */
export interface SkillProblem {
  file: string;
  line: number;
  message: string;
  /** error: the skill was skipped; warning: it loaded without the part named. */
  severity: "error" | "warning";
}

/**
 * Read one SKILL.md: split off the `---` frontmatter, parse it with the
 * `yaml` package (keeping positions), check it against the schemas in
 * model.ts and report every problem with the file and the line it is on, so
 * a broken skill can be fixed without guessing. A broken skill is skipped;
 * a recipe of a kind openclaw cannot run is dropped with a warning.
 */
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import {
  BrewRecipeSchema,
  DownloadRecipeSchema,
  FrontmatterSchema,
  KNOWN_KINDS,
  NodeRecipeSchema,
  OpenclawMetaSchema,
  type Recipe,
  type Skill,
  SKILL_NAME,
  type SkillProblem,
  type SkillSource,
} from "./model.ts";

export interface ParsedSkill {
  skill?: Skill;
  problems: SkillProblem[];
}

export interface SkillFileInfo {
  /** The path shown in messages. */
  file: string;
  source: SkillSource;
  /** The folder's name: the skill's name when the frontmatter has none. */
  folderName: string;
  dir?: string;
}

interface Frontmatter {
  yaml: string;
  /** The line of SKILL.md the YAML text starts on (1-based). */
  firstLine: number;
  body: string;
}

/** Split `---\n…\n---` off the top; a problem message when there is none. */
export function splitFrontmatter(text: string): Frontmatter | { error: string; line: number } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trim() !== "---") {
    return {
      error: "SKILL.md must start with a YAML frontmatter block: a line '---', " +
        "name: and description:, then a closing '---'",
      line: 1,
    };
  }
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) {
    return {
      error: "the frontmatter is not closed: add a line '---' after its last key",
      line: lines.length,
    };
  }
  return {
    yaml: lines.slice(1, end).join("\n"),
    firstLine: 2,
    body: lines.slice(end + 1).join("\n").replace(/^\n+/, ""),
  };
}

export function parseSkillFile(text: string, info: SkillFileInfo): ParsedSkill {
  const problems: SkillProblem[] = [];
  const fail = (line: number, message: string): ParsedSkill => ({
    problems: [...problems, { file: info.file, line, message, severity: "error" }],
  });

  const fm = splitFrontmatter(text);
  if ("error" in fm) return fail(fm.line, fm.error);

  const lineCounter = new LineCounter();
  const doc = parseDocument(fm.yaml, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = (e.linePos?.[0].line ?? 1) + fm.firstLine - 1;
    return fail(
      line,
      `invalid YAML: ${firstLine(e.message).replace(/ at line \d+, column \d+:?$/, "")}`,
    );
  }
  /** The SKILL.md line of a value in the frontmatter (or of its nearest parent). */
  const lineOf = (path: (string | number)[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | null)?.range;
      if (range) return lineCounter.linePos(range[0]).line + fm.firstLine - 1;
    }
    return fm.firstLine;
  };

  const data = doc.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return fail(fm.firstLine, "the frontmatter must be a map of keys (name:, description:, …)");
  }
  const top = FrontmatterSchema.safeParse(data);
  if (!top.success) {
    const issue = top.error.issues[0];
    return fail(lineOf(issue.path as (string | number)[]), describeIssue(issue));
  }

  // metadata: a map, or the public format's one-line JSON string.
  let metadata: unknown = top.data.metadata;
  let metaLine = (path: (string | number)[]) => lineOf(["metadata", ...path]);
  if (typeof metadata === "string") {
    const at = lineOf(["metadata"]);
    try {
      metadata = JSON.parse(metadata);
    } catch (err) {
      return fail(at, `metadata is a string but not valid JSON: ${(err as Error).message}`);
    }
    metaLine = () => at;
  }
  const openclawRaw = metadata && typeof metadata === "object"
    ? (metadata as Record<string, unknown>).openclaw
    : undefined;
  const meta = OpenclawMetaSchema.safeParse(openclawRaw ?? {});
  if (!meta.success) {
    const issue = meta.error.issues[0];
    return fail(
      metaLine(["openclaw", ...(issue.path as (string | number)[])]),
      `metadata.openclaw: ${describeIssue(issue)}`,
    );
  }

  const install: Recipe[] = [];
  for (const [i, raw] of (meta.data.install ?? []).entries()) {
    const at = metaLine(["openclaw", "install", i]);
    if (!(KNOWN_KINDS as readonly string[]).includes(raw.kind)) {
      problems.push({
        file: info.file,
        line: at,
        message: `install recipe "${raw.kind}" is not one openclaw runs ` +
          `(${KNOWN_KINDS.join(", ")}); it is ignored`,
        severity: "warning",
      });
      continue;
    }
    const schema = raw.kind === "brew"
      ? BrewRecipeSchema
      : raw.kind === "node"
      ? NodeRecipeSchema
      : DownloadRecipeSchema;
    const r = schema.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0];
      return fail(
        metaLine(["openclaw", "install", i, ...(issue.path as (string | number)[])]),
        `metadata.openclaw.install[${i}] (${raw.kind}): ${describeIssue(issue)}`,
      );
    }
    install.push({ ...r.data, id: r.data.id ?? `${raw.kind}-${i}` } as Recipe);
  }

  const name = top.data.name ?? info.folderName;
  if (!SKILL_NAME.test(name)) {
    return fail(
      fm.firstLine,
      `the folder name "${name}" is not a valid skill name; add a name: key ` +
        "(letters, digits, '.', '-' and '_')",
    );
  }
  return {
    problems,
    skill: {
      name,
      description: top.data.description,
      emoji: meta.data.emoji,
      homepage: meta.data.homepage,
      source: info.source,
      file: info.file,
      dir: info.dir,
      os: meta.data.os,
      requires: meta.data.requires ?? {},
      install,
      body: fm.body,
    },
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

function firstLine(text: string): string {
  return text.split("\n")[0].trim();
}

/**
 * The skills that ship inside the binary. They are modules (not files read
 * at run time) so a compiled openclaw has them too. Each text is a complete
 * SKILL.md, parsed by the same code as skills on disk.
 */
import { SKILL_MD as clipboard } from "./clipboard.ts";
import { SKILL_MD as diagrams } from "./diagrams.ts";
import { SKILL_MD as github } from "./github.ts";
import { SKILL_MD as jq } from "./jq.ts";
import { SKILL_MD as notion } from "./notion.ts";
import { SKILL_MD as tmux } from "./tmux.ts";
import { SKILL_MD as weather } from "./weather.ts";

export interface BundledSkill {
  folder: string;
  text: string;
}

export const BUNDLED_SKILLS: readonly BundledSkill[] = [
  { folder: "clipboard", text: clipboard },
  { folder: "diagrams", text: diagrams },
  { folder: "github", text: github },
  { folder: "jq", text: jq },
  { folder: "notion", text: notion },
  { folder: "tmux", text: tmux },
  { folder: "weather", text: weather },
];

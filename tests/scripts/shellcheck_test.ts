/** Every shell script of the project passes shellcheck (installed by scripts/test-deps.sh). */
import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;
const hasShellcheck =
  new Deno.Command("sh", { args: ["-c", "command -v shellcheck"] }).outputSync().success;
const scripts = [".ci/run", "scripts/test-deps.sh", "scripts/release-smoke.sh", "install.sh"]
  .filter((p) => {
    try {
      return Deno.statSync(root + p).isFile;
    } catch {
      return false;
    }
  });

Deno.test({
  name: `shellcheck: ${scripts.join(", ")}`,
  ignore: !hasShellcheck,
  fn() {
    for (const script of scripts) {
      const shell = script.endsWith(".sh") ? ["-s", "sh"] : [];
      const out = new Deno.Command("shellcheck", { args: [...shell, root + script] }).outputSync();
      assert.ok(out.success, `${script}:\n${new TextDecoder().decode(out.stdout)}`);
    }
  },
});

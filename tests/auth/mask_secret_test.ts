import assert from "node:assert/strict";
import { maskSecret } from "../../lib/auth/profiles.ts";

/** The characters of `secret` that its mask shows. */
function shown(mask: string): string {
  return mask.replace(/…/g, "");
}

Deno.test("maskSecret shows nothing of a secret under 16 characters", () => {
  for (const s of ["", "a", "abcdefgh", "sk-ant-abc123", "123456789012345"]) {
    assert.equal(shown(maskSecret(s)), "", `${s} -> ${maskSecret(s)}`);
  }
});

Deno.test("maskSecret shows at most 4 characters of a longer secret, its last ones", () => {
  for (const s of ["1234567890123456", "sk-ant-api03-" + "x".repeat(80) + "WXYZ"]) {
    const m = maskSecret(s);
    assert.ok(shown(m).length <= 4, `${m} shows ${shown(m).length} characters`);
    assert.ok(s.endsWith(shown(m)));
  }
  assert.equal(maskSecret("sk-proj-0000000000000000009"), "…0009");
});

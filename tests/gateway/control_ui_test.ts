/**
 * The Control UI in headless Chromium (Debian's `chromium`, driven over the
 * DevTools protocol): open the page, enter the token, watch live health,
 * complete the onboarding wizard through the page, check the config written.
 */
import assert from "node:assert/strict";
import { testGateway, TOKEN } from "./harness.ts";
import { Browser, chromiumAvailable } from "./cdp.ts";

const KEY = "sk-ant-api03-control-ui-0123456789";
const available = await chromiumAvailable();
if (!available) {
  console.warn(
    "control_ui_test: skipped, /usr/bin/chromium is missing (sh scripts/test-deps.sh installs it).",
  );
}

/** Click a radio/checkbox in the current step by the text of its label. */
const pick = (label: string) =>
  `(() => { const l = [...document.querySelectorAll('#step-body label')].find((x) => x.textContent.trim().startsWith(${
    JSON.stringify(label)
  })); if (!l) return false; l.querySelector('input').click(); return true; })()`;

const stepIs = (qid: string) =>
  `!document.getElementById('wizard-step').hidden && document.getElementById('wizard-step').dataset.questionId === ${
    JSON.stringify(qid)
  } && !document.getElementById('step-submit').disabled`;

const submit = `document.getElementById('step-submit').click(), true`;

Deno.test({
  name: "Control UI: token entry, live health, and onboarding completed in the browser",
  ignore: !available,
  sanitizeResources: false,
  sanitizeOps: false,
  fn: async () => {
    await using gw = await testGateway();
    await using b = await Browser.open(gw.httpUrl);
    await b.waitFor(`document.getElementById('auth-secret') !== null`);

    // A wrong token is refused with a message; the right one connects.
    await b.eval(
      `document.getElementById('auth-secret').value = 'wrong-token-xyz'; document.getElementById('connect-button').click(); true`,
    );
    const refused = await b.waitFor(`document.getElementById('connect-error').textContent`);
    assert.match(refused, /token is wrong/);
    await b.eval(
      `document.getElementById('auth-secret').value = ${
        JSON.stringify(TOKEN)
      }; document.getElementById('connect-button').click(); true`,
    );
    await b.waitFor(`!document.getElementById('health-section').hidden`);
    const health = await b.waitFor(
      `document.getElementById('health-status').textContent !== '…' && document.getElementById('health-status').textContent`,
    );
    assert.equal(health, "degraded", "no config yet");
    assert.equal(await b.eval(`document.getElementById('health-auth').textContent`), "token");

    // The wizard, step by step.
    await b.eval(`document.getElementById('wizard-start').click(), true`);
    await b.waitFor(
      `document.getElementById('wizard-step').dataset.stepType === 'note' && document.getElementById('step-title').textContent === 'Security'`,
    );
    await b.eval(submit);
    await b.waitFor(stepIs("risk.accept"));
    assert.ok(await b.eval(pick("Yes")));
    await b.eval(submit);
    await b.waitFor(stepIs("flow"));
    assert.ok(await b.eval(pick("QuickStart")));
    await b.eval(submit);
    await b.waitFor(stepIs("auth.provider"));
    assert.ok(await b.eval(pick("Anthropic")));
    await b.eval(submit);
    await b.waitFor(stepIs("auth.method"));
    assert.ok(await b.eval(pick("Anthropic API key")));
    await b.eval(submit);
    await b.waitFor(stepIs("auth.anthropicApiKey"));
    assert.equal(await b.eval(`document.getElementById('step-input').type`), "password");
    // An invalid key: the server's validator answers, the step stays.
    await b.eval(`document.getElementById('step-input').value = 'not-a-key'; ${submit}`);
    const err = await b.waitFor(`document.getElementById('step-error').textContent`);
    assert.match(err, /sk-ant-/);
    await b.eval(`document.getElementById('step-input').value = ${JSON.stringify(KEY)}; ${submit}`);
    // Notes (QuickStart gateway settings, Summary, Next steps) until done.
    const deadline = Date.now() + 15_000;
    while (!(await b.eval(`!document.getElementById('wizard-done').hidden`))) {
      assert.ok(Date.now() < deadline, "the wizard did not finish");
      const type = await b.eval(
        `!document.getElementById('step-submit').disabled && document.getElementById('wizard-step').dataset.stepType`,
      );
      const channels = type === "multiselect" && await b.eval(stepIs("channels.select"));
      // Notes are acknowledged; the Channels question is answered with none.
      if (type === "note" || channels) await b.eval(submit);
      else if (type) throw new Error(`unexpected ${type} step`);
      await new Promise((r) => setTimeout(r, 30));
    }
    assert.equal(
      await b.eval(`document.getElementById('wizard-result').textContent`),
      "Onboarding complete.",
    );

    const cfg = JSON.parse(await Deno.readTextFile(gw.paths.configPath));
    assert.equal(cfg.gateway.auth.mode, "token");
    assert.equal(cfg.gateway.port, 18789);
    assert.equal(cfg.agents.defaults.model, "anthropic/claude-sonnet-4-5");
    const profiles = JSON.parse(
      await Deno.readTextFile(`${gw.paths.agentsDir}/main/agent/auth-profiles.json`),
    );
    assert.equal(profiles.profiles["anthropic:default"].key, KEY);
    // Live health now sees the valid config.
    await b.waitFor(`document.getElementById('health-status').textContent === 'ok'`, 8000);

    // Run again, then cancel from the page: the session ends and nothing changes.
    const before = await Deno.readTextFile(gw.paths.configPath);
    await b.eval(`document.getElementById('wizard-again').click(), true`);
    await b.eval(`document.getElementById('wizard-start').click(), true`);
    await b.waitFor(stepIs("config.existing"));
    await b.eval(`document.getElementById('wizard-cancel').click(), true`);
    await b.waitFor(`!document.getElementById('wizard-done').hidden`);
    assert.match(await b.eval(`document.getElementById('wizard-result').textContent`), /Cancelled/);
    assert.equal(await Deno.readTextFile(gw.paths.configPath), before);
    assert.deepEqual(b.consoleErrors, []);
  },
});

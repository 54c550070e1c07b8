/**
 * The Control UI: one self-contained HTML page (inline CSS and JS, no
 * framework, nothing read from disk at run time, so it ships inside the
 * compiled binary) served by the gateway at `GET /`.
 *
 * It speaks the same WebSocket RPC as every client: `connect` with the token
 * or password the user types, or the one `openclaw dashboard` put in the URL
 * fragment (`#token=…` / `#password=…`: browsers never send a fragment to the
 * server; the page removes it from the address bar before connecting). The
 * secret is kept in sessionStorage for this tab only. The gateway serves the
 * page with its auth mode (token, password or none; never a secret) so the
 * form asks for the right secret; any client can learn that mode anyway from
 * the answer to a `connect` without a secret.
 * `health` every few seconds; a chat on the `main` session (`chat.history`,
 * `chat.send` with its reply streamed as `chat` events, `chat.abort`), whose
 * text is only ever set as text, never parsed as HTML; and the onboarding wizard step by step through
 * `wizard.start` / `wizard.next` / `wizard.cancel` / `wizard.status`. It
 * renders the steps the server sends; it does not know the onboarding flow.
 *
 * Element ids are stable (tests and docs refer to them). The script avoids
 * template literals so this TypeScript template string needs no escaping.
 */
/** The page for a gateway whose auth mode is `mode` (what the form asks for first). */
export function controlUiHtml(mode: "token" | "password" | "none"): string {
  return CONTROL_UI_HTML.replace(
    '<meta name="openclaw-auth-mode" content="token">',
    '<meta name="openclaw-auth-mode" content="' + mode + '">',
  );
}

export const CONTROL_UI_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="openclaw-auth-mode" content="token">
<title>OpenClaw Control</title>
<style>
  :root { color-scheme: light dark; --accent: #d2452d; --muted: #777; --ok: #2e8b57; --bad: #c0392b; }
  * { box-sizing: border-box; }
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; }
  header { padding: 14px 24px; border-bottom: 1px solid #8884; display: flex; gap: 16px; align-items: baseline; }
  header h1 { font-size: 18px; margin: 0; }
  #conn-status { color: var(--muted); font-size: 13px; }
  main { max-width: 760px; margin: 0 auto; padding: 16px 24px 48px; }
  section { border: 1px solid #8884; border-radius: 10px; padding: 16px 18px; margin: 16px 0; }
  h2 { font-size: 16px; margin: 0 0 10px; }
  label { display: block; margin: 6px 0; }
  input[type=text], input[type=password] { width: 100%; padding: 8px 10px; font: inherit; border-radius: 6px; border: 1px solid #8888; }
  button { font: inherit; padding: 7px 14px; border-radius: 6px; border: 1px solid #8888; cursor: pointer; background: transparent; color: inherit; }
  button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
  button:disabled { opacity: .5; cursor: default; }
  .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin-top: 10px; }
  .hint { color: var(--muted); font-size: 13px; }
  .error { color: var(--bad); margin: 8px 0; white-space: pre-wrap; }
  .ok { color: var(--ok); }
  .bad { color: var(--bad); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
  dt { color: var(--muted); }
  dd { margin: 0; }
  pre.message { white-space: pre-wrap; font: inherit; margin: 0 0 8px; }
  .step-title { font-weight: 600; margin-bottom: 6px; }
  #chat-log { max-height: 420px; overflow-y: auto; display: flex; flex-direction: column; gap: 8px; margin-bottom: 10px; }
  .msg { white-space: pre-wrap; padding: 8px 12px; border-radius: 10px; max-width: 90%; overflow-wrap: anywhere; }
  .msg.user { align-self: flex-end; background: #8882; }
  .msg.assistant { align-self: flex-start; border: 1px solid #8884; }
  .msg.failed { color: var(--bad); }
  .msg.streaming::after { content: "▍"; color: var(--muted); }
  #chat-input { width: 100%; min-height: 60px; padding: 8px 10px; font: inherit; border-radius: 6px; border: 1px solid #8888; resize: vertical; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<header>
  <h1>OpenClaw Control</h1>
  <span id="conn-status">Not connected</span>
</header>
<main>
  <section id="connect-section">
    <h2>Connect to the gateway</h2>
    <form id="connect-form" autocomplete="off">
      <label>Sign in with
        <select id="auth-kind">
          <option value="token">Token (gateway.auth.token)</option>
          <option value="password">Password (gateway.auth.password)</option>
          <option value="none">No auth (loopback gateway without auth)</option>
        </select>
      </label>
      <label><span id="auth-secret-label">Token</span> <input id="auth-secret" type="password" spellcheck="false" placeholder="Paste the gateway token"></label>
      <div class="row"><button id="connect-button" class="primary" type="submit">Connect</button>
      <span class="hint">Kept in this browser tab only.</span></div>
      <p class="hint">Or run <code>openclaw dashboard</code> on the gateway's machine: it prints a link that signs you in.</p>
      <div id="connect-error" class="error" role="alert"></div>
    </form>
  </section>

  <section id="health-section" hidden>
    <h2>Health</h2>
    <dl id="health">
      <dt>Status</dt><dd id="health-status">…</dd>
      <dt>Version</dt><dd id="health-version">…</dd>
      <dt>Uptime</dt><dd id="health-uptime">…</dd>
      <dt>Auth</dt><dd id="health-auth">…</dd>
      <dt>Bind</dt><dd id="health-bind">…</dd>
      <dt>Tailscale</dt><dd id="health-tailscale">…</dd>
      <dt>Config</dt><dd id="health-config">…</dd>
      <dt>Channels</dt><dd id="health-channels">…</dd>
    </dl>
  </section>

  <section id="chat-section" hidden>
    <h2>Chat</h2>
    <p class="hint">The <code>main</code> session, shared with <code>openclaw agent</code>.</p>
    <div id="chat-log" role="log" aria-live="polite"></div>
    <form id="chat-form" autocomplete="off">
      <textarea id="chat-input" placeholder="Message your agent (Enter sends, Shift+Enter for a new line)"></textarea>
      <div class="row">
        <button id="chat-send" class="primary" type="submit">Send</button>
        <button id="chat-stop" type="button" hidden>Stop</button>
        <span id="chat-error" class="error" role="alert"></span>
      </div>
    </form>
  </section>

  <section id="wizard-section" hidden>
    <h2>Setup wizard</h2>
    <p class="hint" id="wizard-intro">Runs the same onboarding as <code>openclaw onboard</code>, one step at a time.</p>
    <div class="row" id="wizard-idle"><button id="wizard-start" class="primary" type="button">Start onboarding</button></div>
    <form id="wizard-step" hidden autocomplete="off">
      <div class="step-title" id="step-title"></div>
      <pre class="message" id="step-message"></pre>
      <div id="step-body"></div>
      <div id="step-error" class="error" role="alert"></div>
      <div class="row">
        <button id="step-back" type="button" hidden>← Back</button>
        <button id="step-submit" class="primary" type="submit">Continue</button>
        <button id="wizard-cancel" type="button">Cancel</button>
      </div>
    </form>
    <div id="wizard-done" hidden>
      <p id="wizard-result"></p>
      <pre class="message hint" id="wizard-output"></pre>
      <div class="row"><button id="wizard-again" type="button">Run again</button></div>
    </div>
  </section>
</main>
<script>
(function () {
  "use strict";
  var PROTOCOL = 1;
  var ws = null, nextId = 1, pending = {}, healthTimer = null;
  var session = null; // {id, step}
  var $ = function (id) { return document.getElementById(id); };

  function setStatus(text) { $("conn-status").textContent = text; }

  function open(auth) {
    return new Promise(function (resolve, reject) {
      var scheme = location.protocol === "https:" ? "wss://" : "ws://";
      var sock = new WebSocket(scheme + location.host + "/");
      var opened = false;
      sock.onopen = function () {
        ws = sock; opened = true;
        rpc("connect", {
          minProtocol: PROTOCOL, maxProtocol: PROTOCOL,
          client: { id: "control-ui", version: "1", platform: "web", mode: "ui" },
          auth: auth
        }).then(resolve, reject);
      };
      sock.onmessage = function (e) {
        var f; try { f = JSON.parse(e.data); } catch (_) { return; }
        if (f.type === "res" && pending[f.id]) {
          var p = pending[f.id]; delete pending[f.id];
          if (f.ok) p.resolve(f.payload); else p.reject(Object.assign(new Error(f.error.message), { code: f.error.code }));
        } else if (f.type === "event" && f.event === "shutdown") {
          setStatus("The gateway is stopping");
        } else if (f.type === "event" && f.event === "chat") {
          onChatEvent(f.payload);
        }
      };
      sock.onclose = function (e) {
        var err = new Error(e.code === 4001 ? "The gateway refused the secret." :
          e.code === 4029 ? "Too many failed attempts; wait a minute." : "The connection closed.");
        Object.keys(pending).forEach(function (id) { pending[id].reject(err); delete pending[id]; });
        if (!opened) reject(new Error("Could not reach the gateway."));
        if (ws === sock) { ws = null; disconnected(err.message); }
      };
    });
  }

  function rpc(method, params) {
    return new Promise(function (resolve, reject) {
      if (!ws || ws.readyState !== 1) return reject(new Error("Not connected."));
      var id = "ui" + (nextId++);
      pending[id] = { resolve: resolve, reject: reject };
      ws.send(JSON.stringify({ type: "req", id: id, method: method, params: params }));
    });
  }

  var SECRET_TEXT = {
    token: { label: "Token", placeholder: "Paste the gateway token" },
    password: { label: "Password", placeholder: "The gateway password" },
    none: { label: "No secret", placeholder: "" }
  };

  /** Put the form in token, password or no-auth mode, with texts to match. */
  function setKind(kind) {
    if (!SECRET_TEXT[kind]) return;
    $("auth-kind").value = kind;
    $("auth-secret").disabled = kind === "none";
    $("auth-secret-label").textContent = SECRET_TEXT[kind].label;
    $("auth-secret").placeholder = SECRET_TEXT[kind].placeholder;
  }

  function kindOf(auth) {
    return !auth ? "none" : auth.password !== undefined ? "password" : "token";
  }

  /**
   * A credential in the fragment (from openclaw dashboard): read it, then
   * drop it from the address bar and this history entry before anything else.
   */
  function takeFragment() {
    if (!location.hash) return undefined;
    var params = new URLSearchParams(location.hash.slice(1));
    history.replaceState(null, "", location.pathname + location.search);
    var token = params.get("token"), password = params.get("password");
    if (token) return { token: token };
    if (password) return { password: password };
    return undefined;
  }

  function authFromForm() {
    var kind = $("auth-kind").value, secret = $("auth-secret").value.trim();
    if (kind === "none") return undefined;
    var a = {}; a[kind] = secret; return a;
  }

  function connect(auth) {
    $("connect-error").textContent = "";
    $("connect-button").disabled = true;
    setStatus("Connecting…");
    return open(auth).then(function (hello) {
      sessionStorage.setItem("openclaw.auth", JSON.stringify(auth || null));
      setStatus("Connected · openclaw " + hello.server.version);
      clearInterval(healthTimer);
      $("connect-section").hidden = true;
      $("health-section").hidden = false;
      $("chat-section").hidden = false;
      $("wizard-section").hidden = false;
      loadHistory();
      refreshHealth();
      healthTimer = setInterval(refreshHealth, 5000);
    }).catch(function (err) {
      sessionStorage.removeItem("openclaw.auth");
      setKind(kindOf(auth));
      $("connect-error").textContent = err.message;
      setStatus("Not connected");
    }).then(function () { $("connect-button").disabled = false; });
  }

  function disconnected(message) {
    clearInterval(healthTimer);
    setStatus("Disconnected: " + message);
    $("connect-section").hidden = false;
    $("health-section").hidden = true;
    $("chat-section").hidden = true;
    $("wizard-section").hidden = true;
    chatRuns = {};
    $("chat-stop").hidden = true;
  }

  function duration(ms) {
    var s = Math.floor(ms / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60);
    return h ? h + "h " + (m % 60) + "m" : m ? m + "m " + (s % 60) + "s" : s + "s";
  }

  function refreshHealth() {
    rpc("health").then(function (h) {
      var st = $("health-status");
      st.textContent = h.status; st.className = h.status === "ok" ? "ok" : "bad";
      $("health-version").textContent = h.version;
      $("health-uptime").textContent = duration(h.uptimeMs);
      $("health-auth").textContent = h.auth.mode;
      $("health-bind").textContent = h.bind.mode + " (" + h.bind.host + ":" + h.bind.port + ")";
      $("health-tailscale").textContent = h.tailscale.mode;
      $("health-config").textContent = h.config.valid ? "valid" : "needs attention: " + h.config.problems.join("; ");
      $("health-channels").textContent = h.channels.length ? h.channels.join(", ") : "none configured";
    }).catch(function () {});
  }

  // ---- chat (the main session) ----
  // Model output is put in the page as text only (textContent), never as HTML.

  var CHAT_SESSION = "main";
  var chatRuns = {}; // runId -> the assistant bubble it fills
  var earlyEvents = {}; // events that came before chat.send's answer, by runId

  function bubble(role, text) {
    var d = el("div", { "class": "msg " + role }, text);
    var log = $("chat-log");
    log.appendChild(d);
    log.scrollTop = log.scrollHeight;
    return d;
  }

  function loadHistory() {
    rpc("chat.history", { sessionKey: CHAT_SESSION, limit: 100 }).then(function (h) {
      $("chat-log").innerHTML = "";
      h.messages.forEach(function (m) { bubble(m.role === "user" ? "user" : "assistant", m.text); });
    }, function (err) { $("chat-error").textContent = err.message; });
  }

  function onChatEvent(e) {
    var b = chatRuns[e.runId];
    if (!b) { (earlyEvents[e.runId] = earlyEvents[e.runId] || []).push(e); return; }
    if (e.state === "delta") { b.textContent += e.text; }
    else {
      b.textContent = e.text || (e.state === "aborted" ? "(stopped)" : "");
      b.classList.remove("streaming");
      if (e.state === "error") b.classList.add("failed");
      if (e.state === "aborted") b.classList.add("aborted");
      delete chatRuns[e.runId];
      $("chat-stop").hidden = Object.keys(chatRuns).length === 0;
    }
    $("chat-log").scrollTop = $("chat-log").scrollHeight;
  }

  function sendChat() {
    var text = $("chat-input").value;
    if (!text.trim()) return;
    $("chat-error").textContent = "";
    $("chat-input").value = "";
    bubble("user", text);
    var b = bubble("assistant streaming", "");
    var key = "ui-" + Date.now() + "-" + Math.random().toString(36).slice(2);
    rpc("chat.send", { sessionKey: CHAT_SESSION, message: text, idempotencyKey: key }).then(function (ack) {
      chatRuns[ack.runId] = b;
      b.setAttribute("data-run-id", ack.runId);
      $("chat-stop").hidden = false;
      (earlyEvents[ack.runId] || []).forEach(onChatEvent);
      delete earlyEvents[ack.runId];
    }, function (err) {
      b.classList.remove("streaming"); b.classList.add("failed");
      b.textContent = err.message;
    });
  }

  $("chat-form").addEventListener("submit", function (e) { e.preventDefault(); sendChat(); });
  $("chat-input").addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); sendChat(); }
  });
  $("chat-stop").addEventListener("click", function () {
    rpc("chat.abort", { sessionKey: CHAT_SESSION }).catch(function () {});
  });

  // ---- wizard ----

  function show(view) {
    session = view.done ? null : { id: view.sessionId, step: view.step };
    if (view.done) return finished(view);
    $("wizard-idle").hidden = true;
    $("wizard-done").hidden = true;
    renderStep(view.step);
    if (view.step && view.step.type === "progress") setTimeout(poll, 500);
  }

  function poll() {
    if (!session) return;
    rpc("wizard.status", { sessionId: session.id }).then(show, wizardError);
  }

  function finished(view) {
    session = null;
    $("wizard-step").hidden = true;
    $("wizard-idle").hidden = true;
    $("wizard-done").hidden = false;
    var r = $("wizard-result");
    if (view.status === "done") { r.textContent = view.message || "Done."; r.className = "ok"; }
    else { r.textContent = view.error || ("Wizard " + view.status + "."); r.className = "error"; }
    $("wizard-output").textContent = (view.output || []).join("\\n");
    refreshHealth();
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function choice(type, name, i, label, hint, checked) {
    var l = el("label", { "class": "choice" });
    var input = el("input", { type: type, name: name, value: String(i) });
    input.checked = !!checked;
    l.appendChild(input);
    l.appendChild(document.createTextNode(" " + label));
    if (hint) { l.appendChild(document.createTextNode(" ")); l.appendChild(el("span", { "class": "hint" }, "(" + hint + ")")); }
    return l;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function renderStep(step) {
    var form = $("wizard-step"), body = $("step-body");
    form.hidden = false;
    form.setAttribute("data-step-type", step.type);
    form.setAttribute("data-question-id", step.questionId || "");
    $("step-title").textContent = step.title || "";
    $("step-message").textContent = step.message;
    $("step-error").textContent = step.error || "";
    $("step-back").hidden = !step.allowBack;
    $("step-submit").hidden = step.type === "progress";
    $("step-submit").disabled = false;
    body.innerHTML = "";
    if (step.type === "select") {
      step.options.forEach(function (o, i) {
        body.appendChild(choice("radio", "choice", i, o.label, o.hint, same(o.value, step.initialValue) || (step.initialValue === undefined && i === 0)));
      });
    } else if (step.type === "multiselect") {
      step.options.forEach(function (o, i) {
        var init = step.initialValue || [];
        body.appendChild(choice("checkbox", "choice", i, o.label, o.hint, init.some(function (v) { return same(v, o.value); })));
      });
    } else if (step.type === "confirm") {
      body.appendChild(choice("radio", "choice", 1, "Yes", "", step.initialValue !== false));
      body.appendChild(choice("radio", "choice", 0, "No", "", step.initialValue === false));
    } else if (step.type === "text") {
      var input = el("input", { id: "step-input", type: step.sensitive ? "password" : "text", spellcheck: "false" });
      if (step.placeholder) input.placeholder = step.placeholder;
      if (!step.sensitive && typeof step.initialValue === "string") input.value = step.initialValue;
      body.appendChild(input);
      setTimeout(function () { input.focus(); }, 0);
    } else if (step.type === "progress") {
      body.appendChild(el("p", { "class": "hint" }, "Working…"));
    }
  }

  function readAnswer(step) {
    var picked = Array.prototype.slice.call(document.querySelectorAll("#step-body input[name=choice]:checked"))
      .map(function (i) { return Number(i.value); });
    if (step.type === "select") return picked.length ? step.options[picked[0]].value : undefined;
    if (step.type === "multiselect") return picked.map(function (i) { return step.options[i].value; });
    if (step.type === "confirm") return picked[0] === 1;
    if (step.type === "text") return $("step-input").value;
    return undefined;
  }

  function answer(extra) {
    if (!session) return;
    $("step-submit").disabled = true;
    var a = { stepId: session.step.id };
    Object.keys(extra).forEach(function (k) { a[k] = extra[k]; });
    rpc("wizard.next", { sessionId: session.id, answer: a }).then(show, wizardError);
  }

  function wizardError(err) {
    $("step-submit").disabled = false;
    if (err.code === "STALE_STEP" || err.code === "NOT_FOUND") {
      if (session && err.code === "STALE_STEP") return poll();
      return finished({ status: "error", error: err.message });
    }
    $("step-error").textContent = err.message;
  }

  $("connect-form").addEventListener("submit", function (e) { e.preventDefault(); connect(authFromForm()); });
  $("auth-kind").addEventListener("change", function () { setKind($("auth-kind").value); });
  $("wizard-start").addEventListener("click", function () {
    $("wizard-start").disabled = true;
    rpc("wizard.start", {}).then(show, function (err) {
      $("wizard-result").textContent = err.message; $("wizard-result").className = "error";
      $("wizard-done").hidden = false;
    }).then(function () { $("wizard-start").disabled = false; });
  });
  $("wizard-again").addEventListener("click", function () {
    $("wizard-done").hidden = true; $("wizard-idle").hidden = false;
  });
  $("wizard-step").addEventListener("submit", function (e) {
    e.preventDefault();
    if (!session) return;
    answer({ value: readAnswer(session.step) });
  });
  $("step-back").addEventListener("click", function () { answer({ back: true }); });
  $("wizard-cancel").addEventListener("click", function () {
    if (!session) return;
    rpc("wizard.cancel", { sessionId: session.id }).then(show, wizardError);
  });

  var mode = document.querySelector("meta[name=openclaw-auth-mode]").content;
  setKind(mode);
  var fromLink = takeFragment();
  var saved = sessionStorage.getItem("openclaw.auth");
  if (fromLink) connect(fromLink);
  else if (saved !== null) connect(JSON.parse(saved) || undefined);
  else if (mode === "none") connect(undefined); // a loopback gateway without auth: nothing to ask
  // A new link pasted into this tab changes only the fragment: no reload, so listen for it.
  window.addEventListener("hashchange", function () {
    var auth = takeFragment();
    if (!auth) return;
    var old = ws; ws = null;
    if (old) { clearInterval(healthTimer); old.close(); }
    connect(auth);
  });
})();
</script>
</body>
</html>
`;

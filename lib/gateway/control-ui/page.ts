/**
 * The Control UI: one self-contained HTML page (inline CSS and JS, no
 * framework, nothing read from disk at run time) served by the gateway at
 * `GET /`. Placeholder; the full page follows.
 */
export const CONTROL_UI_HTML = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>OpenClaw Control</title></head>
<body><main><h1>OpenClaw Control</h1><p>Loading…</p></main></body>
</html>
`;

/**
 * A small, self-contained GraphQL explorer served at GET /graphql to browsers. It loads nothing
 * from the network (management networks are often offline, and hosted sandboxes would see the
 * API key), keeps the key in the tab's sessionStorage only, and sends it in `x-api-key`.
 */

const EXAMPLE = `query Fleet {
  me { tenantId role actor }
  bmcs(first: 10) {
    nodes { id name address port health tags power { state } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export function explorerHtml(endpoint: string): string {
  // JSON.stringify makes both values safe JavaScript string literals; "<" is escaped so that
  // no "</script>" can end the script element early.
  const js = (v: string) => JSON.stringify(v).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>BMC Control Plane - GraphQL explorer</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 0; display: grid; grid-template-rows: auto 1fr; height: 100vh; }
  header { padding: 8px 12px; background: #1f2933; color: #fff; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  header input { width: 28em; font: inherit; }
  main { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; padding: 8px; min-height: 0; }
  section { display: grid; grid-template-rows: 3fr auto 1fr; gap: 4px; min-height: 0; }
  textarea, pre { font: 13px ui-monospace, monospace; width: 100%; box-sizing: border-box; margin: 0; border: 1px solid #ccc; padding: 6px; }
  pre { overflow: auto; background: #f7f7f7; }
  button { font: inherit; padding: 4px 14px; }
</style>
</head>
<body>
<header>
  <strong>BMC Control Plane</strong>
  <label>x-api-key <input id="key" type="password" autocomplete="off" placeholder="bmcp_..."></label>
  <button id="run" title="Ctrl+Enter">Run</button>
  <button id="schema">Schema</button>
  <span id="status"></span>
</header>
<main>
  <section>
    <textarea id="query" spellcheck="false" aria-label="query"></textarea>
    <label for="variables">Variables (JSON)</label>
    <textarea id="variables" spellcheck="false">{}</textarea>
  </section>
  <pre id="result" aria-live="polite"></pre>
</main>
<script>
const endpoint = ${js(endpoint)};
const $ = (id) => document.getElementById(id);
$('query').value = sessionStorage.getItem('bmcp.query') || ${js(EXAMPLE)};
$('key').value = sessionStorage.getItem('bmcp.key') || '';
async function send(query, variables) {
  sessionStorage.setItem('bmcp.key', $('key').value);
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': $('key').value },
    body: JSON.stringify({ query, variables }),
  });
  $('status').textContent = res.status + ' ' + res.statusText + ' ' + (res.headers.get('x-request-id') || '');
  return res.json();
}
async function run() {
  let variables;
  try { variables = JSON.parse($('variables').value || '{}'); }
  catch (e) { $('result').textContent = 'Variables are not valid JSON: ' + e.message; return; }
  sessionStorage.setItem('bmcp.query', $('query').value);
  try { $('result').textContent = JSON.stringify(await send($('query').value, variables), null, 2); }
  catch (e) { $('result').textContent = String(e); }
}
async function schema() {
  const q = '{ __schema { types { name kind description fields { name description } } } }';
  try {
    const r = await send(q, {});
    const types = (r.data ? r.data.__schema.types : []).filter((t) => !t.name.startsWith('__'));
    $('result').textContent = types.map((t) => t.kind + ' ' + t.name + (t.description ? '  # ' + t.description.split('\\n')[0] : '') +
      (t.fields || []).map((f) => '\\n    ' + f.name + (f.description ? '  # ' + f.description : '')).join('')).join('\\n\\n');
  } catch (e) { $('result').textContent = String(e); }
}
$('run').onclick = run;
$('schema').onclick = schema;
document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) run(); });
</script>
</body>
</html>
`;
}

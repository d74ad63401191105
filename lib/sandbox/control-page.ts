import type { RequestLogEntry, SandboxState, TargetMode, TargetState } from "./state";

export type PageInfo = { flakyRate: number; archivedSkus: readonly string[] };

/** The page a person uses to see what the sandbox received and to switch a target down or back up. */
export function renderControlPage(state: SandboxState, info: PageInfo): string {
  const targets = Object.values(state.targets);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="5">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fixline sandbox connector</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>Sandbox connector</h1>
<p class="lead">The WMS and cart of each demo merchant. Switch a target down to watch Fixline alert and retry, then bring it
back up to watch the alerts resolve. ${Math.round(info.flakyRate * 100)}% of orders meet a busy WMS twice before they get through;
inventory for ${info.archivedSkus.map((s) => `<code>${esc(s)}</code>`).join(", ") || "no SKU"} is refused as archived.
This page refreshes every 5 s.</p>
<table>
<thead><tr><th>Target</th><th>Endpoint</th><th>State</th><th class="num">Received</th><th class="num">Accepted</th><th>Switch</th></tr></thead>
<tbody>
${targets.map(targetRow).join("\n")}
</tbody>
</table>
<form method="post" action="/_sandbox/reset" class="inline"><button class="quiet">Reset counters and history</button></form>
<h2>Recent requests <span class="sub">newest first</span></h2>
${state.requests.length === 0 ? `<p class="empty">No requests yet.</p>` : requestTable(state.requests)}
</main>
</body>
</html>`;
}

const MODE_TEXT: Record<TargetMode, { badge: string; button: string }> = {
  up: { badge: "Up", button: "Bring up" },
  down: { badge: "Down (503)", button: "Switch down" },
  refuse: { badge: "Refusing connections", button: "Refuse connections" },
};

function targetRow(t: TargetState): string {
  const buttons = (Object.keys(MODE_TEXT) as TargetMode[])
    .filter((mode) => mode !== t.mode)
    .map(
      (mode) =>
        `<form method="post" action="/_sandbox/${esc(t.id)}/${mode}" class="inline"><button class="${mode === "up" ? "go" : "stop"}">${MODE_TEXT[mode].button}</button></form>`,
    )
    .join("");
  return `<tr>
<td><strong>${esc(t.label)}</strong><div class="sub">${esc(t.slug)} · ${t.kind === "wms" ? "WMS" : "cart"}</div></td>
<td class="nowrap"><code>/${esc(t.id)}</code></td>
<td><span class="badge ${t.mode}">${MODE_TEXT[t.mode].badge}</span></td>
<td class="num">${t.received}</td>
<td class="num">${t.accepted}</td>
<td><div class="switch">${buttons}</div></td>
</tr>`;
}

function requestTable(requests: RequestLogEntry[]): string {
  const rows = requests.map(
    (r) => `<tr>
<td>${esc(r.at.slice(11, 19))}</td>
<td>${esc(r.target)}</td>
<td><code>${esc(r.method)} ${esc(r.path)}</code></td>
<td>${r.ref ? esc(r.ref) : "—"}</td>
<td><span class="status ${statusClass(r.status)}">${r.status ?? "reset"}</span>${r.code ? ` <span class="sub">${esc(r.code)}</span>` : ""}</td>
<td><code class="key">${r.idempotencyKey ? esc(r.idempotencyKey) : "—"}</code></td>
</tr>`,
  );
  return `<table>
<thead><tr><th>Time (UTC)</th><th>Target</th><th>Request</th><th>Order / SKU</th><th>Answer</th><th>Idempotency-Key</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>`;
}

function statusClass(status: number | null): string {
  if (status === null || status >= 500 || status === 429) return "bad";
  if (status >= 400) return "warn";
  return "ok";
}

function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2933;background:#f5f7fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:16px;margin:28px 0 8px}
.lead{color:#52606d;margin:0 0 16px;max-width:780px}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #e4e7eb;border-radius:8px;overflow:hidden}
th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #eef1f4;vertical-align:top}
th{background:#f0f3f7;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#52606d}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums}
.sub{color:#7b8794;font-size:12px}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
code.key{color:#52606d;word-break:break-all}
.badge{display:inline-block;padding:2px 8px;border-radius:999px;font-size:12px;font-weight:600}
.badge.up{background:#e3f9e5;color:#207227}
.badge.down{background:#ffe3e3;color:#ab091e}
.badge.refuse{background:#fff3c4;color:#8d2b0b}
.inline{display:inline}
.nowrap,.badge{white-space:nowrap}
.switch{display:flex;flex-wrap:wrap;gap:6px}
button{font:inherit;font-size:13px;padding:4px 10px;border-radius:6px;border:1px solid transparent;cursor:pointer}
button.go{background:#207227;color:#fff}
button.stop{background:#fff;color:#ab091e;border-color:#f29b9b}
button.quiet{background:none;color:#52606d;border-color:#cbd2d9;margin-top:10px}
.status{font-weight:600}
.status.ok{color:#207227}.status.warn{color:#b44d12}.status.bad{color:#ab091e}
.empty{color:#7b8794}
`;

namespace EVoting.AppHost.Dashboard;

/// <summary>The dashboard's stylesheet and script, served by the AppHost itself (no CDN, no remote fonts).</summary>
internal static class DashboardAssets
{
    public const string Css = """
        :root { --bg:#f6f7f9; --fg:#1d2330; --muted:#667085; --line:#d9dde3; --accent:#4b3fd1; --ok:#16803c; --bad:#c0262d; --warn:#a15c00; }
        * { box-sizing: border-box; }
        body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background:var(--bg); color:var(--fg); }
        header { display:flex; gap:1.5rem; align-items:center; padding:.6rem 1.2rem; background:#1d2330; color:#fff; }
        header a { color:#dfe3ff; text-decoration:none; } header a.active, header a:hover { color:#fff; text-decoration:underline; }
        header strong { margin-right:1rem; } header form { margin-left:auto; display:flex; gap:.4rem; }
        header input { width:32rem; max-width:40vw; padding:.3rem .5rem; border-radius:4px; border:0; font-family:ui-monospace, monospace; }
        main { padding:1rem 1.2rem; }
        h1 { font-size:1.25rem; margin:.2rem 0 1rem; }
        table { border-collapse:collapse; width:100%; background:#fff; border:1px solid var(--line); }
        th, td { text-align:left; padding:.4rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
        th { background:#eef0f4; font-weight:600; }
        code, pre, .mono { font-family:ui-monospace, SFMono-Regular, Menlo, monospace; font-size:12.5px; }
        .state-Running.health-Healthy { color:var(--ok); font-weight:600; }
        .state-Running.health-Unhealthy, .state-Waiting, .state-Starting { color:var(--warn); font-weight:600; }
        .state-FailedToStart, .state-Exited, .error { color:var(--bad); font-weight:600; }
        button { padding:.2rem .6rem; border:1px solid var(--line); background:#fff; border-radius:4px; cursor:pointer; }
        button:hover { border-color:var(--accent); }
        pre.console { background:#11151c; color:#d6dde8; padding:.8rem; height:72vh; overflow:auto; white-space:pre-wrap; margin:0; }
        pre.console .err { color:#ff8b8b; }
        .muted { color:var(--muted); }
        .tabs a { margin-right:.8rem; }
        .wf-row td { padding:.25rem .6rem; }
        .wf-bar-cell { width:45%; }
        .wf-track { position:relative; height:14px; background:#eef0f4; border-radius:3px; }
        .wf-bar { position:absolute; top:0; height:14px; border-radius:3px; min-width:2px; }
        details summary { cursor:pointer; }
        .attrs td:first-child { color:var(--muted); white-space:nowrap; }
        .pill { display:inline-block; padding:0 .45rem; border-radius:9px; background:#eef0f4; margin-right:.25rem; font-size:12px; }
        """;

    public const string ResourcesScript = """
        async function act(name, action) {
          const r = await fetch(`/api/resources/${encodeURIComponent(name)}/${action}`, { method: 'POST', headers: { 'X-Dashboard-Action': '1' } });
          if (!r.ok) alert(`${action} ${name}: ${r.status} ${await r.text()}`);
          refresh();
        }
        function esc(s) { return String(s ?? '').replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c])); }
        async function refresh() {
          const r = await fetch('/api/resources'); if (!r.ok) return;
          const rows = (await r.json()).map(x => `<tr>
            <td><a href="/console/${encodeURIComponent(x.name)}">${esc(x.name)}</a></td><td>${esc(x.type)}</td>
            <td class="state-${esc(x.state)} health-${esc(x.health)}">${esc(x.state)}${x.state === 'Running' ? ' (' + esc(x.health) + ')' : ''}${x.exitCode != null ? ' code ' + x.exitCode : ''}<div class="muted">${esc(x.message)}</div></td>
            <td>${x.endpoints.map(e => e.url.startsWith('http') ? `<a href="${esc(e.url)}" target="_blank">${esc(e.url)}</a>` : `<span class="mono">${esc(e.url)}</span>`).join('<br>')}</td>
            <td class="mono">${esc(x.startedAt ? new Date(x.startedAt).toLocaleTimeString() : '')}</td>
            <td>${x.controllable ? `<button onclick="act('${esc(x.name)}','restart')">Restart</button> <button onclick="act('${esc(x.name)}','stop')">Stop</button> <button onclick="act('${esc(x.name)}','start')">Start</button>` : ''}</td></tr>`);
          document.getElementById('resources').innerHTML = rows.join('');
        }
        refresh(); setInterval(refresh, 2000);
        """;

    public const string ConsoleScript = """
        const pre = document.getElementById('console');
        const name = pre.dataset.resource;
        let after = -1;
        async function poll() {
          try {
            const r = await fetch(`/api/resources/${encodeURIComponent(name)}/logs?after=${after}`);
            if (r.ok) {
              const lines = await r.json();
              const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 20;
              for (const l of lines) {
                const span = document.createElement('span');
                if (l.isError) span.className = 'err';
                span.textContent = new Date(l.timestamp).toLocaleTimeString() + '  ' + l.text + '\n';
                pre.appendChild(span);
                after = l.sequence;
              }
              if (atBottom) pre.scrollTop = pre.scrollHeight;
            }
          } finally { setTimeout(poll, 1000); }
        }
        poll();
        """;
}

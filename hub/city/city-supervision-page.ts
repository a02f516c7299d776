import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

/**
 * `/city/supervision`: the city supervisor's page (跨区通办 监督), Chinese first. A shell with no
 * data: the browser code signs in at the city's identity service and asks /api/city/figures, which
 * answers city supervisors only.
 */
export const CITY_SUPERVISION_PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>跨区通办监督 · 市级平台</title>
<link rel="stylesheet" href="/city/supervision.css">
<script type="module" src="/city/supervision.js"></script>
</head>
<body>
<header><h1>跨区通办监督</h1><p>各区作为受理地、办理地的跨区办件情况（市级监督人员）</p></header>
<main>
<p id="city-msg" role="alert" hidden></p>
<section id="city-login">
<h2>监督人员登录</h2>
<form id="city-login-form">
<label for="city-account">账号</label><input id="city-account" autocomplete="username" required>
<label for="city-password">密码</label><input id="city-password" type="password" autocomplete="current-password" required>
<button type="submit">登录</button>
</form>
</section>
<section id="city-figures" hidden>
<form id="city-period-form">
<label for="city-from">开始日期</label><input id="city-from" type="date">
<label for="city-to">结束日期</label><input id="city-to" type="date">
<button type="submit">统计</button>
</form>
<p id="city-period"></p>
<table>
<thead><tr><th scope="col">区</th><th scope="col">角色</th><th scope="col">受理</th><th scope="col">办结</th><th scope="col">按时办结率</th><th scope="col">即办率</th><th scope="col">红灯 / 黄灯 / 绿灯 / 暂停</th><th scope="col">评价数</th><th scope="col">满意率</th></tr></thead>
<tbody id="city-rows"></tbody>
</table>
<p>满意率含默认好评（基本满意）；评价不足 5 条的显示“样本不足”。</p>
</section>
</main>
</body>
</html>
`;

/** The page's few styles (a stylesheet of its own: the page's CSP admits no inline style). */
export const CITY_SUPERVISION_CSS = `body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;color:#1d2733}
header{background:#0b4f8a;color:#fff;padding:.75rem 1.5rem}header p{margin:.25rem 0 0}
main{padding:1rem 1.5rem}form{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin:.5rem 0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c9d3de;padding:.35rem .6rem;text-align:left}
#city-msg{color:#a40000;font-weight:700}
`;

/** What the page's responses carry: nothing but this origin's own script and stylesheet runs. */
export const CITY_SUPERVISION_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'";

let script: string | undefined;

/** The page's browser code (./browser/city-supervision.ts), compiled to JavaScript once per process. */
export function citySupervisionScript(): string {
  script ??= transformSync(readFileSync(new URL('./browser/city-supervision.ts', import.meta.url), 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'es2022',
  }).code;
  return script;
}

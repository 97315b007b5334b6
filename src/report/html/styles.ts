/**
 * The report's one stylesheet, inlined and allowed by its SHA-256 hash in the Content-Security-Policy. System
 * fonts only (no font files, no requests); colours carry meaning only where a label says the same in words.
 */
export const STYLES = `
:root{--ink:#1d2530;--muted:#5b6675;--line:#d9dee5;--paper:#fff;--wash:#f5f7f9;
--high:#a8261c;--medium:#a35a0a;--low:#2f6f4e;--none:#6b7480;
--t-eea:#2f7d6d;--t-adequate:#3b6aa0;--t-aic:#c2891b;--t-third:#a8261c;--t-unknown:#8a9099}
*{box-sizing:border-box}
html{background:var(--wash)}
body{margin:0 auto;max-width:1180px;padding:32px 40px 64px;background:var(--paper);color:var(--ink);
font:14px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Noto Sans","Liberation Sans",sans-serif}
h1{font-size:24px;font-weight:600;margin:4px 0 8px;letter-spacing:-.01em}
h2{font-size:18px;font-weight:600;margin:40px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;font-weight:600;margin:18px 0 6px}
p{margin:6px 0}
code{font:12px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;background:var(--wash);padding:1px 4px;border-radius:3px;word-break:break-all}
a{color:var(--t-adequate)}
.eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:11px;color:var(--muted);margin:0}
.meta,.note,.sub,.facts{color:var(--muted)}
.meta{margin:2px 0;font-size:13px}
.note{font-size:12px}
.sub{display:block;font-size:12px}
.doc-header{border-bottom:2px solid var(--ink);padding-bottom:14px;margin-bottom:20px}
.verdict{border-left:6px solid var(--none);background:var(--wash);padding:14px 18px;margin:0 0 20px}
.verdict-risk{font-weight:700;text-transform:uppercase;letter-spacing:.06em;font-size:13px;margin:0}
.verdict-text{font-size:17px;margin:4px 0 0}
.verdict.risk-high{border-color:var(--high)}.verdict.risk-high .verdict-risk{color:var(--high)}
.verdict.risk-medium{border-color:var(--medium)}.verdict.risk-medium .verdict-risk{color:var(--medium)}
.verdict.risk-low{border-color:var(--low)}.verdict.risk-low .verdict-risk{color:var(--low)}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:12px;margin-bottom:16px}
.card{border:1px solid var(--line);border-radius:6px;padding:10px 14px}
.card-label{font-size:12px;color:var(--muted);margin:0}
.card-value{font-size:22px;font-weight:600;margin:2px 0 0;font-variant-numeric:tabular-nums}
.card-sub{font-size:12px;color:var(--muted);margin:0}
.two-col{display:grid;grid-template-columns:1fr 1fr;gap:24px;align-items:start}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:600;padding:4px 0;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;color:var(--muted);font-weight:600;border-bottom:1px solid var(--ink);white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.compact th,table.compact td{padding:3px 8px;font-size:13px}
table.compact tbody th{font-weight:400}
table.data{font-size:13px}
td.name .host{font-weight:600;overflow-wrap:anywhere}
.pill{display:inline-block;min-width:58px;text-align:center;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;background:var(--none)}
.pill.risk-high{background:var(--high)}.pill.risk-medium{background:var(--medium)}.pill.risk-low{background:var(--low)}
.swatch{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:6px;vertical-align:baseline;background:var(--t-unknown)}
.t-eea{background:var(--t-eea);fill:var(--t-eea)}.t-adequate{background:var(--t-adequate);fill:var(--t-adequate)}
.t-adequate-if-certified{background:var(--t-aic);fill:var(--t-aic)}.t-third-country{background:var(--t-third);fill:var(--t-third)}
.t-unknown{background:var(--t-unknown);fill:var(--t-unknown)}.t-none{background:var(--none);fill:var(--none)}
.r-high{background:var(--high);fill:var(--high)}.r-medium{background:var(--medium);fill:var(--medium)}
.r-low{background:var(--low);fill:var(--low)}.r-none{background:#b8bfc8;fill:#b8bfc8}
.mark{font-size:11px;border:1px solid var(--line);border-radius:3px;padding:0 4px;color:var(--muted);white-space:nowrap}
.mark.warn{border-color:var(--medium);color:var(--medium)}
figure{margin:0}
figcaption{font-size:13px}
.map svg{width:100%;height:auto;display:block}
.sphere{fill:#f4f7fa;stroke:#c9d1da;stroke-width:.8}
.graticule{fill:none;stroke:#dfe5ec;stroke-width:.5}
.land{fill:#e2e6eb;stroke:#fff;stroke-width:.5}
.land.tint-eea{fill:#cfe3de}.land.tint-adequate{fill:#d3deec}.land.tint-adequate-if-certified{fill:#f0e0bd}
.land.tint-third-country{fill:#ecc9c5}.land.tint-unknown{fill:#d8dbe0}
.dot{fill-opacity:.72;stroke:#fff;stroke-width:1.2}
.dot.t-third-country,.dot.t-unknown{fill-opacity:.9;stroke:#5c1510;stroke-width:1}
.vantage{fill:var(--ink);stroke:#fff;stroke-width:1.5}
.legend{list-style:none;padding:0;margin:8px 0 4px;display:flex;flex-wrap:wrap;gap:4px 18px}
.legend .unused{color:#a0a7b0}
.vantage-swatch{border-radius:0;transform:rotate(45deg);width:8px;height:8px;background:var(--ink)}
.charts{display:grid;grid-template-columns:repeat(3,1fr);gap:20px}
.chart figcaption{font-weight:600;margin-bottom:6px}
.chart svg{width:100%;height:auto}
.bar{fill:#52667f}
.bar-label,.bar-value,.axis{font-size:11px;fill:var(--ink)}
.bar-value,.axis{fill:var(--muted)}
.axis-line{stroke:var(--ink);stroke-width:1}
.timeline svg{width:100%;height:auto}
.controls{display:flex;align-items:center;gap:8px;margin:8px 0 10px;font-size:13px}
.controls input,.controls select{font:inherit;padding:5px 8px;border:1px solid #b8c0ca;border-radius:4px;background:#fff;color:var(--ink)}
.controls input{width:280px}
.controls output{margin-left:auto;color:var(--muted)}
button.sort{all:unset;cursor:pointer;font:inherit;color:inherit}
button.sort:focus-visible{outline:2px solid var(--t-adequate);outline-offset:2px}
th[aria-sort=ascending] button.sort::after{content:" ▲"}
th[aria-sort=descending] button.sort::after{content:" ▼"}
tr[hidden]{display:none}
.finding{border-left:4px solid var(--none);padding:4px 0 4px 14px;margin:14px 0}
.finding.risk-high{border-color:var(--high)}.finding.risk-medium{border-color:var(--medium)}
.finding h3{margin:0 0 4px}
.finding ul{margin:6px 0;padding-left:20px}
.hash{font-size:11px}
footer{margin-top:40px;padding-top:10px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
@media screen and (max-width:900px){.cards{grid-template-columns:repeat(2,1fr)}.two-col,.charts{grid-template-columns:1fr}body{padding:16px}}
@page{size:A4;margin:14mm 12mm}
@media print{
html{background:#fff}
body{max-width:none;padding:0;font-size:10pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.controls,.no-print{display:none!important}
th[aria-sort] button.sort::after{content:""}
tr[hidden]{display:table-row}
h2{break-after:avoid}
section.major{break-before:page}
thead{display:table-header-group}
tr,.finding,figure,.card,table.compact{break-inside:avoid}
a{color:inherit;text-decoration:none}
.cards{grid-template-columns:repeat(5,1fr)}
.charts{grid-template-columns:repeat(3,1fr)}
.two-col{grid-template-columns:1fr 1fr}
}
`.trim();

/**
 * Added after STYLES only in a report made with --baseline (the "new" badge, the gone table), so a report
 * without one keeps exactly the stylesheet, and the CSP hash, it always had.
 */
export const BASELINE_STYLES = `
.mark.new{border-color:var(--t-adequate);background:var(--t-adequate);color:#fff;font-weight:600;margin-left:6px}
.baseline-note{margin:4px 0 10px}
`.trim();

export function stylesFor(baseline: boolean): string {
  return baseline ? `${STYLES}\n${BASELINE_STYLES}` : STYLES;
}

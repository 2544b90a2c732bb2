/**
 * The page's one style sheet, inline (the page loads nothing). On screen: fits
 * 1024 px without scrolling sideways, as long names and addresses break
 * anywhere rather than widen their column. In print (A4 or Letter, whichever
 * the printer takes: the margins fit both): each team's part on a new page,
 * rows and signature blocks never cut, table headers repeated on each page.
 * CSS Paged Media: https://www.w3.org/TR/css-page-3/; fragmentation:
 * https://www.w3.org/TR/css-break-3/.
 */
export const STYLE = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 24px 48px; color: #1a202c; }
h1 { margin: 24px 0 4px; } h1.part-title { margin-top: 48px; padding-top: 8px; border-top: 3px solid #2b6cb0; }
h2 { border-bottom: 1px solid #cbd5e0; padding-bottom: 4px; margin-top: 36px; } h3 { margin: 20px 0 6px; }
nav { display: flex; flex-wrap: wrap; gap: 4px 14px; } a { color: #2b6cb0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid #e2e8f0; padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
td a, td code, .anywhere { overflow-wrap: anywhere; }
thead th { background: #f7fafc; } tbody th { font-weight: 600; background: #fbfdff; }
table.wide { font-size: 12.5px; } table.matrix td { text-align: center; } table.money td:nth-child(3) { white-space: nowrap; }
table.facts th { width: 30%; } table.facts td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #e2e8f0; }
.error { color: #c53030; } .warning { color: #b7791f; } .info { color: #2b6cb0; }
.verdict-failed { color: #c53030; font-weight: 600; } .verdict-unknown { color: #b7791f; } .verdict-passed { color: #276749; } .verdict-not { color: #718096; }
p.verdict { font-weight: 600; } li { overflow-wrap: anywhere; } code { overflow-wrap: anywhere; }
.muted { color: #718096; }
.sign-grid { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
.sign-block { border: 1px solid #cbd5e0; padding: 8px 16px 16px; }
.sign-line { display: flex; align-items: flex-end; gap: 8px; margin-top: 22px; }
.sign-label { flex: 0 0 80px; } .sign-blank { flex: 1; border-bottom: 1px solid #1a202c; height: 1.2em; }
@page { margin: 14mm 12mm; }
@media print {
  body { font-size: 10pt; max-width: none; padding: 0; }
  nav { display: none; } a { color: inherit; text-decoration: none; }
  .part { break-before: page; } h1.part-title { margin-top: 0; border-top: none; }
  h2, h3 { break-after: avoid; } section { break-inside: auto; }
  table { font-size: 8.5pt; } thead { display: table-header-group; }
  th, td { padding: 2px 4px; } table.wide td, table.wide th { overflow-wrap: anywhere; }
  tr, li, .sign-block, .figure, header table { break-inside: avoid; }
  .figure svg { max-height: 240mm; }
  #approval { break-before: page; }
}`;

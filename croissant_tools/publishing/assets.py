"""The inline style sheet and script shared by every self-contained page.

They are Python strings rather than package data so that an installed wheel always has
them. :func:`croissant_tools.publishing.html.page` puts both inline and allows exactly
these bytes through its Content-Security-Policy (by SHA-256), so they must not be
altered at run time except through ``page(extra_css=..., extra_js=...)``.

The script is progressive enhancement only: without it every piece of information is
still on the page; it adds copy buttons, table filters, "expand all", and the JSON-LD
download (from the page's own ``<script type="application/ld+json">``, no network).
"""

from __future__ import annotations

BASE_CSS = """
:root{--bg:#f6f7f9;--fg:#1c1e21;--muted:#5c6370;--card:#fff;--border:#dfe2e7;--accent:#0b5cad;
--accent-soft:#e8f0fb;--ok:#1a7f37;--ok-soft:#e6f4ea;--warn:#8a5a00;--warn-soft:#fff4d6;
--error:#c62828;--error-soft:#fdecea;--info:#0b5cad;--info-soft:#e8f0fb;--code:#f1f3f5;
--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--fg:#e6e8eb;--muted:#9aa1ab;
--card:#1d2024;--border:#30343a;--accent:#6cb0ff;--accent-soft:#1b2a3d;--ok:#5cc27a;
--ok-soft:#17301f;--warn:#e8b64c;--warn-soft:#352a12;--error:#ff7b72;--error-soft:#3b1a1a;
--info:#6cb0ff;--info-soft:#1b2a3d;--code:#262a30}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1180px;padding:24px 20px 48px;background:var(--bg);color:var(--fg);
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
h1{font-size:2rem;line-height:1.2;margin:.2em 0 .3em;overflow-wrap:break-word}
h2{font-size:1.3rem;margin:0 0 .6em;display:inline-block}
h3{font-size:1.08rem;margin:1.2em 0 .4em;overflow-wrap:break-word}
p{margin:.4em 0 .8em}
code,pre,.mono{font-family:var(--mono);font-size:.86em}
code{background:var(--code);border-radius:4px;padding:.05em .3em;overflow-wrap:break-word}
pre{background:var(--code);border-radius:8px;padding:12px 14px;margin:0;white-space:pre-wrap;
overflow-wrap:break-word;max-height:28em;overflow:auto}
pre code{background:none;padding:0}
.muted{color:var(--muted)}
.subtitle{color:var(--muted);margin-top:0}
header.top{margin-bottom:14px}
.banner{border-radius:10px;padding:12px 16px;margin:0 0 16px;border:1px solid}
.banner.error{background:var(--error-soft);border-color:var(--error);color:var(--fg)}
.banner.warn{background:var(--warn-soft);border-color:var(--warn)}
.banner.info{background:var(--info-soft);border-color:var(--info)}
.badges{display:flex;flex-wrap:wrap;gap:6px;margin:.3em 0 .8em}
.badge{display:inline-block;border-radius:999px;padding:.05em .6em;font-size:.78rem;
font-weight:600;
border:1px solid var(--border);background:var(--card);color:var(--muted);white-space:nowrap;
max-width:100%;overflow:hidden;text-overflow:ellipsis;vertical-align:middle}
.badge.ok{color:var(--ok);background:var(--ok-soft);border-color:transparent}
.badge.warn{color:var(--warn);background:var(--warn-soft);border-color:transparent}
.badge.error{color:var(--error);background:var(--error-soft);border-color:transparent}
.badge.info{color:var(--info);background:var(--info-soft);border-color:transparent}
nav.toc{position:sticky;top:0;z-index:5;display:flex;flex-wrap:wrap;gap:4px 6px;padding:8px 0;
margin-bottom:12px;background:var(--bg);border-bottom:1px solid var(--border)}
nav.toc a{padding:3px 10px;border-radius:999px;font-size:.88rem;background:var(--card);
border:1px solid var(--border)}
.section{background:var(--card);border:1px solid var(--border);border-radius:12px;
padding:18px 20px;
margin:0 0 16px;min-width:0;scroll-margin-top:56px}
details.section>summary{cursor:pointer;list-style:none}
details.section>summary::-webkit-details-marker{display:none}
details.section>summary h2::before{content:"\\25B8";display:inline-block;width:1.1em;
color:var(--muted);
transition:transform .15s}
details.section[open]>summary h2::before{transform:rotate(90deg)}
.intro{color:var(--muted);margin-top:-.3em}
.description{white-space:pre-line;overflow-wrap:break-word;max-width:80ch}
p.description:dir(rtl){margin-left:auto}
dl.kv{display:grid;grid-template-columns:minmax(8em,max-content) 1fr;gap:6px 18px;
margin:.4em 0 1em}
dl.kv>div{display:contents}
dl.kv dt{color:var(--muted);font-size:.9rem}
dl.kv dd{margin:0;overflow-wrap:break-word;min-width:0}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:.4em 0 1em}
.stat{background:var(--bg);border:1px solid var(--border);border-radius:10px;padding:8px 14px;
min-width:7.5em}
.stat .n{font-size:1.35rem;font-weight:700}
.stat div:last-child{color:var(--muted);font-size:.85rem}
.table-wrap{max-height:70vh;overflow:auto;border:1px solid var(--border);border-radius:8px;
margin:.4em 0 1em}
table{border-collapse:collapse;width:100%;font-size:.9rem}
caption{text-align:start;padding:6px 10px;color:var(--muted)}
th{position:sticky;top:0;z-index:1;background:var(--card);text-align:start;font-weight:600;
border-bottom:2px solid var(--border);padding:7px 10px;white-space:nowrap}
td{border-top:1px solid var(--border);padding:6px 10px;vertical-align:top;overflow-wrap:break-word;
max-width:42em}
td code{overflow-wrap:break-word}td code.nowrap{white-space:nowrap}
td img{display:block;image-rendering:pixelated;border:1px solid var(--border);background:#fff}
.cell{white-space:pre-line}.cell.short{white-space:nowrap}
code.hash{display:inline-block;max-width:17em;word-break:break-all;font-size:.8em}
.nowrap{white-space:nowrap}
tbody tr:nth-child(even) td{background:color-mix(in srgb,var(--bg) 55%,transparent)}
tbody tr:target td{background:var(--accent-soft)}
.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.depth-1 td:first-child{padding-inline-start:28px}
tr.depth-2 td:first-child{padding-inline-start:46px}
tr.depth-3 td:first-child{padding-inline-start:64px}
tr.muted td{color:var(--muted)}
input.filter{display:none;width:min(100%,24em);padding:6px 10px;border-radius:8px;
border:1px solid var(--border);background:var(--card);color:var(--fg);font:inherit;margin:.2em 0}
html.js input.filter{display:block}
.code{position:relative}
button{font:inherit;font-size:.82rem;cursor:pointer;border-radius:6px;
border:1px solid var(--border);
background:var(--card);color:var(--fg);padding:3px 10px}
button:hover{border-color:var(--accent);color:var(--accent)}
button.copy{display:none;position:absolute;top:8px;inset-inline-end:8px}
html.js button.copy{display:inline-block}
.js-only{display:none}html.js .js-only{display:inline-block}
.toolbar{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:.2em 0 .8em}
details.rs{border:1px solid var(--border);border-radius:10px;padding:10px 14px;margin:10px 0;
background:var(--card);scroll-margin-top:56px}
details.rs>summary{cursor:pointer;font-weight:600;overflow-wrap:break-word}
details.rs>summary .badge{margin-inline-start:6px;font-weight:600}
ul.plain{margin:.2em 0;padding-inline-start:1.2em}
.snippets{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26em),1fr));
gap:4px 16px}
.snippet{min-width:0}.snippet h3{font-size:.95rem;margin:.5em 0 .3em}
.snippet pre{white-space:pre;overflow-wrap:normal;overflow:auto}
.snippet .code{display:flex;flex-direction:column}
.snippet button.copy{position:static;align-self:flex-end;margin:0 0 4px}
figure.chart{margin:.6em 0 1.2em}
svg.chart,svg.diagram{width:100%;height:auto;max-width:100%;font-family:inherit}
svg text{font-size:11px;fill:var(--muted);unicode-bidi:plaintext}
svg text.label{font-size:12px;fill:var(--fg)}
svg .axis{stroke:var(--muted);stroke-width:1}
svg .grid{stroke:var(--border);stroke-width:1}
svg line.marker{stroke:var(--error);stroke-width:1.5;stroke-dasharray:4 3}
svg text.marker{fill:var(--error)}
svg .dot{fill-opacity:.75}
figcaption{color:var(--muted);font-size:.85rem}
.diagram-wrap{overflow:auto;max-height:75vh;border:1px solid var(--border);border-radius:8px;
padding:6px;background:var(--bg)}
svg.diagram{width:auto;max-width:none}svg.diagram.fit{max-width:100%;height:auto}
svg.diagram .node rect{fill:var(--card);stroke:var(--border);stroke-width:1.2}
svg.diagram .node.rs rect{stroke:var(--accent);stroke-width:1.6}
svg.diagram .node.split rect{stroke:var(--warn)}
svg.diagram .node text.name{font-size:12.5px;font-weight:600;fill:var(--fg)}
svg.diagram .node text.kind{font-size:10.5px}
svg.diagram a:hover rect{fill:var(--accent-soft)}
svg.diagram path{fill:none;stroke-width:1.4}
svg.diagram path.source{stroke:var(--muted)}
svg.diagram path.contains{stroke:var(--muted);stroke-dasharray:2 3}
svg.diagram path.join{stroke:var(--accent);stroke-dasharray:6 4}
svg.diagram path.derived{stroke:var(--ok)}
svg.diagram text.edge{font-size:10px;fill:var(--accent)}
svg.diagram .arrow-source{fill:var(--muted)}svg.diagram .arrow-join{fill:var(--accent)}
svg.diagram .arrow-derived{fill:var(--ok)}
.legend-row{display:flex;flex-wrap:wrap;gap:14px;font-size:.85rem;color:var(--muted);
margin:.2em 0 .6em}
.legend-row span::before{content:"";display:inline-block;width:22px;height:0;margin-inline-end:6px;
vertical-align:middle;border-top:2px solid var(--muted)}
.legend-row .l-join::before{border-top:2px dashed var(--accent)}
.legend-row .l-contains::before{border-top:2px dotted var(--muted)}
.legend-row .l-derived::before{border-top-color:var(--ok)}
footer{color:var(--muted);font-size:.85rem;margin-top:24px;text-align:center}
@media (max-width:640px){body{padding:14px 10px}dl.kv{grid-template-columns:1fr}
dl.kv dt{margin-top:6px}}
@media print{nav.toc,button,input.filter{display:none!important}.section{break-inside:avoid}
.table-wrap,.diagram-wrap,pre{max-height:none;overflow:visible}}
"""

BASE_JS = """
(function(){
"use strict";
var root=document.documentElement;root.classList.add("js");
function flash(button,text){var old=button.getAttribute("data-label")||button.textContent;
button.setAttribute("data-label",old);button.setAttribute("data-result",text);button.textContent=text;
setTimeout(function(){button.textContent=old;},1600);}
function selectText(node){var range=document.createRange();range.selectNodeContents(node);
var sel=window.getSelection();sel.removeAllRanges();sel.addRange(range);return sel;}
document.querySelectorAll("button[data-copy]").forEach(function(button){
button.addEventListener("click",function(){
var target=document.getElementById(button.getAttribute("data-copy"));if(!target){return;}
var text=target.textContent;
function fallback(){var sel=selectText(target);var ok=false;
try{ok=document.execCommand("copy");}catch(e){ok=false;}
if(ok){sel.removeAllRanges();}flash(button,ok?"Copied":"Press Ctrl+C");}
if(navigator.clipboard&&navigator.clipboard.writeText){
navigator.clipboard.writeText(text).then(function(){flash(button,"Copied");},fallback);}
else{fallback();}});});
document.querySelectorAll("input[data-filter]").forEach(function(input){
var table=document.getElementById(input.getAttribute("data-filter"));if(!table){return;}
var rows=Array.prototype.slice.call(table.tBodies[0].rows);
var texts=rows.map(function(r){return r.textContent.toLowerCase();});
input.addEventListener("input",function(){var q=input.value.trim().toLowerCase();var shown=0;
rows.forEach(function(r,i){var hit=!q||texts[i].indexOf(q)>=0;r.hidden=!hit;if(hit){shown++;}});
input.setAttribute("data-shown",String(shown));});});
document.querySelectorAll("button[data-expand]").forEach(function(button){
button.addEventListener("click",function(){var open=button.getAttribute("data-expand")==="open";
document.querySelectorAll(button.getAttribute("data-target")).forEach(function(d){d.open=open;});
});});
document.querySelectorAll("button[data-download]").forEach(function(button){
button.addEventListener("click",function(){
var source=document.getElementById(button.getAttribute("data-download"));if(!source){return;}
var text=JSON.stringify(JSON.parse(source.textContent),null,2)+"\\n";
var url=URL.createObjectURL(new Blob([text],{type:"application/ld+json"}));
var a=document.createElement("a");a.href=url;
a.download=button.getAttribute("data-filename")||"croissant.json";
document.body.appendChild(a);a.click();a.remove();setTimeout(function(){URL.revokeObjectURL(url);
},1000);});});
document.querySelectorAll("pre[data-json-from]").forEach(function(pre){
var holder=pre.closest("details");function fill(){if(pre.getAttribute("data-filled")){return;}
var source=document.getElementById(pre.getAttribute("data-json-from"));
pre.textContent=JSON.stringify(JSON.parse(source.textContent),null,2);
pre.setAttribute("data-filled","1");}
if(holder){holder.addEventListener("toggle",function(){if(holder.open){fill();}});
if(holder.open){fill();}}
else{fill();}});
if(location.hash){var t=document.getElementById(decodeURIComponent(location.hash.slice(1)));
if(t){var d=t.closest("details");while(d){d.open=true;
d=d.parentElement&&d.parentElement.closest("details");}}}
root.setAttribute("data-ready","1");
})();
"""

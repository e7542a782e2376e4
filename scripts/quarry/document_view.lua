-- document_view.lua: one document as a page, with every annotation that
-- stands highlighted by type, as displaCy's entity view shows entities:
-- a coloured mark with its type after it, the value and the rule on hover
-- (the mark's title), a legend whose entries switch a type off and on,
-- quotes and relation sentences underlined, boilerplate greyed. The page
-- is self-contained: inline CSS and script, and a Content-Security-Policy
-- that forbids fetching anything. `quarry show NAME --format html`.

local quarry = require "quarry"
local report = require "quarry.report"

local view = {}

-- The types shown as marks (a background colour and a label), in legend
-- order; the others are layers: underlined or greyed.
local MARKS = {
  { "country", "#bfdbfe" }, { "org", "#fed7aa" }, { "person", "#bbf7d0" },
  { "role", "#d9f99d" }, { "tech", "#e9d5ff" }, { "money", "#fde68a" },
  { "percent", "#fef08a" }, { "date", "#fecdd3" }, { "published", "#fbcfe8" },
}
local LAYERS = { quote = true, relation = true, boilerplate = true }
local OTHER = "#e2e8f0" -- a type of an analyst's rule

local function esc(s)
  return (tostring(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
                                          ['"'] = "&quot;", ["'"] = "&#39;" }))
end

-- A class name for a type (types are ids; anything else becomes "_").
local function class_of(t)
  return "t-" .. tostring(t):gsub("[^%w_-]", "_")
end

local function value_text(v)
  if v == nil then return "null" end
  local ok, text = pcall(quarry.json.encode, v)
  return ok and text or tostring(v)
end

-- What the mark's title says about one annotation (its text cut at 80
-- characters: a relation spans a sentence).
local function describe(a, text)
  local span = text:sub(a.start + 1, a["end"]):gsub("%s+", " ")
  if utf8.len(span) and utf8.len(span) > 80 then span = span:sub(1, utf8.offset(span, 80) - 1) .. "…" end
  return string.format("%s “%s” %s (rule %s, bytes %d–%d)", a.type, span, value_text(a.value),
                       a.rule, a.start, a["end"])
end

local STYLE = [[
body { font: 16px/1.6 system-ui, sans-serif; color: #1e293b; margin: 0; background: #f8fafc; }
header, main, footer { max-width: 52rem; margin: 0 auto; padding: 0 1.5rem; }
h1 { font-size: 1.4rem; margin: 1.5rem 0 .25rem; }
.meta { color: #475569; font-size: .9rem; margin: 0 0 1rem; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.legend button { font: inherit; font-size: .85rem; border: 1px solid #cbd5e1; border-radius: 1rem;
  padding: .1rem .7rem; cursor: pointer; background: #fff; }
.legend button[aria-pressed="false"] { opacity: .45; text-decoration: line-through; }
.legend .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: .2rem;
  margin-right: .3rem; vertical-align: -.05rem; }
.text { white-space: pre-wrap; background: #fff; border: 1px solid #e2e8f0; border-radius: .5rem;
  padding: 1.25rem 1.5rem; overflow-wrap: anywhere; }
mark { border-radius: .3rem; padding: .05rem .15rem; color: inherit; }
mark .label { font-size: .65rem; font-weight: 700; text-transform: uppercase; margin-left: .3rem;
  vertical-align: .1rem; color: #334155; }
.quote { text-decoration: underline 2px #0d9488; text-underline-offset: .25rem; }
.relation { box-shadow: inset 0 -2px 0 #f97316; }
.boilerplate { color: #94a3b8; }
.quote .boilerplate, .boilerplate mark { color: #94a3b8; }
footer { color: #64748b; font-size: .8rem; margin: 1rem auto 2rem; }
]]

-- Toggling a type: the legend's buttons add or remove "off-TYPE" on the
-- text, and CSS rules made per type take its marks' colour away.
local SCRIPT = [[
document.documentElement.classList.add("js");
document.querySelectorAll(".legend button").forEach(function (button) {
  button.addEventListener("click", function () {
    var on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    document.querySelector(".text").classList.toggle("off-" + button.dataset.type, !on);
  });
});
]]

-- The page for doc (a quarry.doc or any table with name, title, text and
-- annotations()).
function view.html(doc)
  local text = doc.text
  local annotations = doc:annotations()
  local colour, order = {}, {}
  for _, m in ipairs(MARKS) do colour[m[1]] = m[2]; order[#order + 1] = m[1] end
  local counts, extra = {}, {}
  for _, a in ipairs(annotations) do
    counts[a.type] = (counts[a.type] or 0) + 1
    if not colour[a.type] and not LAYERS[a.type] and not extra[a.type] then
      extra[a.type] = true
      colour[a.type] = OTHER
      order[#order + 1] = a.type
    end
  end
  for _, t in ipairs({ "quote", "relation", "boilerplate" }) do order[#order + 1] = t end

  -- cut the text at every start and end; each piece knows what covers it
  local cuts, seen = { 0, #text }, { [0] = true, [#text] = true }
  for _, a in ipairs(annotations) do
    for _, at in ipairs({ a.start, a["end"] }) do
      if not seen[at] then seen[at] = true; cuts[#cuts + 1] = at end
    end
  end
  table.sort(cuts)
  -- the marks ending at each cut, for their labels
  local ends = {}
  for _, a in ipairs(annotations) do
    if not LAYERS[a.type] then
      ends[a["end"]] = ends[a["end"]] or {}
      table.insert(ends[a["end"]], a)
    end
  end
  -- a sweep: the annotations by start, and those open at the piece
  local by_start = {}
  for i, a in ipairs(annotations) do by_start[i] = a end
  table.sort(by_start, function(a, b) return a.start < b.start end)
  local next_open, open = 1, {}
  local body = {}
  for i = 1, #cuts - 1 do
    local from, to = cuts[i], cuts[i + 1]
    while by_start[next_open] and by_start[next_open].start <= from do
      open[#open + 1] = by_start[next_open]
      next_open = next_open + 1
    end
    local still = {}
    for _, a in ipairs(open) do
      if a["end"] > from then still[#still + 1] = a end
    end
    open = still
    local covering, mark = {}, nil
    local classes = {}
    for _, a in ipairs(open) do
      if a["end"] >= to then
        covering[#covering + 1] = a
        if LAYERS[a.type] then
          classes[a.type] = true
        elseif not mark or (a["end"] - a.start) < (mark["end"] - mark.start) then
          mark = a -- the innermost mark colours the piece
        end
      end
    end
    local piece = esc(text:sub(from + 1, to))
    if mark then
      local labels = {}
      for _, a in ipairs(ends[to] or {}) do
        if a.start <= from then labels[#labels + 1] = '<span class="label">' .. esc(a.type) .. "</span>" end
      end
      piece = string.format('<mark class="%s" style="background:%s">%s%s</mark>', class_of(mark.type),
                            colour[mark.type], piece, table.concat(labels))
    end
    local names = {}
    for t in pairs(classes) do names[#names + 1] = t end
    table.sort(names)
    if #covering > 0 then
      local titles = {}
      for k, a in ipairs(covering) do titles[k] = describe(a, text) end
      table.sort(titles) -- the same page for the same annotations
      piece = string.format('<span class="%s" title="%s">%s</span>', table.concat(names, " "),
                            esc(table.concat(titles, "\n")), piece)
    end
    body[#body + 1] = piece
  end

  local legend, off_rules = {}, {}
  for _, t in ipairs(order) do
    if counts[t] then
      local swatch = LAYERS[t] and "" or
        string.format('<span class="swatch" style="background:%s"></span>', colour[t])
      legend[#legend + 1] = string.format(
        '<li><button type="button" data-type="%s" aria-pressed="true">%s%s %d</button></li>',
        esc(t), swatch, esc(t), counts[t])
      off_rules[#off_rules + 1] = string.format(
        ".off-%s mark.%s { background: none !important; } .off-%s mark.%s .label { display: none; }",
        esc(t), class_of(t), esc(t), class_of(t))
      if LAYERS[t] then
        off_rules[#off_rules + 1] = string.format(".off-%s .%s { text-decoration: none; box-shadow: none; color: inherit; }",
                                                  esc(t), esc(t))
      end
    end
  end
  local title = doc.title or doc.name
  local meta = { esc(doc.name) }
  local published = report.published(doc)
  if published then meta[#meta + 1] = "published " .. esc(published) end
  if doc.source then meta[#meta + 1] = esc(doc.source) end
  meta[#meta + 1] = #annotations .. " annotations"
  return table.concat({
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; ' ..
      'script-src \'unsafe-inline\'">',
    '<meta name="generator" content="quarry ' .. esc(quarry.version) .. '">',
    "<title>" .. esc(title) .. "</title>",
    "<style>" .. STYLE .. table.concat(off_rules, "\n") .. "</style>",
    "</head>",
    "<body>",
    "<header>",
    "<h1>" .. esc(title) .. "</h1>",
    '<p class="meta">' .. table.concat(meta, " · ") .. "</p>",
    #legend > 0 and '<ul class="legend">' .. table.concat(legend) .. "</ul>"
      or '<p class="meta">No annotations: run quarry extract.</p>',
    "</header>",
    "<main>",
    '<div class="text">' .. table.concat(body) .. "</div>",
    "</main>",
    "<footer>Hover over a mark for its value and rule; the legend switches a type off and on.</footer>",
    "<script>" .. SCRIPT .. "</script>",
    "</body>",
    "</html>",
  }, "\n") .. "\n"
end

return view

-- report_svg.lua: the inline SVG charts of `quarry report --format html`:
-- a timeline of dated statements, a heat map (technology fields per
-- country), a network (who cooperates with whom), and plain bars. Each
-- function takes the chart table a report gave ctx.chart and returns SVG
-- markup (no scripts, no external references), or nil and a reason.

local report = require "quarry.report"

local svg = {}

local FONT = 'font-family="system-ui, -apple-system, \'Segoe UI\', Roboto, \'DejaVu Sans\', sans-serif"'
local BLUE, ORANGE, GREY, DARK = "#2563eb", "#ea580c", "#94a3b8", "#1e293b"

local function esc(s)
  return (tostring(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
                                         ['"'] = "&quot;", ["'"] = "&#39;" }))
end
svg.escape = esc

local function num(x) return string.format("%.1f", x) end

local function open_svg(width, height, label)
  return string.format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" overflow="visible" ' ..
                       'role="img" aria-label="%s" %s font-size="12">', width, height, width, height,
                       esc(label or "chart"), FONT)
end

-- Tick positions between lo and hi (numbers), at most about max_ticks.
local function ticks(lo, hi, max_ticks)
  local span = hi - lo
  for _, step in ipairs({ 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000 }) do
    if span / step <= max_ticks then
      local list, t = {}, math.ceil(lo / step) * step
      while t <= hi + 1e-9 do list[#list + 1] = t; t = t + step end
      return list
    end
  end
  return { lo, hi }
end

-- Timeline ----------------------------------------------------------------------

-- chart: {items = {{lane, first, last, label, note}}, lanes = {{key, label,
-- marker}} (optional: the order of the lanes, and a day to mark in each,
-- such as the publication date)}. One lane per document, dots for days and
-- short periods, bars for longer ones; over 30 lanes, a bar per year.
function svg.timeline(chart)
  local items = chart.items or {}
  if #items == 0 then return nil, "no dated statements" end
  local lanes, lane_index = {}, {}
  for _, lane in ipairs(chart.lanes or {}) do
    if not lane_index[lane.key] then
      lanes[#lanes + 1] = lane
      lane_index[lane.key] = #lanes
    end
  end
  for _, item in ipairs(items) do
    if not lane_index[item.lane] then
      lanes[#lanes + 1] = { key = item.lane, label = item.lane }
      lane_index[item.lane] = #lanes
    end
  end
  local lo, hi = math.huge, -math.huge
  for _, item in ipairs(items) do
    item.x1 = report.year_fraction(item.first)
    item.x2 = report.year_fraction(item.last) + 1 / 366
    lo, hi = math.min(lo, item.x1), math.max(hi, item.x2)
  end
  for _, lane in ipairs(lanes) do
    if lane.marker then
      lane.mx = report.year_fraction(lane.marker)
      lo, hi = math.min(lo, lane.mx), math.max(hi, lane.mx)
    end
  end
  lo, hi = math.floor(lo), math.ceil(hi)
  if hi <= lo then hi = lo + 1 end

  local W, left, right, top = 960, 220, 24, 16
  local plot = W - left - right
  local x = function(year) return left + (year - lo) / (hi - lo) * plot end
  local out = {}

  if #lanes > 30 then -- too many documents for lanes: statements per year
    -- the axis spans the middle 98% of the years, so a stray year 1000 or
    -- 2800 does not squeeze the rest into one bar; the others are counted
    local years = {}
    for i, item in ipairs(items) do years[i] = math.floor(item.x1) end
    table.sort(years)
    lo = years[math.max(1, math.floor(#years * 0.01))]
    hi = years[math.max(1, math.ceil(#years * 0.99))] + 1
    x = function(year) return left + (year - lo) / (hi - lo) * plot end
    local per_year, most, outside = {}, 0, 0
    for _, item in ipairs(items) do
      local y = math.floor(item.x1)
      if y < lo or y >= hi then
        outside = outside + 1
      else
        per_year[y] = (per_year[y] or 0) + 1
        most = math.max(most, per_year[y])
      end
    end
    local H, base = 260, 220
    out[#out + 1] = open_svg(W, H, chart.title or "dated statements per year")
    for _, t in ipairs(ticks(lo, hi, 14)) do
      out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#e2e8f0"/>', num(x(t)), top,
                                    num(x(t)), base)
      out[#out + 1] = string.format('<text x="%s" y="%d" text-anchor="middle" fill="%s">%d</text>', num(x(t)),
                                    base + 18, DARK, t)
    end
    -- the y axis: statements, from 0 to the busiest year, on the left
    local height = base - top - 10
    for _, t in ipairs(ticks(0, most, 5)) do
      local ty = base - height * t / most
      out[#out + 1] = string.format('<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="%s"/>', left - 4, num(ty),
                                    W - right, num(ty), t == 0 and DARK or "#e2e8f0")
      out[#out + 1] = string.format('<text x="%d" y="%s" text-anchor="end" fill="%s">%d</text>', left - 8,
                                    num(ty + 4), DARK, t)
    end
    out[#out + 1] = string.format('<text x="%d" y="%d" text-anchor="middle" fill="%s" ' ..
                                  'transform="rotate(-90 %d %d)">statements</text>', left - 40,
                                  math.floor((top + base) / 2), DARK, left - 40, math.floor((top + base) / 2))
    local bar = math.max(2, plot / (hi - lo) - 2)
    for y, n in pairs(per_year) do
      local h = height * n / most
      out[#out + 1] = string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%d: %d ' ..
                                    'statements</title></rect>', num(x(y) + 1), num(base - h), num(bar),
                                    num(h), BLUE, y, n)
    end
    out[#out + 1] = string.format('<text x="%d" y="%d" fill="%s">dated statements per year (%d documents%s)</text>',
                                  left, top + 4, DARK, #lanes,
                                  outside > 0 and string.format("; %d outside %d–%d not shown", outside, lo, hi - 1) or "")
    out[#out + 1] = "</svg>"
    return table.concat(out, "\n")
  end

  local lane_h = 26
  local H = top + #lanes * lane_h + 40
  local axis = top + #lanes * lane_h + 6
  out[#out + 1] = open_svg(W, H, chart.title or "timeline")
  for _, t in ipairs(ticks(lo, hi, 14)) do
    out[#out + 1] = string.format('<line x1="%s" y1="%d" x2="%s" y2="%d" stroke="#e2e8f0"/>', num(x(t)), top,
                                  num(x(t)), axis)
    out[#out + 1] = string.format('<text x="%s" y="%d" text-anchor="middle" fill="%s">%d</text>', num(x(t)),
                                  axis + 18, DARK, t)
  end
  for i, lane in ipairs(lanes) do
    local cy = top + (i - 0.5) * lane_h
    if i % 2 == 0 then
      out[#out + 1] = string.format('<rect x="%d" y="%s" width="%d" height="%d" fill="#f8fafc"/>', left,
                                    num(cy - lane_h / 2), plot, lane_h)
    end
    out[#out + 1] = string.format('<text x="%d" y="%s" text-anchor="end" dominant-baseline="middle" fill="%s">' ..
                                  '%s<title>%s</title></text>', left - 8, num(cy), DARK,
                                  esc(report.cut(lane.label or lane.key, 32)), esc(lane.label or lane.key))
    if lane.mx then
      out[#out + 1] = string.format('<path d="M%s %s l-5 -9 h10 z" fill="%s"><title>published %s</title></path>',
                                    num(x(lane.mx)), num(cy - 2), GREY, esc(lane.marker))
    end
  end
  for _, item in ipairs(items) do
    local cy = top + (lane_index[item.lane] - 0.5) * lane_h
    local tip = esc((item.label or "") .. (item.note and (" — " .. report.cut(item.note, 240)) or ""))
    local x1, x2 = x(item.x1), x(item.x2)
    if x2 - x1 < 7 then
      out[#out + 1] = string.format('<circle cx="%s" cy="%s" r="5" fill="%s" fill-opacity="0.75" stroke="#fff">' ..
                                    '<title>%s</title></circle>', num((x1 + x2) / 2), num(cy), BLUE, tip)
    else
      out[#out + 1] = string.format('<rect x="%s" y="%s" width="%s" height="10" rx="4" fill="%s" ' ..
                                    'fill-opacity="0.45" stroke="%s"><title>%s</title></rect>', num(x1),
                                    num(cy - 5), num(x2 - x1), BLUE, BLUE, tip)
    end
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

-- Heat map --------------------------------------------------------------------------

-- chart: {rows = {{key, label}}, columns = {{key, label}}, values =
-- {[row key] = {[column key] = n}}, unit = "sentences"}.
function svg.heatmap(chart)
  local rows, columns, values = chart.rows or {}, chart.columns or {}, chart.values or {}
  if #rows == 0 or #columns == 0 then return nil, "nothing to show" end
  local most = 0
  for _, r in ipairs(rows) do
    for _, c in ipairs(columns) do most = math.max(most, (values[r.key] or {})[c.key] or 0) end
  end
  local cell_w, cell_h, left, top = 52, 26, 170, 120
  local W = math.max(480, left + #columns * cell_w + 90) -- room for the last slanted label
  local H = top + #rows * cell_h + 16
  local out = { open_svg(W, H, chart.title or "heat map") }
  for j, c in ipairs(columns) do
    local cx = left + (j - 0.5) * cell_w
    out[#out + 1] = string.format('<text transform="translate(%s %d) rotate(-45)" fill="%s">%s</text>', num(cx),
                                  top - 8, DARK, esc(report.cut(c.label or c.key, 20)))
  end
  for i, r in ipairs(rows) do
    local y = top + (i - 1) * cell_h
    out[#out + 1] = string.format('<text x="%d" y="%s" text-anchor="end" dominant-baseline="middle" fill="%s">%s</text>',
                                  left - 8, num(y + cell_h / 2), DARK, esc(report.cut(r.label or r.key, 24)))
    for j, c in ipairs(columns) do
      local n = (values[r.key] or {})[c.key] or 0
      local x = left + (j - 1) * cell_w
      local fill = "#ffffff"
      local t = most > 0 and math.sqrt(n / most) or 0
      if n > 0 then
        -- from #dbeafe (light) to #1e3a8a (dark)
        local function mix(a, b) return math.floor(a + (b - a) * t + 0.5) end
        fill = string.format("#%02x%02x%02x", mix(0xdb, 0x1e), mix(0xea, 0x3a), mix(0xfe, 0x8a))
      end
      out[#out + 1] = string.format('<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#e2e8f0">' ..
                                    '<title>%s × %s: %d %s</title></rect>', x, y, cell_w, cell_h, fill,
                                    esc(r.label or r.key), esc(c.label or c.key), n, esc(chart.unit or ""))
      if n > 0 then
        out[#out + 1] = string.format('<text x="%s" y="%s" text-anchor="middle" dominant-baseline="middle" ' ..
                                      'fill="%s">%d</text>', num(x + cell_w / 2), num(y + cell_h / 2),
                                      t > 0.55 and "#ffffff" or DARK, n)
      end
    end
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

-- Bars ---------------------------------------------------------------------------------

-- chart: {bars = {{label, value}}, unit}. Horizontal bars, largest first as given.
function svg.bars(chart)
  local bars = chart.bars or {}
  if #bars == 0 then return nil, "nothing to show" end
  local most = 0
  for _, b in ipairs(bars) do most = math.max(most, b.value or 0) end
  local W, left, bar_h = 720, 200, 22
  local H = #bars * bar_h + 12
  local plot = W - left - 70
  local out = { open_svg(W, H, chart.title or "bars") }
  for i, b in ipairs(bars) do
    local y = 6 + (i - 1) * bar_h
    local w = most > 0 and plot * (b.value or 0) / most or 0
    out[#out + 1] = string.format('<text x="%d" y="%s" text-anchor="end" dominant-baseline="middle" fill="%s">%s</text>',
                                  left - 8, num(y + bar_h / 2), DARK, esc(report.cut(b.label, 28)))
    out[#out + 1] = string.format('<rect x="%d" y="%d" width="%s" height="%d" rx="3" fill="%s"/>', left, y + 3,
                                  num(math.max(w, 1)), bar_h - 6, b.color or BLUE)
    out[#out + 1] = string.format('<text x="%s" y="%s" dominant-baseline="middle" fill="%s">%s</text>',
                                  num(left + w + 6), num(y + bar_h / 2), DARK, esc(b.text or tostring(b.value)))
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

-- Network ------------------------------------------------------------------------------

-- Whether Graphviz's dot is on the PATH (asked once).
local dot_found
function svg.has_dot()
  if dot_found == nil then
    local pipe = io.popen("command -v dot 2>/dev/null")
    local path = pipe and pipe:read("a") or ""
    if pipe then pipe:close() end
    dot_found = path:match("%S") ~= nil
  end
  return dot_found
end

local function dot_string(s)
  return '"' .. tostring(s):gsub('[\\"]', "\\%0"):gsub("\n", " ") .. '"'
end

-- Lays the network out with Graphviz (neato inside dot, as an undirected
-- graph with no overlaps) and returns its SVG, trimmed to the <svg> element;
-- nil and a message when dot fails.
local function network_dot(nodes, edges, most_node, most_edge)
  local lines = {
    "graph cooperation {",
    '  graph [layout=neato, overlap=false, splines=true, sep="+10", bgcolor="transparent", pad=0.3, ' ..
      'outputorder=edgesfirst];',
    '  node [shape=ellipse, style=filled, color="#ffffff", penwidth=1.5, ' ..
      'fontname="Helvetica,Arial,sans-serif", fontsize=14, fontcolor="#1e293b"];',
    '  edge [color="#64748b99", fontname="Helvetica,Arial,sans-serif", fontsize=11, fontcolor="#475569"];',
  }
  for i, node in ipairs(nodes) do
    local scale = 0.6 + 0.8 * math.sqrt((node.weight or 1) / most_node)
    lines[#lines + 1] = string.format('  n%d [label=%s, fillcolor="%s", width=%.2f, tooltip=%s];', i,
      dot_string(node.label), node.kind == "org" and "#fed7aa" or "#bfdbfe", scale,
      dot_string(node.tooltip or node.label))
    node.index = i
  end
  local index = {}
  for _, node in ipairs(nodes) do index[node.id] = node.index end
  for _, edge in ipairs(edges) do
    local width = 1 + 5 * math.sqrt(edge.weight / most_edge)
    lines[#lines + 1] = string.format('  n%d -- n%d [penwidth=%.2f, label=%s, tooltip=%s];', index[edge.source],
      index[edge.target], width, dot_string(edge.weight > 1 and tostring(edge.weight) or ""),
      dot_string(edge.title or ""))
  end
  lines[#lines + 1] = "}"
  local path = os.tmpname()
  local file = io.open(path, "wb")
  if not file then return nil, "cannot write a temporary file for dot" end
  file:write(table.concat(lines, "\n"), "\n")
  file:close()
  local pipe = io.popen("dot -Tsvg " .. path .. " 2>/dev/null")
  local out = pipe and pipe:read("a") or ""
  local ok = pipe and pipe:close()
  os.remove(path)
  local start = out:find("<svg", 1, true)
  if not ok or not start then return nil, "dot failed" end
  out = out:sub(start):gsub("<!%-%-.-%-%->\n?", "")
  -- let the page scale it: drop the fixed size in points, keep the viewBox
  out = out:gsub('^<svg width="[%d%.]+pt" height="([%d%.]+)pt"', function(height)
    return string.format('<svg style="max-width:100%%;height:auto" height="%d" role="img" aria-label="cooperation network"',
                         math.floor(tonumber(height) * 4 / 3 + 0.5))
  end, 1)
  return out
end

-- A deterministic force-directed layout (Fruchterman and Reingold, 1991) of
-- one connected component in a side × side square: nodes start on a circle,
-- repel each other, edges pull their ends together (more the heavier they
-- are), and a little gravity keeps the component round.
local function layout_component(nodes, edges, side)
  local n = #nodes
  if n == 1 then nodes[1].x, nodes[1].y = side / 2, side / 2; return end
  local index = {}
  for i, node in ipairs(nodes) do
    index[node.id] = i
    local angle = 2 * math.pi * (i - 1) / n
    node.x = side / 2 + math.cos(angle) * side * 0.4
    node.y = side / 2 + math.sin(angle) * side * 0.4
  end
  local k = 0.9 * math.sqrt(side * side / n)
  local iterations = 300
  local temperature = side / 6
  for step = 1, iterations do
    local dx, dy = {}, {}
    for i = 1, n do dx[i], dy[i] = 0, 0 end
    for i = 1, n do
      local a = nodes[i]
      for j = i + 1, n do
        local b = nodes[j]
        local ddx, ddy = a.x - b.x, a.y - b.y
        local d2 = ddx * ddx + ddy * ddy
        if d2 < 0.01 then ddx, ddy, d2 = 0.1 * (i - j), 0.1, 0.02 end
        local d = math.sqrt(d2)
        local force = k * k / d
        dx[i], dy[i] = dx[i] + ddx / d * force, dy[i] + ddy / d * force
        dx[j], dy[j] = dx[j] - ddx / d * force, dy[j] - ddy / d * force
      end
    end
    for _, edge in ipairs(edges) do
      local i, j = index[edge.source], index[edge.target]
      local a, b = nodes[i], nodes[j]
      local ddx, ddy = a.x - b.x, a.y - b.y
      local d = math.max(math.sqrt(ddx * ddx + ddy * ddy), 0.01)
      local force = d * d / k * (1 + math.log(edge.weight, 2) * 0.3)
      dx[i], dy[i] = dx[i] - ddx / d * force, dy[i] - ddy / d * force
      dx[j], dy[j] = dx[j] + ddx / d * force, dy[j] + ddy / d * force
    end
    for i, node in ipairs(nodes) do
      dx[i] = dx[i] + (side / 2 - node.x) * 0.05
      dy[i] = dy[i] + (side / 2 - node.y) * 0.05
      local d = math.max(math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.01)
      local move = math.min(d, temperature)
      node.x = node.x + dx[i] / d * move
      node.y = node.y + dy[i] / d * move
    end
    temperature = (side / 6) * (1 - step / iterations) + 0.5
  end
  -- into the square
  local min_x, max_x, min_y, max_y = math.huge, -math.huge, math.huge, -math.huge
  for _, node in ipairs(nodes) do
    min_x, max_x = math.min(min_x, node.x), math.max(max_x, node.x)
    min_y, max_y = math.min(min_y, node.y), math.max(max_y, node.y)
  end
  local scale = math.min(side / math.max(max_x - min_x, 1), side / math.max(max_y - min_y, 1))
  for _, node in ipairs(nodes) do
    node.x = (node.x - min_x) * scale + (side - (max_x - min_x) * scale) / 2
    node.y = (node.y - min_y) * scale + (side - (max_y - min_y) * scale) / 2
  end
end

-- Lays out each connected component on its own (a square that grows with
-- its size), then packs the squares in rows, largest first, into width W.
-- Returns the height used.
local function layout_network(nodes, edges, W)
  local by_id, neighbours = {}, {}
  for _, node in ipairs(nodes) do by_id[node.id] = node; neighbours[node.id] = {} end
  for _, edge in ipairs(edges) do
    table.insert(neighbours[edge.source], edge.target)
    table.insert(neighbours[edge.target], edge.source)
  end
  local seen, components = {}, {}
  for _, node in ipairs(nodes) do
    if not seen[node.id] then
      local members, queue = {}, { node.id }
      seen[node.id] = true
      while #queue > 0 do
        local id = table.remove(queue, 1)
        members[#members + 1] = by_id[id]
        for _, other in ipairs(neighbours[id]) do
          if not seen[other] then seen[other] = true; queue[#queue + 1] = other end
        end
      end
      local in_component, member_edges = {}, {}
      for _, m in ipairs(members) do in_component[m.id] = true end
      for _, edge in ipairs(edges) do
        if in_component[edge.source] then member_edges[#member_edges + 1] = edge end
      end
      components[#components + 1] = { nodes = members, edges = member_edges }
    end
  end
  table.sort(components, function(a, b)
    if #a.nodes ~= #b.nodes then return #a.nodes > #b.nodes end
    return a.nodes[1].id < b.nodes[1].id
  end)
  local gap, x, y, row_height = 60, 0, 0, 0
  for _, component in ipairs(components) do
    local side = math.min(W - gap, 130 * math.sqrt(#component.nodes) + (#component.nodes > 2 and 60 or 0))
    layout_component(component.nodes, component.edges, side)
    if x > 0 and x + side > W then x, y, row_height = 0, y + row_height + gap, 0 end
    for _, node in ipairs(component.nodes) do node.x, node.y = node.x + x, node.y + y end
    x = x + side + gap
    row_height = math.max(row_height, side)
  end
  return y + row_height
end

local function network_builtin(nodes, edges, most_node, most_edge, title)
  local W, margin = 920, 70
  local height = layout_network(nodes, edges, W - 2 * margin)
  local H = math.floor(height + 2 * margin + 0.5)
  local by_id = {}
  for _, node in ipairs(nodes) do
    node.x, node.y = node.x + margin, node.y + margin
    node.r = 7 + 11 * math.sqrt((node.weight or 1) / most_node)
    by_id[node.id] = node
  end
  local out = { open_svg(W, H, title or "network") }
  out[#out + 1] = string.format('<g fill="%s"><circle cx="16" cy="16" r="6" fill="%s"/><text x="28" y="20">country</text>' ..
                                '<circle cx="100" cy="16" r="6" fill="%s"/><text x="112" y="20">organisation</text>' ..
                                '<text x="220" y="20">line width: sentences that say they cooperate</text></g>',
                                DARK, BLUE, ORANGE)
  for _, edge in ipairs(edges) do
    local a, b = by_id[edge.source], by_id[edge.target]
    local width = 1 + 6 * math.sqrt(edge.weight / most_edge)
    out[#out + 1] = string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#64748b" stroke-opacity="0.55" ' ..
                                  'stroke-width="%.2f" stroke-linecap="round"><title>%s</title></line>',
                                  num(a.x), num(a.y), num(b.x), num(b.y), width, esc(edge.title or ""))
    if edge.weight > 1 then
      out[#out + 1] = string.format('<text x="%s" y="%s" text-anchor="middle" font-size="10" fill="#475569" ' ..
                                    'stroke="#fff" stroke-width="3" paint-order="stroke">%d</text>',
                                    num((a.x + b.x) / 2), num((a.y + b.y) / 2 + 3), edge.weight)
    end
  end
  for _, node in ipairs(nodes) do
    out[#out + 1] = string.format('<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="#fff" stroke-width="2">' ..
                                  '<title>%s</title></circle>', num(node.x), num(node.y), num(node.r),
                                  node.kind == "org" and ORANGE or BLUE, esc(node.tooltip or node.label))
    out[#out + 1] = string.format('<text x="%s" y="%s" text-anchor="middle" fill="%s" stroke="#fff" ' ..
                                  'stroke-width="3" paint-order="stroke" font-weight="600">%s</text>',
                                  num(node.x), num(node.y - node.r - 5), DARK, esc(report.cut(node.label, 28)))
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

-- chart: {nodes = {{id, label, kind = "country"|"org", weight, tooltip}},
-- edges = {{source, target, weight, title}}, max_nodes = 40}. options.layout:
-- "auto" (dot when installed), "dot" or "builtin". Returns svg and the
-- layout used ("graphviz" or "built-in").
function svg.network(chart, options)
  local nodes, edges = chart.nodes or {}, chart.edges or {}
  if #nodes < 2 or #edges == 0 then return nil, "no pairs to draw" end
  -- keep the best connected nodes
  local limit = chart.max_nodes or 40
  if #nodes > limit then
    local kept = {}
    table.sort(nodes, function(a, b)
      if (a.weight or 0) ~= (b.weight or 0) then return (a.weight or 0) > (b.weight or 0) end
      return a.id < b.id
    end)
    local keep = {}
    for i = 1, limit do keep[nodes[i].id] = true; kept[i] = nodes[i] end
    local kept_edges = {}
    for _, e in ipairs(edges) do
      if keep[e.source] and keep[e.target] then kept_edges[#kept_edges + 1] = e end
    end
    nodes, edges = kept, kept_edges
  end
  table.sort(nodes, function(a, b) return a.id < b.id end)
  local most_node, most_edge = 1, 1
  for _, node in ipairs(nodes) do most_node = math.max(most_node, node.weight or 1) end
  for _, edge in ipairs(edges) do most_edge = math.max(most_edge, edge.weight) end
  local layout = options and options.layout or "auto"
  if layout == "dot" or (layout == "auto" and svg.has_dot()) then
    local out = network_dot(nodes, edges, most_node, most_edge)
    if out then return out, "graphviz" end
  end
  return network_builtin(nodes, edges, most_node, most_edge, chart.title), "built-in"
end

return svg

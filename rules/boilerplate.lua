-- boilerplate.lua: the parts of a page that are not the article: the site
-- header above the headline (site name, tagline, navigation, breadcrumbs),
-- furniture lines anywhere (share and subscribe lines, counters, "Must
-- read", comment forms, bylines' furniture), the tail after the article
-- ("Related Articles" and the headlines under it, reference lists, "Source
-- link", comment forms), and for HTML the page structure the loader found
-- (nav, aside, footer, forms, the page header). Spans cover whole lines;
-- consecutive boilerplate lines are one span, blank lines inside included.
-- The headline and a date line near the top are article text.

local lpeg = require "lpeg"
local text = require "lib.text"

local P, S, R = lpeg.P, lpeg.S, lpeg.R
local ci = text.ci

-- A line that is furniture wherever it stands: the whole line is one of
-- these (after white space), or starts with one and stays short.
local furniture_phrases = {
  "Must read", "Must-read", "Latest article", "Latest articles", "Latest news", "Latest",
  "Source link", "Source", "Related", "Related articles", "Related posts", "Related stories",
  "Related news", "Related content", "Read more", "Read also", "Also read", "See also",
  "More from", "More stories", "You may also like", "You might also like", "Recommended",
  "Most popular", "Most read", "Trending", "Share", "Share this", "Share this article",
  "Share on", "Share:", "Tweet", "Email", "Print", "Copy link", "Subscribe",
  "Subscribe to our newsletter", "Sign up", "Newsletter", "Follow us", "Follow us on",
  "Leave a reply", "Leave a comment", "Comments", "Post a comment", "Reply", "Cancel reply",
  "Advertisement", "Sponsored", "Listen to this article", "Close", "Menu", "Search",
  "Skip to content", "Home", "Tags", "Topics", "Filed under", "Posted in", "Posted by",
  "Written by", "Edited by", "Photo", "Image", "Video", "Back to top", "All rights reserved",
  "Cookie", "Accept", "Log in", "Login", "Register", "Reading time", "Read time",
  "Also on", "Also in", "More on", "Read next", "Listen", "Read also", "Skip to main content",
  "Jump to main content", "Jump to navigation", "Back to search results", "Table of contents",
  "Contents", "Print this page", "Print friendly", "Download PDF", "View original document",
  -- the official-site banners of the US federal web design system and of
  -- the European Commission's sites, on every page of those sites
  "An official website of the United States government", "Here's how you know",
  "Here’s how you know", "Official websites use .gov", "Secure .gov websites use HTTPS",
  "A .gov website belongs to an official government organization",
  "A lock (", "An official website of the European Union", "An official EU website",
  "How do you know?", "All official European Union website addresses are in the europa.eu domain",
}

-- Wire credits at the end of a story, in brackets over one or more lines:
-- "(Reporting by X in Y; Editing by Z)".
local CREDITS = { "reporting by", "writing by", "editing by", "additional reporting by",
                  "compiled by", "research by", "reporting and writing by", "editing by" }
local function opens_credits(line)
  local head = line:match("^%s*%((.-)$")
  if not head then return false end
  head = head:lower()
  for _, c in ipairs(CREDITS) do
    if head:sub(1, #c) == c then return true end
  end
  return false
end

local phrase = P(false)
table.sort(furniture_phrases, function(a, b) return #a > #b end)
for _, p in ipairs(furniture_phrases) do phrase = phrase + ci(p) end

local space = text.space + P"\r"
local digit = R"09"
local number = digit ^ 1 * (S".,:" * digit ^ 1) ^ 0 * S"KkMm" ^ -1

-- lines made only of a counter or a symbol: "0", "1.2K", "14 comments",
-- "Views: 847", "1.2K views", "0:00", "×", "Visited 1 times, 1 visit(s) today"
local counter = space ^ 0 * (
    number * (space ^ 1 * (ci"views" + ci"view" + ci"comments" + ci"comment" + ci"shares"
                           + ci"likes" + ci"reads"))^-1
  + (ci"views" + ci"comments" + ci"shares") * P":" * space ^ 0 * number
  + ci"visited " * number * ci" times" * P(1) ^ 0
  + P"×" + P"✕" + P"|") * space ^ 0 * -1

local copyright = space ^ 0 * (P"©" + ci"copyright" + ci"(c) " + ci"our standards:") * P(1) ^ 0
local comment_form = space ^ 0 * (ci"your email address will not be published"
  + ci"required fields are marked" + ci"save my name, email" + ci"notify me of") * P(1) ^ 0
-- the official-site banners, whatever follows them on their line
local banner = space ^ 0 * (ci"a .gov website belongs to" + ci"a lock (" + ci"secure .gov websites"
  + ci"official websites use .gov" + ci"an official website of the" + ci"all official european union website"
  + ci"an official eu website") * P(1) ^ 0
-- the lines above that are furniture whatever their length, in one match
local source_line = space ^ 0 * ci"source:" * space ^ 0 * (ci"http" + ci"www.") * (1 - space) ^ 1 * space ^ 0 * -1
local whole_line_furniture = counter + copyright + comment_form + banner + source_line
local byline = space ^ 0 * (ci"by " + ci"written by " + ci"posted by ") * R"AZ" * (1 - S".!?") ^ 0 * -1
-- a furniture phrase, then anything but the end of a sentence ("$2.75" is fine)
local sentence_end = S".!?" * (space + -1)
local furniture_line = space ^ 0 * phrase * (space ^ 0 * S":|·•»>-" ^ -1) * (space + S":|·•»>-") ^ 0
                       * ((1 - sentence_end) ^ 0) * -1

-- A line of counters: numbers and symbols (icons, bars), with at most a
-- few counter words: "👁 2,318 readings | 💬 4", "Views: 847", "0 Comments".
-- Every word of letters in it must be a counter word.
local COUNTER_WORDS = {}
for _, w in ipairs { "views", "view", "comments", "comment", "shares", "share", "likes",
                     "like", "reads", "readings", "reactions", "votes", "min", "read" } do
  COUNTER_WORDS[w] = true
end
local function is_counter_line(line)
  if #line > 80 or not line:find("%d") then return false end
  for word in line:gmatch("%a+") do
    if not COUNTER_WORDS[word:lower()] then return false end
  end
  return true
end

-- lines that open the tail of the page: everything after them is not the
-- article when they stand in its second half
local tail_opener = space ^ 0 * (ci"related" + ci"read more" + ci"more from" + ci"more stories"
  + ci"you may also like" + ci"you might also like" + ci"recommended" + ci"references"
  + ci"sources" + ci"source link" + ci"further reading" + ci"newsletter" + ci"leave a reply"
  + ci"leave a comment" + ci"comments" + ci"latest article" + ci"latest news"
  + ci"most popular" + ci"most read" + ci"trending" + ci"about the author" + ci"tags")

local navigation_separators = { " | ", " / ", " › ", " » ", " > ", " · ", " • " }

-- Whether a line is a navigation or breadcrumb line: sections between
-- separators, or "Home" and a few words.
local function is_navigation(line)
  -- every separator is a mark between spaces: most lines have none
  if not line:find(" [|/>\194\226]") then return false end
  local count = 0
  for _, sep in ipairs(navigation_separators) do
    local init = 1
    while true do
      local at = line:find(sep, init, true)
      if not at then break end
      count = count + 1
      init = at + #sep
    end
  end
  if count >= 2 then return true end
  return line:match("^%s*Home[%s/|›»>]") ~= nil and count >= 1
end

local function words(line)
  return select(2, line:gsub("%S+", ""))
end

-- A date line, as at the top of a page: made of date words and numbers.
local month = P(false)
for _, m in ipairs({ "January", "February", "March", "April", "May", "June", "July", "August",
                     "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
                     "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec" }) do
  month = month + P(m)
end
local date_word = month + R"AZ" * R"az" ^ 2 -- weekdays, "Updated", "Published"
                + R"AZ" * R"AZ" ^ 1          -- time zones: GMT, IST
-- numbers of dates and times: "02", "29th", "22/10/2024", "10:42", "18h40"
local number_token = digit ^ 1 * (S"-/.:h" * digit ^ 1) ^ 0 * (P"st" + P"nd" + P"rd" + P"th") ^ -1
local clock = P"a.m." + P"p.m." + P"am" + P"pm"
-- what stands between them: "02 June 2023 | 10:42 IST", "22/10/2024 - 18h40"
local separator = S"|,.:-/" + P"\194\183" + P"\226\128\162" + P"\226\128" * S"\147\148"
local date_line = space ^ 0 * ((date_word + number_token + clock + separator) * space ^ 0) ^ 1 * -1
local has_year = P{ R"12" * digit * digit * digit + 1 * lpeg.V(1) } -- a search

local function is_date_line(line)
  return #line < 60 and lpeg.match(date_line, line) ~= nil and lpeg.match(has_year, line) ~= nil
end

-- The lines of a text as {start, stop, body} (0-based, stop exclusive, no
-- newline), with blank marking empty lines and lines of white space only
-- (no-break and thin spaces included).
local function lines_of(subject)
  local lines, pos = {}, 1
  while pos <= #subject do
    local nl = subject:find("\n", pos, true) or #subject + 1
    local body = subject:sub(pos, nl - 1)
    local blank = body:find("^%s*$") ~= nil
    if not blank and body:find("^[%s\194\226]") then
      local stripped = body:gsub("\194\160", " "):gsub("\226\128[\137\175]", " ")
      blank = stripped:find("^%s*$") ~= nil
    end
    lines[#lines + 1] = { start = pos - 1, stop = nl - 1, body = body, blank = blank }
    pos = nl + 1
  end
  return lines
end

-- Whether a line holds a date (a month name and a year, or a date in
-- figures): a release line such as "FOR IMMEDIATE RELEASE | Friday,
-- October 7, 2022 | Media Contact" is article text.
local MONTHS = { "january", "february", "march", "april", "may", "june", "july", "august",
                 "september", "october", "november", "december", "jan", "feb", "mar", "apr",
                 "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec" }
local function has_date(line)
  if line:find("%f[%d]%d%d?[/.%-]%d%d?[/.%-][12]%d%d%d%f[%D]") or line:find("%f[%d][12]%d%d%d%-%d%d%-%d%d%f[%D]") then
    return true
  end
  if not line:find("%f[%d][12]%d%d%d%f[%D]") then return false end
  local lower = line:lower()
  for _, m in ipairs(MONTHS) do
    if lower:find("%f[%a]" .. m .. "%.?%s+%d") or lower:find("%d%s+" .. m .. "%f[%A]") then return true end
  end
  return false
end

-- Whether a line reads as article prose (after jusText's "good" class:
-- long enough, with sentences): it is never header furniture.
local function prose(body)
  local count = words(body)
  return (count >= 10 and body:find("[%.!?][\"'\226\128\157\153%)]*%s") ~= nil)
      or (count >= 10 and body:find("[%.!?][\"'\226\128\157\153%)]*%s*$") ~= nil)
      or count >= 25
end

-- Words with which a page speaks of itself (the site, the page, its
-- links and archive) rather than of the news: near the top, before the
-- article begins, such lines are notices of the site, sentences or not.
local SITE_WORDS = { "website", "web site", "this site", "archive site", "this page", "on this page",
                     "archived content", "links may", "cookies", "your browser", "javascript",
                     "original document", "full text on this page", "go to", "click here",
                     "privacy policy", "terms of use", "is not updated", "no longer updated" }
local function site_notice(body)
  local lower = body:lower()
  if #lower > 300 then return false end
  for _, w in ipairs(SITE_WORDS) do
    if lower:find(w, 1, true) then return true end
  end
  return false
end

-- Whether a document's title reads as a headline: a line of a few words
-- that is not a sentence, a dateline opening, or furniture.
local function headline_like(title)
  if #title == 0 or #title > 200 or words(title) < 2 then return false end
  if title:find("[%.,;:]$") or title:find("^%u[%u%s,%.]+%s+[\226%-]") then return false end
  -- a sentence of prose: long, or in lower case with commas or brackets
  local count, capitalised = 0, 0
  for word in title:gmatch("%a[%w'%-]*") do
    count = count + 1
    if word:find("^%u") then capitalised = capitalised + 1 end
  end
  local commas = select(2, title:gsub(",", ""))
  if count > 40 or (count > 20 and capitalised < 0.6 * count)
     or (capitalised < 0.5 * count and (title:find("%(") or commas >= 2)) then
    return false
  end
  return lpeg.match(furniture_line, title) == nil and lpeg.match(whole_line_furniture, title) == nil
     and not site_notice(title)
end

local function trim(s)
  return (s:gsub("^[%s\194\160]+", ""):gsub("[%s\194\160]+$", ""))
end

-- Classifies each line: true for boilerplate.
local function classify(doc, lines)
  local marks = {}
  local subject = doc.text
  -- the header: lines above the headline, but a date line
  local title = doc.title and trim(doc.title)
  local title_line
  if title and headline_like(title) then
    for i, line in ipairs(lines) do
      if i > 40 then break end
      if line.body:find(title, 1, true) and trim(line.body) == title then title_line = i break end
    end
  end
  if title_line then
    for i = 1, title_line - 1 do
      local body = lines[i].body
      if not lines[i].blank and not is_date_line(body) and not has_date(body) and not prose(body) then
        marks[i] = true
      end
    end
  end
  -- before the first line of prose: runs of three or more short lines
  -- (menus, section links, a table of contents), the headline and date
  -- lines aside; a lone short line there is a heading
  -- (prose is read per block of lines, so hard-wrapped text counts)
  local run = {}
  local function close_run(before_date)
    -- where no line is known as the headline, a short line right before a
    -- date line is it ("Press statements following the talks" / "June 5,
    -- 2019, The Kremlin")
    if before_date and #run > 0 and not marks[run[#run]] then run[#run] = nil end
    if #run >= 3 then for _, k in ipairs(run) do marks[k] = true end end
    run = {}
  end
  local block_prose = {}
  local i = 1
  while i <= math.min(#lines, 60) do
    if lines[i].blank then
      i = i + 1
    else
      local k, parts = i, {}
      while k <= #lines and not lines[k].blank do parts[#parts + 1] = lines[k].body; k = k + 1 end
      local is_prose = prose(table.concat(parts, " "))
      for j = i, k - 1 do block_prose[j] = is_prose end
      i = k
    end
  end
  for i, line in ipairs(lines) do
    if i > 60 then break end
    if not line.blank then
      local body = line.body
      if i ~= title_line and site_notice(body) then
        -- the page speaking of itself: "You are viewing archived content",
        -- "The full text on this page is automatically extracted"
        marks[i] = true
        run[#run + 1] = i
      elseif block_prose[i] then break
      elseif i == title_line or is_date_line(body) or has_date(body) or #body > 80
         or body:find("[%.!?]%s*$") then
        close_run(not title_line and (is_date_line(body) or has_date(body)))
      else
        run[#run + 1] = i
      end
    end
  end
  close_run()
  -- furniture anywhere, navigation near the top, the tail
  local half = #subject / 2
  for i, line in ipairs(lines) do
    if not line.blank and not marks[i] and i ~= title_line and not is_date_line(line.body) then
      local body = line.body
      local count = #body < 120 and words(body)
      local short = count and count <= 14
      if lpeg.match(whole_line_furniture, body) or is_counter_line(body)
         or (short and (lpeg.match(furniture_line, body) or (i <= 12 and is_navigation(body) and not has_date(body))
                        -- a byline: short, or naming reporters and places near the top
                        or ((count <= 6 or i <= 20) and lpeg.match(byline, body)))) then
        marks[i] = true
      end
      if opens_credits(body) then
        -- the credits run to their closing bracket (a few wrapped lines)
        for k = i, math.min(#lines, i + 6) do
          marks[k] = not lines[k].blank or nil
          if lines[k].body:find("%)%s*$") then break end
        end
      end
      if line.start >= half and short and lpeg.match(tail_opener, body) then
        for k = i, #lines do marks[k] = not lines[k].blank or nil end
        break
      end
    end
  end
  return marks
end

return {
  name = "boilerplate",
  type = "boilerplate",
  description = "site header, furniture lines, the page's tail, and HTML structure",
  apply = function(doc, _, emit)
    local lines = lines_of(doc.text)
    local marks = classify(doc, lines)
    -- HTML structure: the lines a nav/aside/footer/form/header region covers
    for _, region in ipairs(doc.format == "html" and doc.regions or {}) do
      for i, line in ipairs(lines) do
        if line.start < region["end"] and line.stop > region.start and not line.blank then
          marks[i] = true
        end
      end
    end
    -- no document is all boilerplate: a page whose every line looks like
    -- furniture ("$20", a list of links) is kept whole
    local unmarked = false
    for i, line in ipairs(lines) do
      if not line.blank and not marks[i] then unmarked = true; break end
    end
    if not unmarked then return end
    -- runs of marked lines (blank lines inside a run included) are spans
    local i = 1
    while i <= #lines do
      if marks[i] then
        local first, last = i, i
        local k = i + 1
        while k <= #lines and (marks[k] or lines[k].blank) do
          if marks[k] then last = k end
          k = k + 1
        end
        emit(lines[first].start, lines[last].stop, nil)
        i = last + 1
      else
        i = i + 1
      end
    end
  end,
  examples = {
    { title = "Solar exports surge as factories expand abroad",
      text = "Daily Wire Review\nNews | Tech | Opinion | Events\nMonday, May 6, 2024\n\nSolar exports surge as factories expand abroad\n\nShare this\n\nExports of panels rose again in April, customs data show.\n",
      find = { { "Daily Wire Review\nNews | Tech | Opinion | Events" }, { "Share this" } } },
    { text = "Chip output grows\n\nMakers added capacity across the region this year, and prices held.\nMore lines are planned for next year in three provinces.\n\nRelated Articles\n\nOld fabs find new buyers\nA second chip fund opens\n",
      find = { { "Related Articles\n\nOld fabs find new buyers\nA second chip fund opens" } } },
    { text = "Grid deal signed\n\nThe two utilities signed the agreement on Tuesday.\n1.2K views\n0\nThe line opens in 2027.\n",
      find = { { "1.2K views\n0" } } },
    { text = "Chip plants\n\nThe first plant opens in 2026, officials said on Tuesday.\n\n(Reporting by Ana Lim in Manila;\nEditing by Tom Hale)\n\nOur Standards: The Thomson Reuters Trust Principles.\n",
      find = { { "(Reporting by Ana Lim in Manila;\nEditing by Tom Hale)\n\nOur Standards: The Thomson Reuters Trust Principles." } } },
    { title = "Fibre for the steppe",
      text = "Steppe Wire\n14.03.2024\n\nFibre for the steppe\n\nBy Dana Sultan in Astana and Ivan Orlov in Moscow\nReading time: 7 minutes\n\nThe cable reached Almaty in May.\n\nAlso on Steppe Wire: Why the grid needs more storage\n\nThe second line opens in 2027.\n",
      find = { { "Steppe Wire" }, { "By Dana Sultan in Astana and Ivan Orlov in Moscow\nReading time: 7 minutes" },
               { "Also on Steppe Wire: Why the grid needs more storage" } } },
    { text = "Source: https://example.gov/remarks\nAn official website of the United States government\n\nThis archive site is no longer updated, and its links may not work.\n\nThank you all for coming to the opening of the new fibre line today, which links two cities.\n",
      find = { { "Source: https://example.gov/remarks\nAn official website of the United States government\n\nThis archive site is no longer updated, and its links may not work." } } },
    { title = "Official website of the State Grid", text = "Source: https://example.org/news/1\nView settings\nFont size:\nSite colours:\n\nOfficial website of the State Grid\n\nNews /\n\nGrid talks end in Astana\n\nMay 6, 2024, Astana\n\nThe two grid operators agreed to link their networks by 2027, officials said.\n",
      find = { { "Source: https://example.org/news/1\nView settings\nFont size:\nSite colours:\n\nOfficial website of the State Grid\n\nNews /" } } },
  },
  counterexamples = {
    { title = "Xi and Putin meet in Moscow", text = "Friday, March 1, 2024\n\nXi and Putin meet in Moscow\n\nThe two leaders met for three hours, officials said.\n" },
    "Grid deal signed\n\nThe two utilities signed the agreement on Tuesday, officials said.\n",
    "Share prices rose after the statement, which related the plan to new export rules.\n",
  },
}

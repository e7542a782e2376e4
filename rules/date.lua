-- date.lua: calendar dates that name a year or a day with its month, and
-- ranges of years, as EDTF: "Friday, March 1, 2024" → 2024-03-01,
-- "14 May 2024", "May 2016" → 2016-05, "2023-05-22", "fall 2013" → 2013-23,
-- "2011–2015" → 2011/2015, "from 2018 to 2020", "in 2015" → 2015.
-- Written as an re grammar: `quarry rules explain date TEXT` shows how far
-- the top-level sequence gets where it does not match.

local text = require "lib.text"

local months = {
  january = 1, february = 2, march = 3, april = 4, may = 5, june = 6, july = 7,
  august = 8, september = 9, october = 10, november = 11, december = 12,
  jan = 1, feb = 2, mar = 3, apr = 4, jun = 6, jul = 7, aug = 8, sep = 9, sept = 9,
  oct = 10, nov = 11, dec = 12,
}
local seasons = { spring = 21, summer = 22, autumn = 23, fall = 23, winter = 24 }

local function pad(n) return string.format("%02d", tonumber(n)) end

return {
  name = "date",
  type = "date",
  description = "dates, months, seasons and years (in context), and year ranges, as EDTF",
  grammar = [[
    date      <- (range / full / monthyear / seasonyear / iso / yearctx) %word_end
    full      <- (weekday ','? %s+)? (mdy / dmy)
    mdy       <- {:month: month :} '.'? %s+ {:day: day :} (','? %s+) {:year: year :}
    dmy       <- {:day: day :} %s+ {:month: month :} ','? %s+ {:year: year :}
    monthyear <- {:month: month :} ','? %s+ {:year: year :}
    seasonyear <- {:season: season :} %s+ {:year: year :}
    iso       <- {:year: year :} '-' {:imonth: [01] [0-9] :} '-' {:day: [0-3] [0-9] :}
    range     <- 'from' %s+ {:from: year :} %s+ 'to' %s+ {:to: year :}
               / {:from: year :} %s* %dash %s* {:to: year :} !%digit
    yearctx   <- %after_context {:year: year :}
    weekday   <- ('Monday' / 'Tuesday' / 'Wednesday' / 'Thursday' / 'Friday' / 'Saturday' / 'Sunday')
    month     <- %monthname
    season    <- %seasonname
    day       <- ('3' [01] / [12] [0-9] / '0'? [1-9]) !%digit ('st' / 'nd' / 'rd' / 'th')?
    year      <- [12] [0-9] [0-9] [0-9] !%alnum
  ]],
  defs = {
    s = text.space,
    word_end = text.word_end,
    dash = text.dash,
    digit = text.digit,
    alnum = text.alnum,
    monthname = text.any_word({ "January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr",
      "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec" }),
    seasonname = text.any_word({ "spring", "summer", "autumn", "fall", "winter",
      "Spring", "Summer", "Autumn", "Fall", "Winter" }),
    -- a year alone counts after a word that makes it a date ("in 2015",
    -- "since 2014"); the match starts at the year, looking back at the word
    -- (so LPeg only tries it where a 1 or 2 stands)
    after_context = (function()
      local lpeg = require "lpeg"
      local p = lpeg.P(false)
      for _, w in ipairs({ "in", "In", "since", "Since", "by", "By", "until", "Until", "during",
                           "During", "from", "From", "of", "early", "late", "mid", "end of" }) do
        p = p + lpeg.B(w .. " ") + lpeg.B(w .. "\194\160")
      end
      return #lpeg.R"12" * p
    end)(),
  },
  value = function(c)
    if c.from then
      if tonumber(c.to) <= tonumber(c.from) then return false end
      return { edtf = c.from .. "/" .. c.to }
    end
    if c.season then return { edtf = c.year .. "-" .. seasons[c.season:lower()] } end
    if c.imonth then
      if tonumber(c.imonth) < 1 or tonumber(c.imonth) > 12 then return false end
      return { edtf = c.year .. "-" .. c.imonth .. "-" .. c.day }
    end
    local month = c.month and months[c.month:lower()]
    if c.day then
      local day = tonumber(c.day:match("%d+"))
      if day < 1 or day > 31 then return false end
      return { edtf = string.format("%s-%s-%s", c.year, pad(month), pad(day)) }
    end
    if month then return { edtf = c.year .. "-" .. pad(month) } end
    return { edtf = c.year }
  end,
  examples = {
    { "Friday, March 1, 2024", "Friday, March 1, 2024", { edtf = "2024-03-01" } },
    { "on 14 May 2024 in Moscow", "14 May 2024", { edtf = "2024-05-14" } },
    { "Saturday, Feb 22, 2025", "Saturday, Feb 22, 2025", { edtf = "2025-02-22" } },
    { "announced in May 2016", "May 2016", { edtf = "2016-05" } },
    { "published 2023-05-22", "2023-05-22", { edtf = "2023-05-22" } },
    { "first announced in fall 2013", "fall 2013", { edtf = "2013-23" } },
    { "during the plan (2011–2015)", "2011–2015", { edtf = "2011/2015" } },
    { "from 2018 to 2020 the budget grew", "from 2018 to 2020", { edtf = "2018/2020" } },
    { "output in 2015 rose", "2015", { edtf = "2015" } },
    { "sanctions since 2014", "2014", { edtf = "2014" } },
  },
  counterexamples = {
    "under Horizon 2020 and Made in China 2025",
    "2,500 young scientists",
    "a 2-day forum",
    "over 20 years",
  },
}

-- test_titles.lua: what a date line is (rules/lib/dates.lua) and which of
-- a plain-text article's first lines is its headline (rules/lib/titles.lua),
-- as ingest and quarry.jsonl_document guess a missing title. (These were
-- C, core/text.c, with these cases in tests/unit/test_text.c.)
local check = require "check"
local dates = require "lib.dates"
local titles = require "lib.titles"

local tests = {}

-- A paragraph of well over 20 words, as follows a headline in an article.
local PARAGRAPH = "Crews worked through the weekend to finish the first phase, and the " ..
  "operators say the remaining sections should open before the spring " ..
  "season begins in earnest.\n"

local function title(text, expected)
  check.equal(titles.guess(text), expected, text:sub(1, 60))
end

local function date_line(line, expected)
  check.equal(dates.is_date_line(line), expected, line)
end

-- Date lines ------------------------------------------------------------------

function tests.date_lines()
  date_line("Friday, March 1, 2024", true)
  date_line("Saturday, Feb 22, 2025", true)
  date_line("2023-05-22", true)
  date_line("Thursday 7 March 2024", true)
  date_line("March 2024", true)
  date_line("1st March 2024", true)
  date_line("22/02/2025", true)
  date_line("Published on 22.02.2025", true)
  date_line("Posted: Mar 1, 2024 at 10:15 am", true)
  date_line("12 March 2024 | 10:15 GMT", true)
  date_line("Updated Mar 1, 2024 (10:15 UTC)", true)
  date_line("  Sunday, 3rd of March 2024  ", true)
  -- NBSP and an em dash between the parts
  date_line("Friday,\194\160March 1, 2024 \226\128\148 09:30", true)
  date_line("FRIDAY, MARCH 1, 2024", true)
end

-- The whole line is read.
function tests.date_line_is_the_whole_line()
  date_line("2023-05-22", true)
  date_line("2023-05-22 and then some words", false)
end

function tests.not_date_lines()
  date_line("Home / Geopolitics / China", false)
  date_line("March of the robots continues", false)
  date_line("Must read", false)
  date_line("", false)
  date_line("   ", false)
  date_line("Friday", false)
  date_line("Top 10 ways to save on heating", false)
  date_line("2024 was a record year for wind", false)
  date_line("May the new budget pass", false)
  date_line("Chapter 2024", false)
  date_line("Caf\195\169 opens on March 1, 2024", false)
end

-- A time zone after a time: "IST", "CET", "ET" (not only GMT and UTC).
function tests.date_line_with_time_zone()
  date_line("Updated: Mar 1, 2024, 10:15 IST", true)
  date_line("Friday, March 1, 2024, 10:15 IST", true)
  date_line("March 1, 2024 09:00 CET", true)
  date_line("Mar 1, 2024 9:30 a.m. ET", true)
end

-- Titles ----------------------------------------------------------------------

function tests.title_after_date_line()
  title("Friday, March 1, 2024\n" ..
        "Solar farms expand across the northern plains\n" ..
        "\n" .. PARAGRAPH,
        "Solar farms expand across the northern plains")
  title("2023-05-22\n" ..
        "\n" ..
        "Harbour cranes stand idle for a third week\n",
        "Harbour cranes stand idle for a third week")
end

-- Summary bullets under the date line of wire copy are not the headline.
function tests.title_not_a_bullet()
  title("UPDATE 1-Harbour cranes stand idle for a third week\n" ..
        "Tue Oct 14, 2025 7:42am EDT\n" ..
        "\n" ..
        "* Port operators expect the backlog to clear by Friday\n" ..
        "* Shipping lines divert vessels to two other ports\n" ..
        "\n" .. PARAGRAPH,
        "UPDATE 1-Harbour cranes stand idle for a third week")
end

-- The headline under a date line beats a headline-like line above it.
function tests.title_date_line_gives_weight()
  title("Independent reporting on energy and markets\n" ..
        "Saturday, Feb 22, 2025\n" ..
        "Regional grid operators plan a reserve auction\n",
        "Regional grid operators plan a reserve auction")
end

function tests.title_breadcrumb_with_slashes()
  title("Home / Geopolitics / Harbour talks resume in Oslo\n" ..
        "Harbour talks resume in Oslo\n" ..
        "\n" .. PARAGRAPH,
        "Harbour talks resume in Oslo")
  -- a tagline above does not win against the repeated headline
  title("Northern Ledger daily news and analysis\n" ..
        "Home / Geopolitics / Harbour talks resume in Oslo\n" ..
        "Harbour talks resume in Oslo\n" ..
        "\n" .. PARAGRAPH,
        "Harbour talks resume in Oslo")
end

-- A three-word headline that a breadcrumb repeats is chosen: the
-- breadcrumb's evidence (+4) lowers the words a headline needs to two.
function tests.title_breadcrumb_three_words()
  title("Home / Geopolitics / Headline text here\n" ..
        "Headline text here\n" ..
        "\n" .. PARAGRAPH,
        "Headline text here")
end

function tests.title_breadcrumb_without_separators()
  title("Home Tech China accelerates its strategy\n" ..
        "China accelerates its strategy\n" ..
        "\n" .. PARAGRAPH,
        "China accelerates its strategy")
  -- the breadcrumb is skipped even with nothing else to choose
  title("Home Tech China accelerates its strategy\n" ..
        "China accelerates its strategy\n",
        "China accelerates its strategy")
end

function tests.title_site_name_and_tagline()
  title("The Northern Ledger\n" ..
        "Independent reporting on energy, markets and policy\n" ..
        "Saturday, Feb 22, 2025\n" ..
        "Regional grid operators plan a winter reserve auction\n" ..
        "\n" .. PARAGRAPH .. "\n" .. PARAGRAPH,
        "Regional grid operators plan a winter reserve auction")
end

function tests.title_skips_navigation()
  -- navigation lines are never titles, whatever else there is
  title("News | Policy | Markets | Opinion | Contact us\n" ..
        "About | Careers | Advertise with us today\n",
        nil)
  title("Home | Business news and market reports\n", nil)
  title("Home \226\128\186 Business \226\128\186 Chips and the global supply\n", nil)
  title("News | Policy | Markets | Opinion | Contact us\n" ..
        "Ferry operators add winter crossings to the islands\n" ..
        "\n" .. PARAGRAPH,
        "Ferry operators add winter crossings to the islands")
end

function tests.title_skips_bylines()
  title("By Jane Doe and Sam Okafor, Staff Writers\n" ..
        "River levels fall after a dry month\n",
        "River levels fall after a dry month")
  title("BY JANE DOE, SENIOR ENERGY CORRESPONDENT\n" ..
        "Posted by the editorial team on the weekend\n" ..
        "Share this story with friends and family\n" ..
        "Advertisement content from our partners below\n" ..
        "River levels fall after a dry month\n",
        "River levels fall after a dry month")
  title("By Jane Doe and Sam Okafor, Staff Writers\n", nil)
end

function tests.title_none()
  title("", nil)
  title("\n\n  \n\194\160\n", nil)
  title("Menu\nSearch\nSign in\n", nil)
  title("Friday, March 1, 2024\n2023-05-22\n", nil)
  -- too many words, or too long, for a headline
  title("one two three four five six seven eight nine ten eleven twelve " ..
        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen " ..
        "twenty twentyone twentytwo twentythree twentyfour twentyfive " ..
        "twentysix twentyseven twentyeight twentynine thirty thirtyone\n",
        nil)
  local long = string.rep("x", 399):gsub("()x", function(at)
    if at == 51 or at == 101 or at == 151 or at == 201 then return " " end
  end)
  title(long, nil)
end

function tests.title_trims_nbsp_and_bom()
  title("\239\187\191\194\160\194\160Lighthouse keepers return to the coast\194\160 \r\n",
        "Lighthouse keepers return to the coast")
  title("\239\187\191\n\t Lighthouse keepers return to the coast\t\n",
        "Lighthouse keepers return to the coast")
  -- a multi-byte character at the end that is not white space is kept
  title("Lighthouse keepers return to the coast \194\160\226\128\148\n",
        "Lighthouse keepers return to the coast \194\160\226\128\148")
end

function tests.title_crlf()
  title("Friday, March 1, 2024\r\n" ..
        "Solar farms expand across the northern plains\r\n" ..
        "\r\n",
        "Solar farms expand across the northern plains")
end

-- Ties go to the first; a paragraph soon after (within 8 non-empty lines)
-- adds weight.
function tests.title_ties_and_paragraphs()
  title("Harbour cranes stand idle this week\n" ..
        "Council debates the new parking rules\n",
        "Harbour cranes stand idle this week")
  title("Harbour cranes stand idle this week\n" ..
        "Menu\nSearch\nWorld\nBusiness\nSport\nWeather\nPodcasts\nVideo\n" ..
        "Council debates the new parking rules\n" ..
        "\n" .. PARAGRAPH,
        "Council debates the new parking rules")
end

-- Only the first 30 non-empty lines are looked at; blank lines do not count.
function tests.title_first_lines_only()
  title(string.rep("Item\n\n", 29) .. "Council debates the new parking rules\n",
        "Council debates the new parking rules")
  title(string.rep("Item\n\n", 30) .. "Council debates the new parking rules\n", nil)
end

-- A date line with a time zone ("IST") is no headline: the headline under
-- it gets the weight of a date line above.
function tests.title_date_with_time_zone()
  title("Friday, March 1, 2024, 10:15 IST\n" ..
        "Solar farms expand across the northern plains\n" ..
        "\n" .. PARAGRAPH,
        "Solar farms expand across the northern plains")
end

return tests

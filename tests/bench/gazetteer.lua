-- gazetteer.lua: throughput of quarry.gazetteer over news text.
-- Usage: quarry --db /tmp/x.db run tests/bench/gazetteer.lua [CORPUS.jsonl] [RUNS]
-- Builds a gazetteer of about 13,000 entries (real countries and
-- organisations, generated people and places; exact and folded), reads the
-- texts of CORPUS (default ../shared/corpus/reuters21578.jsonl next to the
-- source tree; when absent, the ../shared/seeds/*.txt files repeated to
-- 10 MB), joins them into one text of at least 10 MB, scans it RUNS times
-- (default 5) with m:find_flat and prints the median MB/s and the matches.

local quarry = require "quarry"
local json, gazetteer = quarry.json, quarry.gazetteer

local script_dir = (arg and arg[0] or ""):match("^(.*)/[^/]*$") or "."
local shared = script_dir .. "/../../../shared"
local corpus_path = arg[1] or shared .. "/corpus/reuters21578.jsonl"
local runs = tonumber(arg[2]) or 5
local MIN_BYTES = 10 * 1000 * 1000

-- Entries ------------------------------------------------------------------

local countries = {
  "Afghanistan", "Albania", "Algeria", "Andorra", "Angola", "Antigua and Barbuda",
  "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas", "Bahrain",
  "Bangladesh", "Barbados", "Belarus", "Belgium", "Belize", "Benin", "Bhutan", "Bolivia",
  "Bosnia and Herzegovina", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso",
  "Burundi", "Cambodia", "Cameroon", "Canada", "Cape Verde", "Central African Republic",
  "Chad", "Chile", "China", "Colombia", "Comoros", "Congo", "Costa Rica", "Côte d’Ivoire",
  "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechoslovakia", "Denmark", "Djibouti",
  "Dominica", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Equatorial Guinea",
  "Eritrea", "Estonia", "Ethiopia", "Fiji", "Finland", "France", "Gabon", "Gambia",
  "Georgia", "Germany", "West Germany", "East Germany", "Ghana", "Greece", "Grenada",
  "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hong Kong",
  "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy",
  "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kiribati", "Kuwait",
  "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Liechtenstein",
  "Lithuania", "Luxembourg", "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta",
  "Marshall Islands", "Mauritania", "Mauritius", "Mexico", "Micronesia", "Moldova",
  "Monaco", "Mongolia", "Montenegro", "Morocco", "Mozambique", "Myanmar", "Burma",
  "Namibia", "Nauru", "Nepal", "Netherlands", "Holland", "New Zealand", "Nicaragua", "Niger",
  "Nigeria", "North Korea", "Norway", "Oman", "Pakistan", "Palau", "Panama",
  "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar",
  "Romania", "Russia", "Soviet Union", "Rwanda", "Saint Lucia", "Samoa", "San Marino",
  "Saudi Arabia", "Senegal", "Serbia", "Seychelles", "Sierra Leone", "Singapore",
  "Slovakia", "Slovenia", "Solomon Islands", "Somalia", "South Africa", "South Korea",
  "Korea", "Spain", "Sri Lanka", "Sudan", "Suriname", "Swaziland", "Sweden", "Switzerland",
  "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Togo", "Tonga",
  "Trinidad and Tobago", "Tunisia", "Turkey", "Turkmenistan", "Tuvalu", "Uganda",
  "Ukraine", "United Arab Emirates", "United Kingdom", "Britain", "Great Britain",
  "United States", "U.S.", "USA", "Uruguay", "Uzbekistan", "Vanuatu", "Vatican City",
  "Venezuela", "Vietnam", "Yemen", "Yugoslavia", "Zaire", "Zambia", "Zimbabwe",
  "Россия", "السعودية", "中国",
}

local organisations = {
  "OPEC", "GATT", "IMF", "World Bank", "European Community", "EC", "EEC", "OECD", "NATO",
  "United Nations", "Federal Reserve", "Bundesbank", "Bank of England", "Bank of Japan",
  "Treasury", "Securities and Exchange Commission", "SEC", "Department of Agriculture",
  "USDA", "Commodity Credit Corporation", "CCC", "New York Stock Exchange",
  "London Stock Exchange", "Tokyo Stock Exchange", "Chicago Board of Trade", "Reuters",
  "Dow Jones", "Standard and Poor's", "Moody's", "Paris Club", "Group of Seven", "G-7",
  "Kremlin", "White House", "Congress", "Senate", "House of Representatives",
}

local first_names = {
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
  "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas",
  "Sarah", "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty",
  "Anthony", "Margaret", "Mark", "Sandra", "Donald", "Ashley", "Steven", "Kimberly", "Paul",
  "Emily", "Andrew", "Donna", "Joshua", "Michelle", "Kenneth", "Dorothy", "Kevin", "Carol",
  "Brian", "Amanda", "George", "Melissa", "Edward", "Deborah", "Ronald", "Stephanie",
  "Timothy", "Rebecca", "Jason", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia", "Jacob",
  "Kathleen", "Gary", "Amy", "Nicholas", "Shirley", "Eric", "Angela", "Jonathan", "Helen",
  "Stephen", "Anna", "Larry", "Brenda", "Justin", "Pamela", "Scott", "Nicole", "Brandon",
  "Emma", "Benjamin", "Samantha", "Samuel", "Katherine", "Gregory", "Christine", "Frank",
  "Debra", "Alexander", "Rachel", "Raymond", "Catherine", "Patrick", "Carolyn", "Jack",
  "Janet", "Dennis", "Ruth", "Jerry", "Maria", "Yasuhiro", "Helmut", "François", "Mikhail",
}

local surnames = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
  "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor",
  "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
  "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
  "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
  "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans",
  "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris",
  "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
  "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward",
  "Richardson", "Watson", "Brooks", "Chávez", "Wood", "James", "Bennett", "Gray", "Mendoza",
  "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long",
  "Ross", "Foster", "Jiménez", "Müller", "Baker", "Volcker", "Nakasone", "Kohl",
  "Gorbachev", "Mitterrand",
}

local place_roots = {
  "Spring", "River", "Oak", "Maple", "Cedar", "Pine", "Elm", "Lake", "Hill", "Green",
  "Fair", "Clear", "Rock", "Sand", "Stone", "Brook", "Mill", "Bridge", "Wood", "Ash",
  "Glen", "West", "East", "North", "South", "New", "Port", "Fort", "Mount", "Bay",
  "Salt", "Silver", "Gold", "Iron", "Red", "White", "Black", "Long", "High", "Low",
}
local place_suffixes = {
  "field", "ville", "ton", "burg", "port", "ford", "dale", "wood", "view", "side",
  "land", "mouth", "haven", "bury", "ham", "stead", "worth", "crest", "ridge", "brook",
  " City", " Falls", " Springs", " Heights", " Harbor", " Valley", " Park", " Point",
  " Junction", " Creek", " Beach", " Island", " Township", " County", " Grove", " Mills",
  " Station", " Bay", " Lake", " Hills", " Port", " Gardens", " Plains", " Crossing",
  " Landing", " Center", " Corners", " Bluff", " Meadows", " Estates",
}

local function build_entries()
  local entries, seen = {}, {}
  local function add(text, case)
    local key = text .. "\0" .. case
    if not seen[key] then
      seen[key] = true
      entries[#entries + 1] = { text, case = case }
    end
  end
  for _, name in ipairs(countries) do add(name, "exact") end
  for _, name in ipairs(organisations) do add(name, #name <= 4 and "exact" or "fold") end
  for i, first in ipairs(first_names) do
    for j, last in ipairs(surnames) do
      add(first .. " " .. last, (i + j) % 3 == 0 and "fold" or "exact")
    end
  end
  for i, root in ipairs(place_roots) do
    for j, suffix in ipairs(place_suffixes) do
      add(root .. suffix, (i + j) % 2 == 0 and "fold" or "exact")
    end
  end
  for _, last in ipairs(surnames) do
    add(last .. " Corp", "exact")
    add(last .. " Inc", "exact")
  end
  return entries
end

-- Text ---------------------------------------------------------------------

local function read_corpus(path)
  local file = io.open(path, "rb")
  if not file then return nil end
  local texts, bytes = {}, 0
  for line in file:lines() do
    local ok, record = pcall(json.decode, line)
    if ok and type(record) == "table" and type(record.text) == "string" then
      texts[#texts + 1] = record.text
      bytes = bytes + #record.text
    end
  end
  file:close()
  return texts, bytes
end

local function read_seeds(folder)
  local names = quarry.list_dir and quarry.list_dir(folder)
  if not names then
    names = {}
    local pipe = io.popen("ls '" .. folder .. "'")
    for name in pipe:lines() do names[#names + 1] = name end
    pipe:close()
  end
  local texts, bytes = {}, 0
  for _, name in ipairs(names) do
    if name:match("%.txt$") then
      local file = io.open(folder .. "/" .. name, "rb")
      if file then
        texts[#texts + 1] = file:read("a")
        bytes = bytes + #texts[#texts]
        file:close()
      end
    end
  end
  return texts, bytes
end

local texts, bytes = read_corpus(corpus_path)
local source = corpus_path
if not texts or bytes == 0 then
  source = shared .. "/seeds/*.txt"
  texts, bytes = read_seeds(shared .. "/seeds")
  assert(bytes > 0, "no corpus at " .. corpus_path .. " and no seeds in " .. shared .. "/seeds")
end
-- repeat the texts until there are at least MIN_BYTES of them
local parts, total = {}, 0
repeat
  for _, text in ipairs(texts) do
    parts[#parts + 1] = text
    total = total + #text + 2
  end
until total >= MIN_BYTES
local text = table.concat(parts, "\n\n")
parts, texts = nil, nil
collectgarbage()

-- Run ----------------------------------------------------------------------

local clock = os.clock()
local entries = build_entries()
local m = gazetteer.new(entries)
local build_seconds = os.clock() - clock
print(string.format("gazetteer: %d entries, built in %.1f ms (%s)", #m, build_seconds * 1000,
                    tostring(m)))
print(string.format("text: %.1f MB from %s", #text / 1e6, source))

local speeds, matches = {}, nil
for run = 1, runs do
  collectgarbage()
  clock = os.clock()
  local flat = m:find_flat(text)
  local seconds = os.clock() - clock
  speeds[run] = #text / 1e6 / seconds
  matches = #flat // 3
  print(string.format("run %d: %.3f s, %.1f MB/s", run, seconds, speeds[run]))
end
table.sort(speeds)
print(string.format("find_flat: median %.1f MB/s over %d runs, %d matches",
                    speeds[(runs + 1) // 2], runs, matches))

collectgarbage()
clock = os.clock()
local found = m:find(text)
local seconds = os.clock() - clock
print(string.format("find (tables with ids): %.1f MB/s, %d matches", #text / 1e6 / seconds,
                    #found))

-- the most frequent names, as a sanity check
local counts = {}
for _, match in ipairs(found) do
  local id = match.ids[1]
  counts[id] = (counts[id] or 0) + 1
end
local top = {}
for id, count in pairs(counts) do top[#top + 1] = { id = id, count = count } end
table.sort(top, function(a, b) return a.count > b.count or (a.count == b.count and a.id < b.id) end)
local shown = {}
for i = 1, math.min(10, #top) do
  shown[i] = string.format("%s %d", entries[top[i].id][1], top[i].count)
end
print("most found: " .. table.concat(shown, ", "))

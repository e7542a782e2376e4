-- lib/names.lua: people's names, for the person and quote rules. LPeg
-- patterns for a capitalised name of one or more words ("Xi Jinping",
-- "Ursula von der Leyen", "George W. Bush", "Kassym-Jomart Tokayev"), the
-- words that never start or belong to one (function words, titles, months,
-- organisation and place words, countries and demonyms), the cue words
-- around names (titles before, roles in apposition, verbs of saying), and
-- Lua helpers that cut a name into its words and tell its surname.

local lpeg = require "lpeg"
local text = require "lib.text"

local P, R, S = lpeg.P, lpeg.R, lpeg.S

local names = {}

local set = text.set
names.set = set

---------------------------------------------------------------------------
-- Letters and words

-- Upper- and lower-case letters, ASCII and two-byte UTF-8 (Latin-1,
-- Latin Extended-A where case alternates and is not told apart here,
-- Cyrillic).
local cont = R"\128\191"
names.upper = R"AZ" + P"\195" * R("\128\150", "\152\158") + R"\196\197" * cont
              + P"\208" * R"\128\175"
names.lower = R"az" + P"\195" * R("\159\182", "\184\191") + R"\196\197" * cont
              + P"\208" * R"\176\191" + P"\209" * cont
local letter = names.upper + names.lower
names.letter = letter

-- One space between the words of a name, or a line break where the text
-- is wrapped (a line break followed by blank space starts a paragraph).
names.space = P" " + text.nbsp
names.gap = names.space + P"\n" * -S" \t\r\n"

-- A trie of whole words (text.trie_body: one test per byte), the spaces
-- in them plain spaces.
local function trie(list)
  return text.trie_body(list, false, text.word_end, P" ")
end
names.trie = trie

-- Any of the words or phrases of a list, whole (as text.any_word, but
-- tried as a trie, a byte at a time).
function names.any_word(list)
  return text.starts_with(list) * text.word_start * trie(list)
end

-- Words that begin sentences or are no part of a person's name: function
-- words, pronouns, auxiliaries, weekdays and months, titles and offices,
-- organisation, place and event words. Case as written (capitalised).
names.stop_words = {
  -- function words and sentence openers
  "The", "A", "An", "In", "On", "At", "To", "For", "Of", "And", "But", "Or", "Nor", "As",
  "If", "So", "By", "With", "From", "Into", "After", "Before", "While", "When", "Where",
  "Why", "How", "What", "Who", "Whom", "Whose", "Which", "That", "This", "These", "Those",
  "There", "Here", "Then", "Than", "Since", "Until", "During", "Despite", "Although",
  "Though", "Because", "However", "Meanwhile", "Moreover", "Furthermore", "Also", "Still",
  "Yet", "Even", "Only", "Both", "Either", "Neither", "Each", "Every", "All", "Any", "Some",
  "Many", "Most", "Much", "More", "Few", "Several", "Other", "Another", "Such", "No", "Not",
  "Never", "Now", "Today", "Tonight", "Yesterday", "Tomorrow", "Last", "Next", "First",
  "Second", "Third", "Under", "Over", "About", "Against", "Between", "Among", "Across",
  "Through", "Without", "Within", "Via", "Per", "Like", "Unlike", "Including", "Following",
  "According", "Asked", "Speaking", "Writing", "Earlier", "Later", "Recently", "Currently",
  "Once", "Instead", "Indeed", "Overall", "Together", "Finally", "Again", "Please", "Thank",
  "Thanks", "Yes", "Dear", "Whether", "Unless", "Whereas", "Amid", "Amidst", "Around",
  "Along", "Alongside", "Above", "Below", "Beyond", "Behind", "Toward", "Towards", "Upon",
  "Outside", "Inside", "Near", "Just", "Already", "Perhaps", "Thus", "Hence", "Otherwise",
  "Nevertheless", "Nonetheless", "Besides", "Regardless", "Specifically", "Notably",
  "Similarly", "Likewise", "Initially", "Originally", "Ultimately", "Eventually", "Clearly",
  "Observers", "Analysts", "Officials", "Experts", "Critics", "Sources", "Scientists",
  "Researchers", "Reports", "Residents", "Investors", "Leaders", "People", "Users",
  -- pronouns
  "I", "He", "She", "It", "We", "You", "They", "His", "Her", "Its", "Our", "Your", "Their",
  "Him", "Them", "Me", "Us", "My", "Mine", "Everyone", "Everybody", "Nobody", "Someone",
  -- auxiliaries and verbs of saying at a sentence start
  "Is", "Are", "Was", "Were", "Be", "Been", "Being", "Has", "Have", "Had", "Do", "Does",
  "Did", "Will", "Would", "Can", "Could", "Should", "Shall", "May", "Might", "Must", "Said",
  "Says", "Say", "Told", "Added", "Read", "See", "Let", "Get", "Make", "Made", "Take",
  -- weekdays and months
  "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
  "February", "March", "April", "June", "July", "August", "September", "October",
  "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
  "Oct", "Nov", "Dec",
  -- titles and offices (they come before a name, never inside one)
  "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady", "President",
  "Vice", "Prime", "Minister", "Ministers", "Premier", "Chancellor", "Secretary",
  "Chairman", "Chairwoman", "Chair", "Chairperson", "Chief", "Executive", "Director",
  "Governor", "Mayor", "Senator", "Sen", "Rep", "Representative", "Ambassador", "Envoy",
  "Commissioner", "Professor", "Gen", "Admiral", "Colonel", "Captain", "Lieutenant",
  "King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Sheikh", "Emir", "Pope",
  "Cardinal", "Bishop", "Archbishop", "Judge", "Justice", "Deputy", "Foreign", "Defence",
  "Defense", "Finance", "Trade", "Commerce", "Interior", "Economy", "Leader", "Spokesman",
  "Spokeswoman", "Spokesperson", "Founder", "Officer", "Analyst", "Presidents", "Premiers",
  "Speaker", "Crown", "Supreme", "Comrade", "Marshal", "Sergeant", "Chairmen", "Head",
  "Former", "Acting", "Senior", "Junior", "Assistant", "Associate", "Managing", "Jr", "Sr",
  "Inspector", "Superintendent", "Secretary-General", "Director-General", "Attorney",
  "Honorable", "Honourable", "Hon", "Candidate", "Nominee", "Prosecutor", "Sheriff",
  "Constable", "Detective",
  -- organisations, bodies, places, events and documents
  "Ministry", "Department", "Office", "Agency", "Bureau", "Council", "Commission",
  "Committee", "Parliament", "Congress", "Senate", "Assembly", "Duma", "Kremlin",
  "Pentagon", "Government", "Administration", "Authority", "University", "Institute",
  "Academy", "College", "School", "Centre", "Center", "Laboratory", "Lab", "Labs", "Bank",
  "Fund", "Group", "Corporation", "Corp", "Company", "Co", "Inc", "Ltd", "Limited",
  "Holdings", "Technologies", "Technology", "Tech", "Industries", "Industry",
  "Electronics", "Systems", "Networks", "Network", "Communications", "Telecom", "Motors",
  "Airlines", "Energy", "Capital", "Partners", "Securities", "Exchange", "Association",
  "Society", "Federation", "Union", "League", "Organization", "Organisation",
  "Foundation", "Forum", "Summit", "Initiative", "Program", "Programme", "Project", "Plan",
  "Strategy", "Party", "Army", "Navy", "Force", "Forces", "Post", "Times", "Daily", "News",
  "Herald", "Tribune", "Journal", "Gazette", "Telegraph", "Press", "Media", "Service",
  "Services", "Court", "Board", "House", "Street", "Road", "Avenue", "Square", "City",
  "Province", "Region", "State", "States", "Republic", "Kingdom", "Valley", "Island",
  "Islands", "Sea", "Ocean", "River", "Lake", "Mountain", "Mountains", "Airport", "Port",
  "Station", "Hotel", "Tower", "Bridge", "Park", "Hall", "Palace", "Museum", "Library",
  "Hospital", "Church", "Cup", "Games", "Olympics", "Award", "Prize",
  "Treaty", "Agreement", "Accord", "Pact", "Declaration", "Statement", "Report", "Index",
  "Act", "Law",
  "Database", "Silk", "Belt", "Thought", "Dream", "Era", "Age", "War", "Crisis",
  "Revolution", "Day", "Week", "Year", "Month", "Spring", "Summer", "Autumn", "Winter",
  "Fall", "Internet", "Web", "Science", "Sciences", "Research", "Studies", "Affairs",
  "Development", "Innovation", "Cooperation", "Economic", "Economics", "Digital", "Smart",
  "Global", "International", "World", "Western", "Eastern", "Northern", "Southern",
  "Central", "North", "South", "East", "West", "Asia", "Asian", "Europe", "European",
  "Africa", "African", "America", "American", "Americas", "Latin", "Middle", "Pacific",
  "Atlantic", "Arctic", "Gulf", "Communist", "Democratic", "Republican", "Republicans",
  "Democrats", "Democrat", "Tory", "Tories", "Socialist", "Liberal", "Conservative", "Labour", "Labor", "Nations",
  "United", "New", "Old", "Great", "Grand", "Royal", "Imperial", "High", "Joint", "Free",
  "Open", "Public", "Private", "Social", "Political", "Military", "Nuclear", "Space",
  "Security", "Health", "Education", "Information", "Data", "Cyber", "Artificial",
  "Intelligence", "Quantum", "Semiconductor", "Semiconductors", "Cloud", "Made", "Related",
  "Share", "Home", "Source", "Exchequer", "Resources", "Petroleum", "Mining", "Mines",
  "Minerals", "Metals", "Chemical", "Foods", "Stores", "Brands", "Products", "Life",
  "Transport", "Marine", "Pipelines", "Pipeline", "Forest", "Paper", "Textile", "Textiles",
  "Broadcasting", "Entertainment", "Marketing", "Management", "Acquisition", "Accounting",
  "Realty", "Properties", "Bancorp", "Bankshares", "Savings", "Loan", "Credit", "Guaranty",
  "Equity", "Equities", "Fed", "Reserve", "Treasury", "Brothers", "Sons", "Associates",
  "Enterprises", "Air", "Aircraft", "Motor", "Tobacco", "Banque", "Banco", "Banca",
  "Internationale", "Nationale", "Generale", "Societe", "Compagnie", "Cie", "Deutsche",
  "Instruments", "Materials", "Dynamics", "Devices", "Semiconductors", "Microsystems",
  "Computer", "Computers", "Robotics", "Labs", "Studio", "Studios", "Pictures", "Records",
  "Airbus", "Boeing", "Agricultural", "Agriculture", "Commerce", "Trading", "Logistics", "Click", "Subscribe", "Advertisement", "Photo", "Image",
  "Video", "Copyright", "Comments", "Comment", "Reply", "Leave", "Login", "Menu", "Search",
  "National", "Federal", "Regional", "Provincial", "Municipal", "Local", "General",
  "Annual", "Official", "Mobile", "Wireless", "Solar", "Steel", "Oil", "Gas", "Power",
  "Electric", "Auto", "Automotive", "Aerospace", "Aviation", "Defence", "Chemical",
  "Chemicals", "Pharmaceutical", "Pharmaceuticals", "Software", "Hardware", "Internet",
  "Online", "Ventures", "Venture", "Investment", "Investments", "Trust", "Insurance",
  "Finance", "Financial", "Markets", "Market", "Stock", "Index", "Airways", "Shipping",
  "Railway", "Railways", "Institutes", "Universities", "Ministries", "Agencies", "Council",
  "Christian", "Muslim", "Islamic", "Catholic", "Orthodox", "Buddhist", "Jewish", "Arab",
  "Arabs", "Kurdish", "Kurds", "Palestinian", "Palestinians", "Eurasian", "Nordic",
  "Baltic", "Balkan", "Caucasus", "Siberia", "Siberian", "Crimea", "Donbas", "Xinjiang",
  "Tibet", "Tibetan", "Uyghur", "Uighur", "Hong", "Kong", "Macau", "Taiwanese", "Soviet",
  "Soviets", "USSR", "Yugoslav", "Hamas", "Hezbollah", "Taliban", "Brexit", "Covid",
  "Coronavirus", "Windows", "Android", "Chinese", "Russian", "English", "Twitter",
}

-- Countries, demonyms and capitals of one word from the countries
-- gazetteer (when it is there): "China said" or "Moscow told" is no
-- person, nor "Russia China Technology Cooperation".
local function country_words()
  local list = {}
  local ok, gazetteers = pcall(require, "quarry.gazetteers")
  if not ok then return list end
  local found, _, entries = pcall(gazetteers.get, "countries")
  if not found then return list end
  for _, entry in ipairs(entries) do
    local surface = entry.surface
    if entry.iso and entry.kind ~= "not" and not surface:find("[%s%.]")
       and surface:find("^%u%l") then
      list[#list + 1] = surface
    end
  end
  return list
end

do
  local all, seen = {}, {}
  for _, list in ipairs({ names.stop_words, country_words() }) do
    for _, w in ipairs(list) do
      if not seen[w] then seen[w] = true; all[#all + 1] = w end
    end
  end
  names.stop = set(all)
  names.stop_pattern = trie(all)
end

-- Common surnames of China, Korea and Vietnam, written first: a name
-- that starts with one of them ("Pan Dawei") is short for its first word.
names.east_asian_surnames = set {
  "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun",
  "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie", "Song",
  "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan",
  "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren",
  "Shen", "Yao", "Jin", "Xi", "Wan", "Fu", "Fan", "Bai", "Qin", "Meng", "Qiu", "Xue",
  "Yan", "Lei", "Hou", "Long", "Duan", "Hao", "Kong", "Shao", "Shi", "Mao", "Chang", "Tan",
  "Qian", "Qi", "Niu", "Gu", "Lai", "Yin", "Ji", "Wen", "Zou", "Xiong", "Jia", "Bao",
  "Kang", "Mo", "Gong", "Cui", "Liao", "Ou", "Zhong", "Yi", "Hua", "Miao", "Ni", "Geng",
  "Dai", "Fang", "Shu", "Xia", "Lou", "Chu", "Lian", "Pei", "Zhan", "Ning", "Rong", "Zuo",
  "Kim", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Moon", "Nguyen",
  "Tran", "Le", "Pham", "Hoang", "Vo", "Dang", "Bui", "Ngo",
}

-- One word of a name: capitalised, with lower-case letters after the
-- first (so no acronym), maybe hyphenated or with an apostrophe inside
-- ("Jae-in", "O’Brien", "D'Alema"), never a possessive "’s", and not a
-- stop word.
local apostrophe = text.apostrophe
local possessive = apostrophe * S"s" * -letter
local tail = (P"-" * letter ^ 1 + -possessive * apostrophe * letter ^ 1) ^ 0
local word = -lpeg.V"names.stop"
  * (names.upper * names.lower * letter ^ 0 + names.upper * apostrophe * names.upper * names.lower ^ 1)
  * tail * -letter * -(P"-" * text.digit)
names.word = lpeg.V"names.word" -- (a rule of names.grammar, below)
-- An initial: "W." in "George W. Bush".
names.initial = names.upper * P"." * #names.gap
-- Lower-case particles inside a name: "von der Leyen", "al-Assad", "da Silva".
names.particle = trie({ "von", "van", "der", "den", "de", "da", "di", "del", "della", "dos",
  "das", "du", "la", "le", "bin", "ibn", "al", "el", "ben", "ter", "zu", "y" })
local joint = names.gap * ((names.particle * (names.gap + P"-")) ^ 0 * (names.initial * names.gap) ^ 0)
-- A name of one or more words, and of two or more.
-- (initials may come first: "J. Howard Macdonald").
local initials = (names.initial * names.gap) ^ 1
local name = initials ^ -1 * names.word * (joint * names.word) ^ 0
names.name = lpeg.V"names.name"
-- A Korean name whose surname is also a word for a place ("Park" as in
-- "Gorky Park"): the surname then a hyphenated given name ("Park Ji-hoon").
local shape = names.upper * names.lower * letter ^ 0
local hyphenated = shape * P"-" * names.lower ^ 1 * -letter
local stop_surnames = {}
for w in pairs(names.east_asian_surnames) do
  if names.stop[w] then stop_surnames[#stop_surnames + 1] = w end
end
table.sort(stop_surnames)
local korean = #stop_surnames > 0 and trie(stop_surnames) * names.space * hyphenated or P(false)
local name2 = initials * names.word * (joint * names.word) ^ 0
            + names.word * (joint * names.word) ^ 1
            + korean
names.name2 = lpeg.V"names.name2"

-- names.word, names.name and names.name2 are rules of a grammar, called by
-- name (lpeg.V) wherever a pattern uses them: written out at each use, they
-- were copied at each (the stop-word trie thirty times over in person.lua),
-- and LPeg took half a second to compile that into code too big for the
-- processor's caches. A rule's pattern that uses them is wrapped in
-- names.grammar, which defines them once, and the rule's own patterns of
-- `rules` (name -> pattern) too, for it to call by name.
function names.grammar(pattern, rules)
  local g = { "pattern", pattern = pattern }
  for k, p in pairs(rules or {}) do g[k] = p end
  g["names.stop"] = names.stop_pattern
  g["names.word"] = word
  g["names.name"] = name
  g["names.name2"] = name2
  return P(g)
end

---------------------------------------------------------------------------
-- Cues

-- Titles written right before a name: "President Xi", "Mr Putin",
-- "Foreign Minister Wang Yi" (found at "Minister"). A name of one word may
-- follow them.
names.titles = {
  "President", "President-elect", "Vice-President", "Premier", "Prime Minister",
  "Minister", "Chancellor", "Secretary", "Secretary-General", "Chairman", "Chairwoman",
  "Chairperson", "Chair", "CEO", "Chief Executive", "Director", "Director-General",
  "Governor", "Mayor", "Senator", "Sen.", "Rep.", "Congressman", "Congresswoman",
  "Ambassador", "Envoy", "Commissioner", "Professor", "Prof.", "Prof", "Dr", "Dr.", "Mr",
  "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Miss", "Sir", "Dame", "Lord", "King", "Queen",
  "Prince", "Princess", "Emperor", "Sheikh", "Emir", "Crown Prince", "General", "Gen.",
  "Admiral", "Adm.", "Colonel", "Col.", "Captain", "Capt.", "Judge", "Justice", "Pope",
  "Cardinal", "Archbishop", "Bishop", "Rabbi", "Imam", "Chancellor", "Speaker", "Leader",
  "Marshal", "Commander", "Spokesman", "Spokeswoman", "Spokesperson", "Deputy",
  "Vice Premier", "Vice Chairman", "Founder", "Chief", "Comrade", "Representative",
  "Secretary of State", "Lt.", "Sgt.", "Inspector", "Honorable", "Honourable", "Hon.",
  "Prosecutor", "Sheriff", "Constable", "Detective", "Assemblyman", "Assemblywoman", "MP",
  "MEP", "Superintendent", "Manager", "Coach", "Councillor", "Councilor",
}

-- Titles that a single word may follow as the whole name ("President Xi",
-- "Mr Lukin"); after the others ("General", "Chief") it takes two words,
-- since "General Binding" or "Chief Economist" is no one.
names.strong_titles = {
  "President", "President-elect", "Premier", "Prime Minister", "Minister", "Chancellor",
  "Secretary", "Chairman", "Chairwoman", "Governor", "Mayor", "Senator", "Sen.", "Rep.",
  "Representative", "Congressman", "Congresswoman", "Ambassador", "Professor", "Prof.", "Dr",
  "Dr.", "Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Miss", "Sir", "Dame", "Lord", "Queen",
  "Pope", "Sheikh", "Emir", "Chairman", "Ayatollah", "Comrade",
}

-- Lower-case words for a person's role or trade, written right before a
-- name of two or more words ("analyst Stephen Hess", "chairman John
-- Tower"), or after it in apposition ("Li Lifan, a professor of ...").
names.roles = {
  "president", "vice-president", "premier", "minister", "chancellor", "secretary",
  "secretary-general", "chairman", "chairwoman", "chairperson", "chair", "chief", "head",
  "director", "director-general", "governor", "mayor", "senator", "lawmaker", "legislator",
  "congressman", "congresswoman", "ambassador", "envoy", "diplomat", "commissioner",
  "professor", "lecturer", "researcher", "scholar", "academic", "analyst", "economist",
  "expert", "specialist", "scientist", "fellow", "official", "adviser", "advisor",
  "consultant", "spokesman", "spokeswoman", "spokesperson", "leader", "founder",
  "co-founder", "executive", "officer", "manager", "partner", "editor", "author", "writer",
  "journalist", "correspondent", "reporter", "commentator", "columnist", "strategist",
  "engineer", "dean", "principal", "deputy", "representative", "general", "admiral",
  "colonel", "commander", "king", "queen", "prince", "owner", "investor", "entrepreneur",
  "billionaire", "tycoon", "lawyer", "attorney", "judge", "activist", "historian",
  "sociologist", "physicist", "politician", "banker", "boss", "chairman", "president-elect",
  "candidate", "member", "CEO", "CFO", "CTO", "COO", "vice", "coordinator", "negotiator",
  "observer", "student", "inventor", "designer", "architect", "pioneer", "creator",
  "mathematician", "astronaut", "cosmonaut", "physician", "doctor", "anchor", "host",
  "presenter", "moderator", "co-author", "nominee", "chancellor", "governor-general",
  "secretary-general", "whip", "envoy",
}

-- More roles, read only in lower case right before a name ("coach Geoff
-- Ingram", "her mother, Charlotte Charles"): capitalised, they are as
-- often names and brands themselves (Bishop, Coach, Brother, Son).
names.lower_roles = {
  "prosecutor", "detective", "sheriff", "constable", "inspector", "superintendent",
  "coach", "captain", "player", "striker", "goalkeeper", "midfielder", "defender",
  "singer", "actor", "actress", "musician", "artist", "producer", "novelist", "poet",
  "comedian", "pastor", "priest", "bishop", "archbishop", "cardinal", "imam", "rabbi", "cleric",
  "mother", "father",
  "son", "daughter", "wife", "husband", "brother", "sister", "widow", "grandmother",
  "grandfather", "voter", "resident", "victim", "survivor", "witness", "suspect",
  "defendant", "campaigner", "organiser", "organizer", "volunteer", "teacher", "nurse",
  "soldier", "pilot", "farmer", "aide", "assemblyman", "assemblywoman", "councillor",
  "councilor",
}

-- Verbs of saying before a name: "said Artyom Lukin", "according to
-- Jane Doe".
names.verbs_before = {
  "said", "says", "added", "asked", "wrote", "writes", "explained", "noted", "according to",
  "argued", "warned", "stated", "declared", "quoted", "quoting", "recalled", "insisted",
  "observed", "commented", "replied", "continued", "concluded", "stressed",
}

---------------------------------------------------------------------------
-- Lua helpers

-- Vietnamese surnames: a Vietnamese name is written surname first too, but
-- shortened to its last word, the given name ("Nguyen Thi Lan" → "Lan").
names.vietnamese_surnames = set {
  "Nguyen", "Tran", "Le", "Pham", "Hoang", "Huynh", "Phan", "Vu", "Vo", "Dang", "Bui", "Do",
  "Ngo", "Duong", "Ly", "Dinh", "Trinh", "Truong", "Doan", "Luong", "Nguyễn", "Trần",
  "Lê", "Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
  "Lý", "Đinh", "Trịnh", "Trương", "Đoàn", "Lương",
}

-- The words of a name (initials and particles left out).
function names.words(name)
  local list = {}
  for w in name:gmatch("[^%s]+") do
    if w:find("^%u") and not w:find("^%u%.$") then list[#list + 1] = w end
  end
  return list
end

-- The word a name is shortened to ("Xi Jinping" → "Xi", "Nguyen Thi Lan"
-- → "Lan", "Vladimir Putin" → "Putin", "Ursula von der Leyen" → "Leyen"
-- and "von der Leyen"), and its given name where that may be used alone
-- (Western order only).
function names.short_forms(name)
  local words = names.words(name)
  if #words < 2 then return {}, nil end
  local first, last = words[1], words[#words]
  if names.vietnamese_surnames[first] and #words <= 4 then
    return { last }, nil -- "Nguyen Thi Lan" is "Lan" (her given name)
  end
  if names.east_asian_surnames[first] and #words <= 3 then
    return { first }, nil
  end
  local forms = { last }
  local particle = name:match("(%l+ %l+ %S+)$") or name:match("(%l+ %S+)$")
  if particle then forms[#forms + 1] = particle end
  return forms, first
end

-- Whether the paragraph (lines between blank lines) holding position at
-- (1-based) is a headline in title case, where any word may be
-- capitalised: short, and most of its longer words capitalised.
function names.title_case_line(subject, at)
  local window_start = math.max(1, at - 300)
  local before = subject:sub(window_start, at - 1)
  local from = 1
  for blank_end in before:gmatch("\n[ \t\r]*\n()") do from = blank_end end
  if from == 1 and window_start > 1 then return false end -- a long paragraph
  local after = subject:sub(at, at + 300)
  local to = after:find("\n[ \t\r]*\n") or (at + 300 >= #subject and #after + 1)
  if not to then return false end
  local block = before:sub(from) .. after:sub(1, to - 1)
  local words, capitalised = 0, 0
  for w in block:gmatch("%a+") do
    if #w > 3 then
      words = words + 1
      if w:find("^%u") then capitalised = capitalised + 1 end
    end
  end
  return words >= 4 and capitalised >= 0.8 * words
end

local letter = "[%a\128-\255]"
local led_by = set { "Administration", "Government", "Cabinet", "Era", "Doctrine", "Presidency" }
local weekdays = set { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
  "Sunday" }

-- Whether a word standing for a person at start..stop (0-based, end
-- exclusive) is part of a longer name or word instead: "Xi’an", "Trump
-- Tower", "Fred Trump". Not a title or a word that starts a sentence
-- before it ("President Xi", "Meanwhile Putin"), nor a weekday after it;
-- in a headline in title case, the words around it do not count. With
-- `hyphen`, a word joined by a hyphen counts too ("Pan-African").
local role_words = set(names.roles)
for _, w in ipairs(names.lower_roles) do role_words[w] = true end
-- Whether a word (any case) is a role's: "Actor", "coach".
function names.is_role(word)
  return role_words[word:lower()] == true
end

function names.runs_into_name(subject, start, stop, hyphen)
  local after = subject:sub(stop + 1, stop + 24)
  if after:find("^['\226]") then
    local rest = after:gsub("^\226\128\153", "'")
    if rest:find("^'" .. letter) and not rest:find("^'s[^%a]") and not rest:find("^'s$") then
      return true -- "Xi’an", not "Putin’s"
    end
  end
  if hyphen and after:find("^%-%a") then return true end -- "Pan-African"
  local next_word = after:match("^[ \194\160]+(%u%l[%a\128-\255'-]*)")
  -- "the Biden Administration", "the Trump era": a government named by
  -- its leader is the person, and the administration no organisation (the
  -- real texts' gold decision H19)
  local runs_on = next_word ~= nil and not weekdays[next_word] and not led_by[next_word]
  if not runs_on then
    local before = subject:sub(math.max(1, start - 24), start)
    local previous = before:match("(%u%l[%a\128-\255'-]*)[ \194\160]+$")
    -- (a role word before it, capitalised at a sentence's start, is no
    -- part of a name: "Actor Brendan Fraser's appearance")
    runs_on = previous ~= nil and not names.stop[previous] and not names.is_role(previous)
  end
  return runs_on and not names.title_case_line(subject, start + 1)
end

-- A plain form of a name as written: single spaces, no line breaks.
function names.clean(s)
  return (s:gsub("\194\160", " "):gsub("%s+", " "))
end

-- The name a person pattern matched, cleaned, or false where it is no
-- person's: a firm or place of the people gazetteer's kind "not" ("Morgan
-- Stanley", "Rocky Linux"), or a word of a headline in title case.
-- (read when the module loads, so that a rule using it depends on the
-- gazetteer's file: an edit re-runs it)
local not_person = {}
do
  local ok, gazetteers = pcall(require, "quarry.gazetteers")
  local found, _, entries = false, nil, nil
  if ok then found, _, entries = pcall(gazetteers.get, "people") end
  for _, entry in ipairs(found and entries or {}) do
    if entry.kind == "not" then not_person[entry.surface] = true end
  end
end
function names.person_name(match)
  local name = names.clean(match.text)
  if not_person[name] or names.title_case_line(match.subject, match.start + 1) then return false end
  return name
end

return names

-- wordlist.lua: word lists an analyst edits, one entry a line with `#`
-- comments (data/abbreviations.txt, data/given_names.txt).

local wordlist = {}

-- The entries of the file at path, in order: the first word of each line
-- that is not blank or a comment. Raises an error naming the file when it
-- cannot be read.
function wordlist.read(path)
  local file, message = io.open(path, "rb")
  if not file then error("cannot read the word list " .. message, 0) end
  local words = {}
  for line in file:lines() do
    local word = line:match("^%s*([^#%s]+)")
    if word then words[#words + 1] = word end
  end
  file:close()
  return words
end

return wordlist

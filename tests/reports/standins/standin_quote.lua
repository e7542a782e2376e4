-- Stand-in for the quote rule while the rule pack has none: quotations in
-- curly double quotes of four words or more, attributed to the person named
-- just after them, or after "she said" to the last person named before.
-- For the report tests only, and only when `quarry rules list` shows no rule
-- of type quote.

return {
  name = "standin_quote", type = "quote", order = 2, needs = { "person" },
  apply = function(doc, found, emit)
    local text, people = doc.text, found("person")
    local pos = 1
    while true do
      local open_s, open_e = text:find("\226\128\156", pos, true)
      if not open_s then break end
      local close_s, close_e = text:find("\226\128\157", open_e + 1, true)
      if not close_s then break end
      local inner = text:sub(open_e + 1, close_s - 1)
      local _, words = inner:gsub("%S+", "")
      if words >= 4 and not inner:find("\n", 1, true) then
        local speaker
        for _, p in ipairs(people) do -- the person named just after the quote
          if p.start >= close_e and p.start <= close_e + 40 then speaker = p.value.name; break end
        end
        if not speaker then -- "…,” she said: the last person named before it
          local tail = text:sub(close_e + 1, close_e + 20)
          if tail:match("^%s*s?he [a-z]+") or tail:match("^%s*[a-z]+ s?he") then
            for _, p in ipairs(people) do
              if p["end"] <= open_s then speaker = p.value.name end
            end
          end
        end
        local stop = close_s - 1
        -- the comma or full stop inside the marks is not part of the quote
        while stop > open_e and text:sub(stop, stop):match("[,%.]") do stop = stop - 1 end
        emit(open_e, stop, { speaker = speaker }) -- no speaker: {} (unattributed)
      end
      pos = close_e + 1
    end
  end,
  examples = { { "“We will build it together soon,” said Xi Jinping.",
                 "We will build it together soon", { speaker = "Xi Jinping" } } },
}

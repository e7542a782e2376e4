-- lib/dates.lua: what the apply rules that read dates share.

local dates = {}

-- The document's publication date as EDTF, or nil: the one it came with
-- (HTML meta, a JSONL field: doc.published holds nothing else), else the
-- one published.lua found in this run (a date line at the top), never one
-- an earlier run found. For apply rules that `need` "published".
function dates.published(doc, found)
  local edtf = doc.published
  if edtf and edtf ~= "" then return edtf end
  local p = found("published")[1]
  return p and p.value and p.value.edtf
end

return dates

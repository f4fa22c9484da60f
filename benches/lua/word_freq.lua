-- word_freq: builds a text of n pseudo-random words from syllables, splits it,
-- counts words in a table, and sorts by (count desc, word asc). Prints the
-- number of distinct words, the top word and its count, and a checksum over
-- the top ten. arg[1] = words (default 300000).
local SYLLABLES = { "ka", "lo", "mi", "ne", "ru", "ta", "shi", "vo", "zen", "qua", "pe", "do" }

local function make_word(r)
  local parts = {}
  local length = 1 + r % 3
  r = math.floor(r / 3)
  for k = 1, length do
    parts[k] = SYLLABLES[r % 12 + 1]
    r = math.floor(r / 12)
  end
  return table.concat(parts)
end

local n = tonumber(arg and arg[1]) or 300000
local seed = 42
local words = {}
for i = 1, n do
  seed = seed * 16807 % 2147483647
  -- Squaring skews the distribution so that some words are frequent.
  local r = seed % 2000
  words[i] = make_word(math.floor(r * r / 2000))
end
local text = table.concat(words, " ")
local counts = {}
for w in string.gmatch(text, "%S+") do
  counts[w] = (counts[w] or 0) + 1
end
local items = {}
for w, c in pairs(counts) do
  items[#items + 1] = { w = w, c = c }
end
table.sort(items, function(a, b)
  if a.c ~= b.c then
    return a.c > b.c
  end
  return a.w < b.w
end)
local checksum = 0
for rank = 1, math.min(10, #items) do
  checksum = checksum + rank * items[rank].c * #items[rank].w
end
print(string.format("%d %s %d %d", #items, items[1].w, items[1].c, checksum))

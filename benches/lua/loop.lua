-- loop: a counting loop, the seed paper's "Loop Execution (1B count)" row.
-- arg[1] = how far to count (default 10000000). Prints the final counter.
local function count_to(n)
  local i = 0
  while i < n do
    i = i + 1
  end
  return i
end

local n = tonumber(arg and arg[1]) or 10000000
print(string.format("%d", count_to(n)))

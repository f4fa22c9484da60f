-- deep_recursion: non-tail recursion 10000 frames deep, repeated. Exercises
-- frame push/pop and stack growth rather than arithmetic.
-- arg[1] = repetitions (default 100).
local DEPTH = 10000

local function down(n)
  if n == 0 then
    return 0
  end
  return down(n - 1) + 1
end

local reps = tonumber(arg and arg[1]) or 100
local s = 0
for r = 0, reps - 1 do
  s = s + down(DEPTH - r % 7)
end
print(string.format("%d", s))

-- Short inner loops inside a hot outer loop: a few iterations per pass, so a trace started at
-- the inner loop's back-edge leaves it (returning past its frame, or reaching the outer loop's
-- back-edge). The outer loop's trace records through such loops; their trip counts change
-- part-way, past the unroll limit, and the results must not.

-- A sequence of closures run by a closure's inner loop (a tree-walking interpreter's shape).
local function seq(stmts)
  return function(env)
    for idx = 1, #stmts do
      stmts[idx](env)
    end
    return 0
  end
end

local function add(k, v)
  return function(env) env[k] = env[k] + v end
end

local env = { 0, 0, 0 }
local short = seq({ add(1, 1), add(2, 3) })
local long = seq({ add(1, 1), add(2, 1), add(3, 2), add(1, 1), add(2, 1), add(3, 2),
  add(1, 1), add(2, 1), add(3, 2), add(1, 1), add(2, 1), add(3, 2), add(1, 1), add(2, 1),
  add(3, 2), add(1, 1), add(2, 1), add(3, 2), add(1, 1), add(2, 1) })
local i = 0
while i < 3000 do
  if i < 2000 then
    short(env)
  else
    long(env)
  end
  if i % 7 == 0 then
    env[3] = env[3] + 1
  end
  i = i + 1
end
print(env[1], env[2], env[3])

-- One iteration of the inner loop per pass, in the same function.
local total = 0
for outer = 1, 3000 do
  local limit = outer < 2500 and 1 or 3
  for inner = 1, limit do
    total = total + outer * inner
  end
end
print(total)

-- A varying, mostly short, trip count.
local words = 0
for n = 1, 4000 do
  local k = n % 5
  while k > 0 do
    words = words + k
    k = k - 2
  end
end
print(words)

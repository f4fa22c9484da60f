-- Closures, tables and metatables: a small bank of accounts, a memoised function,
-- a vector type with operators, and a word count, printed with string.format.

-- Closures with private state.
local function make_account(owner, balance)
  local history = {}
  local self = {}
  function self.deposit(amount)
    balance = balance + amount
    history[#history + 1] = amount
  end
  function self.withdraw(amount)
    if amount > balance then
      error(string.format("%s cannot withdraw %d (balance %d)", owner, amount, balance))
    end
    balance = balance - amount
    history[#history + 1] = -amount
  end
  function self.report()
    return string.format("%-6s balance %5d after %d operations", owner, balance, #history)
  end
  return self
end

local accounts = { make_account("ada", 100), make_account("brian", 20) }
for day = 1, 30 do
  accounts[1].deposit(day)
  local ok, err = pcall(accounts[2].withdraw, day % 7)
  if not ok and day > 25 then
    print("refused: " .. err)
  end
end
for _, account in ipairs(accounts) do
  print(account.report())
end

-- Memoisation in a table keyed by argument.
local memo = {}
local function fib(n)
  if n < 2 then return n end
  local known = memo[n]
  if known then return known end
  local v = fib(n - 1) + fib(n - 2)
  memo[n] = v
  return v
end
print(string.format("fib(80) = %d", fib(80)))

-- A vector type: metatables give it arithmetic, equality and a printed form.
local Vec = {}
Vec.__index = Vec
local function vec(x, y) return setmetatable({ x = x, y = y }, Vec) end
Vec.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
Vec.__mul = function(a, k) return vec(a.x * k, a.y * k) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__tostring = function(a) return string.format("(%g, %g)", a.x, a.y) end
function Vec:length() return math.sqrt(self.x * self.x + self.y * self.y) end

local p = vec(0, 0)
for i = 1, 1000 do
  p = p + vec(math.cos(i / 100), math.sin(i / 100)) * 0.01
end
print("walked to " .. tostring(p), string.format("distance %.4f", p:length()))
print("equal vectors compare equal:", vec(1, 2) == vec(1, 2))

-- Counting words with a table, then sorting the counts.
local text = "the quick brown fox jumps over the lazy dog the fox"
local counts = {}
for word in string.gmatch(text, "%a+") do
  counts[word] = (counts[word] or 0) + 1
end
local words = {}
for word in pairs(counts) do words[#words + 1] = word end
table.sort(words, function(a, b)
  if counts[a] ~= counts[b] then return counts[a] > counts[b] end
  return a < b
end)
for i = 1, 3 do
  print(string.format("%-5s %d", words[i], counts[words[i]]))
end

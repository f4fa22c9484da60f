-- Closures and tables: accounts with private state, a memoised function, a queue,
-- and a matrix of nested tables. Uses only print, string.format and math.

-- Closures with private state: each account is a table of functions sharing upvalues.
local function make_account(owner, balance)
  local operations = 0
  local account = {}
  function account.deposit(amount)
    balance = balance + amount
    operations = operations + 1
  end
  function account.withdraw(amount)
    if amount > balance then
      return false
    end
    balance = balance - amount
    operations = operations + 1
    return true
  end
  function account.report()
    return string.format("%-6s balance %5d after %d operations", owner, balance, operations)
  end
  return account
end

local ada, brian = make_account("ada", 100), make_account("brian", 20)
local refused = 0
for day = 1, 30 do
  ada.deposit(day)
  if not brian.withdraw(day % 7) then
    refused = refused + 1
  end
end
print(ada.report())
print(brian.report())
print(string.format("%d withdrawals refused", refused))

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

-- A queue in a table with head and tail indexes.
local queue = { first = 1, last = 0, items = {} }
local function push(q, v) q.last = q.last + 1; q.items[q.last] = v end
local function pop(q)
  local v = q.items[q.first]
  q.items[q.first] = nil
  q.first = q.first + 1
  return v
end
for i = 1, 10 do push(queue, i * i) end
local drained = 0
while queue.first <= queue.last do drained = drained + pop(queue) end
print(string.format("queue drained, sum %d", drained))

-- A matrix of nested tables: rotation by an angle, applied many times.
local function rotation(angle)
  local c, s = math.cos(angle), math.sin(angle)
  return { { c, -s }, { s, c } }
end
local function apply(m, v)
  return { m[1][1] * v[1] + m[1][2] * v[2], m[2][1] * v[1] + m[2][2] * v[2] }
end
local r = rotation(math.pi / 180)
local v = { 1.0, 0.0 }
for _ = 1, 3600 do v = apply(r, v) end
print(string.format("after ten turns: (%.6f, %.6f), length %.9f", v[1], v[2],
  math.sqrt(v[1] * v[1] + v[2] * v[2])))

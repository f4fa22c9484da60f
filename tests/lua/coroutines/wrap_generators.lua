-- coroutine.wrap turns a coroutine into a function, the usual way to write generators.
local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end
local out = {}
for i in range(5) do out[#out + 1] = i end
print(table.concat(out, " "))
local function permutations(list)
  local function permute(a, n)
    if n <= 1 then coroutine.yield(table.concat(a, ""))
    else
      for i = 1, n do
        a[n], a[i] = a[i], a[n]
        permute(a, n - 1)
        a[n], a[i] = a[i], a[n]
      end
    end
  end
  return coroutine.wrap(function() permute(list, #list) end)
end
local perms = {}
for p in permutations({ "a", "b", "c" }) do perms[#perms + 1] = p end
table.sort(perms)
print(#perms, table.concat(perms, " "))
local gen = coroutine.wrap(function() coroutine.yield(1) end)
print(gen(), gen())
print(pcall(gen))

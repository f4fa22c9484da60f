-- __index as a function receives the table and the key; its first result is the value.
local calls = 0
local t = setmetatable({ real = "stored" }, {
  __index = function(tbl, key)
    calls = calls + 1
    if type(key) == "number" then return key * 2 end
    return "computed " .. tostring(key)
  end,
})
print(t.real, t.foo, t[21], t[1.5], calls)
local fib = setmetatable({ [0] = 0, [1] = 1 }, {
  __index = function(self, n)
    local v = self[n - 1] + self[n - 2]
    rawset(self, n, v)
    return v
  end,
})
print(fib[80])
local proxy_log = {}
local target = { a = 1 }
local proxy = setmetatable({}, { __index = function(_, k) proxy_log[#proxy_log + 1] = k; return target[k] end })
print(proxy.a, proxy.b, table.concat(proxy_log, ","))

-- __newindex fires only for absent keys; as a table it redirects the store; rawset bypasses it.
local log = {}
local t = setmetatable({ existing = 1 }, {
  __newindex = function(tbl, k, v)
    log[#log + 1] = k .. "=" .. tostring(v)
    rawset(tbl, k, v * 10)
  end,
})
t.existing = 2
t.fresh = 3
t.fresh = 4
print(t.existing, t.fresh, table.concat(log, " "))
local store = {}
local redirect = setmetatable({}, { __newindex = store })
redirect.x = "to store"
print(rawget(redirect, "x"), store.x)
local readonly = setmetatable({}, { __index = { k = "v" }, __newindex = function() error("read-only table", 2) end })
print(readonly.k, pcall(function() readonly.k = "changed" end))
rawset(readonly, "k", "raw")
print(readonly.k)

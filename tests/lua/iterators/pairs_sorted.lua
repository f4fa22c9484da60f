-- pairs visits every key exactly once; the order is unspecified, so keys are sorted before printing.
local t = { 10, 20, 30, x = "ex", y = "why", [100] = "hundred", [-1] = "minus" }
local num_keys, str_keys = {}, {}
for k, v in pairs(t) do
  if type(k) == "number" then num_keys[#num_keys + 1] = k else str_keys[#str_keys + 1] = k end
end
table.sort(num_keys)
table.sort(str_keys)
for _, k in ipairs(num_keys) do io.write(k, "=", t[k], " ") end
print()
for _, k in ipairs(str_keys) do io.write(k, "=", t[k], " ") end
print()
local count = 0
for k in pairs(t) do t[k] = nil; count = count + 1 end
print("cleared while iterating:", count, next(t))
local mt_pairs = setmetatable({}, { __pairs = function(self)
  local i = 0
  return function() i = i + 1; if i <= 3 then return i, i * i end end, self, nil
end })
for k, v in pairs(mt_pairs) do io.write(k, ":", v, " ") end
print()

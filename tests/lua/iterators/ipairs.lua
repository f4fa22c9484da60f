-- ipairs walks 1, 2, ... and stops at the first nil; it respects __index in 5.4.
for i, v in ipairs({ "a", "b", "c" }) do io.write(i, "=", v, " ") end
print()
for i, v in ipairs({ 1, 2, nil, 4 }) do io.write(i, "=", v, " ") end
print()
local n = 0
for _ in ipairs({}) do n = n + 1 end
print("empty:", n)
local proxy = setmetatable({}, { __index = function(_, i) if i <= 3 then return i * 100 end end })
for i, v in ipairs(proxy) do io.write(i, "=", v, " ") end
print()
local f, s, init = ipairs({ 9 })
print(type(f), init, f(s, init))
print(f(s, 1))

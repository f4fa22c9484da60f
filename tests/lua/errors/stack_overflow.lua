-- Unbounded recursion ends in a catchable "stack overflow" error, not a crash.
local function runaway(n) return 1 + runaway(n + 1) end
local ok, msg = pcall(runaway, 1)
print(ok, type(msg), msg:find("stack overflow") ~= nil)
local function also(n) local t = { n }; return also(n + 1)[1] end
local ok2, msg2 = pcall(also, 1)
print(ok2, msg2:find("stack overflow") ~= nil)
print("still running")

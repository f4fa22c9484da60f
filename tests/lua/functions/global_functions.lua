-- Global function definitions, dotted names in tables, and redefinition at run time.
function greet(name) return "hello " .. name end
print(greet("lua"))
lib = { util = {} }
function lib.util.twice(x) return 2 * x end
print(lib.util.twice(21))
local old = greet
function greet(name) return old(name) .. "!" end
print(greet("again"))
print(_G.greet == greet, _ENV == _G)
_G.dynamic = function() return "set via _G" end
print(dynamic())

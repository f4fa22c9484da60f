-- Uncaught failing assert with a message.
local function parse(s) return tonumber(s) end
print(assert(parse("12")))
assert(parse("twelve"), "not a number: twelve")

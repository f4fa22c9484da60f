-- Long brackets: no escapes, a first newline is skipped, levels allow ]] inside.
local s = [[
first line
second \n not an escape]]
print(s)
print(#s)
print([==[contains ]] and ]=] inside]==])
print([[]] == "", [[
]] == "")
local multi = [[a
b
c]]
local n = 0
for _ in multi:gmatch("\n") do n = n + 1 end
print("newlines:", n)

-- Strings share a metatable whose __index is the string library, so s:method() works on values.
local s = "Hello, World"
print(s:len(), s:upper(), s:lower(), s:sub(1, 5), s:rep(2, "|"))
print(("%5.1f|%-5s|"):format(3.14159, "ab"))
print(getmetatable("").__index == string, #getmetatable("").__index.format("%d", 7))
local word = "level"
print(word:reverse() == word, word:byte(1), word:find("v"))
print(("a,b,c"):gsub(",", ";"))

-- string.find: positions of the match and captures; init; plain search; no match gives nil.
local s = "hello world, hello moon"
print(s:find("hello"), s:find("hello", 2), s:find("xyz"))
print(s:find("o w"), s:find("l+"), s:find("(h)(e)"))
print(s:find("o", -4), s:find("", 5), s:find("", 100), s:find("", #s + 1))
print(("a.b.c"):find(".", 1, true), ("a.b.c"):find("%."), ("a+b"):find("+", 1, true))
print(s:find("(%a+) (%a+)"), s:find("()ll()"))
print(("[test]"):find("[", 1, true), pcall(string.find, "x", "["))

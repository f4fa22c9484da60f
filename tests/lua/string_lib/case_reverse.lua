-- upper, lower and reverse work byte by byte (ASCII letters only change case).
print(string.upper("Hello World 123 _!"), string.lower("Hello World 123 _!"))
print(string.reverse("abc"), string.reverse(""), string.reverse("a b"), ("12345"):reverse())
local pal = { "racecar", "hello", "abba", "" }
for _, w in ipairs(pal) do print(w, w == w:reverse()) end

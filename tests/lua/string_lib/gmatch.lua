-- string.gmatch iterates over matches, returning captures when the pattern has them.
local words = {}
for w in ("the quick brown fox"):gmatch("%a+") do words[#words + 1] = w end
print(#words, table.concat(words, "|"))
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do io.write(k, "->", v, " ") end
print()
local n = 0
for _ in ("abc"):gmatch("") do n = n + 1 end
print("empty matches:", n)
for pos, ch in ("hello"):gmatch("()(l)") do io.write(pos, ch, " ") end
print()
for num in ("10 -3 4.5 x 7"):gmatch("%-?%d+%.?%d*") do io.write(num, ";") end
print()
local it = ("one two"):gmatch("%a+")
print(it(), it(), it())
for a in ("aaa"):gmatch("^a") do io.write("[", a, "]") end
print()

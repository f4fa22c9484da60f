-- Character classes and sets: %a %d %l %s %u %w %x %p %c, their complements, [sets] and ranges.
local sample = "Ab1 _\t!Z9\n"
local classes = { "%a", "%d", "%l", "%s", "%u", "%w", "%x", "%p", "%c", "%A", "%D", "%S", "%W", "." }
for _, c in ipairs(classes) do
  local _, n = sample:gsub(c, "")
  print(c, n)
end
print(("hello-world_42"):gsub("[%w_]", ""))
print(("hello-world_42"):gsub("[^%w_]", "#"))
print(("abcxyz"):gsub("[a-c]", "*"), ("a-b"):gsub("[a%-]", "+"), ("a]b"):gsub("[]]", "!"))
print(("0x1F zz"):match("0x(%x+)"), ("tab\there"):match("%s"), ("x^y"):gsub("[%^]", "v"))
print(("aXbYc"):gsub("%u", string.lower))

-- Strings compare by byte values (in the C locale); numbers and strings never compare equal.
print("a" < "b", "a" < "aa", "" < "a", "Z" < "a", "abc" < "abd", "abc" <= "abc")
print("10" < "9", "10" == 10, 10 == "10", "1" ~= 1)
print("a\0b" < "a\0c", "a\0" > "a", #"a\0b")
local words = { "pear", "Apple", "banana", "apple", "10", "9", "" }
table.sort(words)
print(table.concat(words, ","))

-- Strings that look like numbers are converted by arithmetic (via the string metatable in 5.4).
print("10" + 1, "3" * "4", "10" / 2, "2" ^ 2)
print(math.type("10" + 1), math.type("10.0" + 1), math.type("0x10" + 0))
print(" 5 " + 0, "1e2" + 0, "-7" // 2, "7" % "-3")
print(-"2", -"2.5")
print(pcall(function() return "abc" + 1 end))
print(pcall(function() return {} + 1 end))
print(10 .. "", 1.5 .. "|", -0.0 .. "")

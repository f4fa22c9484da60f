-- Number <-> string coercions: strings in arithmetic, numbers in concatenation and string functions.
print("10" + 1, "10" * "2", "3.5" + 0.5, "0x1F" + 0, "1e1" * 1)
print(10 .. 20, 3 .. "", string.rep(5, 3), ("x"):rep("3"))
print(string.upper(12), string.len(12345), string.sub(123456, 2, 4))
print(("%d"):format("42"), ("%s"):format(1.5), ("%.1f"):format("2"))
print(pcall(function() return "1a" + 1 end))
print(pcall(function() return "" + 1 end))
print(tostring(10) == "10", tostring(10.0) == "10.0")

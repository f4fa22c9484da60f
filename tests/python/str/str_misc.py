# str() and repr() of mixed objects, str constructor forms, and ord/chr round trips.
print(str(123), str(1.5), str([1, "a"]), str((1,)), str({"k": [1]}), str(None), str(b"by"))
print(str(b"abc", "utf-8"), str(bytearray(b"xy"), "ascii"), str(), repr(str()))
print("".join(chr(ord(c) + 1) for c in "HAL"), [ord(c) for c in "AZaz09"])
print("abc".encode(), "é".encode("utf-8"), b"\xc3\xa9".decode("utf-8"), "x".encode("ascii"))
print("Mississippi".count("ss"), "Mississippi".index("ss", 3), "mississippi".upper().lower())
print(len(""), "" == str(), "a" * 3 == "aaa")
print("%s|%s" % ("hello".translate(str.maketrans("el", "ip")), "abc".translate({ord("a"): None})))

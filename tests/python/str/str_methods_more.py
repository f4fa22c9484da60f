# Less common methods: splitlines with keepends, partition, title edge cases, format_map, encode errors.
print("hello world-foo bar_baz".title(), "they're bill's".title(), "ABC def".capitalize())
print("{a}-{b}".format_map({"a": 1, "b": 2}))
print("Tab\there".expandtabs(10), "x".center(4, "-"), "abc".ljust(2))
print("a1b2c3".isalnum(), "ABC".isupper(), "Abc Def".istitle(), "abc def".istitle())
print("héllo".encode("ascii", "replace"), "héllo".encode("ascii", "ignore"))
try:
    "héllo".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
print(b"caf\xc3\xa9".decode(), b"\xff".decode("utf-8", "replace"))

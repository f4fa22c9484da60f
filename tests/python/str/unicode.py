# Code-point semantics: len, indexing, ord/chr across the BMP and astral planes.
s = "héllo wörld ☃ 𝄞 日本"
print(len(s), s[1], s[12], s[14], s[-1], s[::-1])
print([ord(c) for c in "é☃𝄞"], chr(233), chr(0x2603), chr(0x1D11E), chr(65))
print(s.upper(), s.encode("utf-8"), len(s.encode("utf-8")))
print("ß".upper(), "İ".lower() == "i̇", "ﬁ".upper())
print(sorted("bäaćz"), "é" < "z", max("aé☃"))
print("\u00e9" == "é", "\N{SNOWMAN}", "\U0001F600" == "😀")

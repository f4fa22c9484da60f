# strip family with character sets, and padding: center, ljust, rjust, zfill, expandtabs.
s = "xxhixxyx"
print(s.strip("x"), s.lstrip("x"), s.rstrip("xy"), "  pad  ".strip(), "\t\n a \n".strip())
print(repr("abc".center(9)), repr("abc".center(8, "*")), repr("abc".ljust(6, ".")), repr("abc".rjust(6)))
print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2))
print(repr("a\tb\tc".expandtabs()), repr("ab\tc".expandtabs(4)), repr("\t".expandtabs(2)))

# More bytes methods: partition, rstrip with sets, center, isdigit family, count, translate.
b = b"key=value=x"
print(b.partition(b"="), b.rpartition(b"="), b.split(b"=", 1), b.rsplit(b"=", 1))
print(b"xxabcxx".strip(b"x"), b"  pad ".rstrip(), b"ab".center(6, b"*"), b"7".zfill(3), b"ab".ljust(4, b"."))
print(b"123".isdigit(), b"abc".isalpha(), b"ab1".isalnum(), b"  ".isspace(), b"ABC".isupper(), b"Hello World".title())
print(b"banana".count(b"a"), b"banana".index(b"n"), b"banana".rfind(b"a"), b"Hello".swapcase(), b"hello".capitalize())
print(b"a\nb\r\nc".splitlines(), b"abc".endswith((b"c", b"z")), b"%d-%s" % (5, b"x"))

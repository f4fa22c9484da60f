# find/rfind/index/count/startswith/endswith/replace with start and end arguments.
s = "the quick brown fox jumps over the lazy dog the end"
print(s.find("the"), s.find("the", 1), s.rfind("the"), s.find("cat"), s.rfind("the", 0, 20))
print(s.index("fox"), s.rindex("o"), s.count("the"), s.count("o", 20), s.count(""))
print(s.startswith("the"), s.startswith(("a", "t")), s.endswith("end"), s.endswith("the", 0, 34))
print(s.replace("the", "THE"), s.replace("the", "a", 2), s.replace("", "-")[:12])
try:
    s.index("cat")
except ValueError as e:
    print("ValueError:", e)
print("abcabc".removeprefix("ab"), "abcabc".removesuffix("bc"), "abc".removeprefix("x"))

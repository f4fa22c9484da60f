# split/rsplit/splitlines/partition/join in their common forms.
s = "  a  b   c  "
print(s.split(), s.split(" "), s.split(None, 1), s.rsplit(None, 1), s.strip().split(" ", 2))
print("a,b,,c,".split(","), "a,b,,c,".rsplit(",", 2), "".split(), "".split(","))
print("line1\nline2\r\nline3\n".splitlines(), "x\ny\n".splitlines(True), "".splitlines())
print("key=value=more".partition("="), "key=value=more".rpartition("="), "novalue".partition("="))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join(str(i) for i in range(5)), "x".join("abc"))
try:
    "-".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
print("a b\tc\nd".split(), "1<>2<>3".split("<>"))

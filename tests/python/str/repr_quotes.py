# repr chooses quotes like CPython: single by default, double when only single quotes appear.
for s in ["plain", "it's", 'say "hi"', "both ' and \"", "", "\\", "new\nline", "tab\t", "é", "\x01"]:
    print(repr(s))
print(str(["a", "it's", 'q"q']), repr(("x",)), ascii("héllo ☃"), ascii("plain"))

# __repr__ and __str__: print uses str, containers use repr, fallback of str to repr.
class Both:
    def __repr__(self):
        return "Both()"
    def __str__(self):
        return "a Both"
class ReprOnly:
    def __repr__(self):
        return "ReprOnly<>"
class StrOnly:
    def __str__(self):
        return "just str"
print(Both(), repr(Both()), [Both()], str(ReprOnly()), ReprOnly(), f"{Both()} {Both()!r}")
print(str(StrOnly()), [StrOnly()][0].__str__(), "%s %r" % (Both(), Both()))
print(repr(StrOnly()).startswith("<__main__.StrOnly object at"))

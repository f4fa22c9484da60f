# args, str and repr of exceptions with zero, one and several arguments.
for e in [Exception(), Exception("one"), Exception("a", 2), ValueError(42), KeyError("key"), KeyError(), OSError(2, "No such file")]:
    print(repr(e), "|", str(e), "|", e.args)
e = ValueError("x")
e.args = ("changed",)
print(e)
err = OSError(2, "No such file or directory")
print(err.errno, err.strerror, type(err).__name__)

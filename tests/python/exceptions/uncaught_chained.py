# An uncaught chained exception: the traceback shows both, the last line is the outer one.
try:
    {}["x"]
except KeyError as e:
    raise RuntimeError("lookup failed") from e

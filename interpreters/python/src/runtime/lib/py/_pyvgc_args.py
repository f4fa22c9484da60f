"""Argument binding with CPython's error messages, for bundled modules that build callables
without exec (namedtuple's __new__, dataclass __init__ when exec is unavailable).

bind(qualname, names, defaults, args, kwargs) -> list of values in `names` order.
`defaults` maps a trailing subset of `names` to default values.
"""


def _join_names(names):
    quoted = ["'%s'" % n for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + " and " + quoted[1]
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def bind(qualname, names, defaults, args, kwargs, self_counted=True):
    n = len(names)
    extra = 1 if self_counted else 0
    # CPython checks keywords first, then the positional count, then missing arguments.
    for key in kwargs:
        if key not in names:
            raise TypeError("%s() got an unexpected keyword argument '%s'" % (qualname, key))
        if names.index(key) < len(args):
            raise TypeError("%s() got multiple values for argument '%s'" % (qualname, key))
    if len(args) > n:
        required = n - len(defaults)
        if required == n:
            takes = "takes %d positional argument%s" % (n + extra, "" if n + extra == 1 else "s")
        else:
            takes = "takes from %d to %d positional arguments" % (required + extra, n + extra)
        given = len(args) + extra
        raise TypeError("%s() %s but %d %s given" % (qualname, takes, given, "was" if given == 1 else "were"))
    values = list(args)
    missing = []
    for i in range(len(args), n):
        name = names[i]
        if name in kwargs:
            values.append(kwargs[name])
        elif name in defaults:
            values.append(defaults[name])
        else:
            values.append(None)
            missing.append(name)
    if missing:
        raise TypeError("%s() missing %d required positional argument%s: %s"
                        % (qualname, len(missing), "" if len(missing) == 1 else "s", _join_names(missing)))
    return values

"""Argument binding with CPython's error messages, for bundled modules that build callables
without exec (namedtuple's __new__, dataclasses' __init__).

bind(qualname, names, defaults, args, kwargs, kwonly=(), self_counted=True) -> dict name->value
`defaults` maps parameter names (positional or keyword-only) to default values. The checks run in
CPython's order: keywords (unexpected, duplicated), positional count, missing positional,
missing keyword-only.
"""


def _join_names(names):
    quoted = ["'%s'" % n for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + " and " + quoted[1]
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def bind(qualname, names, defaults, args, kwargs, kwonly=(), self_counted=True):
    n = len(names)
    extra = 1 if self_counted else 0
    for key in kwargs:
        if key in names:
            if names.index(key) < len(args):
                raise TypeError("%s() got multiple values for argument '%s'" % (qualname, key))
        elif key not in kwonly:
            raise TypeError("%s() got an unexpected keyword argument '%s'" % (qualname, key))
    if len(args) > n:
        required = len([x for x in names if x not in defaults])
        if required == n:
            takes = "takes %d positional argument%s" % (n + extra, "" if n + extra == 1 else "s")
        else:
            takes = "takes from %d to %d positional arguments" % (required + extra, n + extra)
        given = len(args) + extra
        kw_given = len([k for k in kwargs if k in kwonly])
        if kw_given:
            raise TypeError("%s() %s but %d positional argument%s (and %d keyword-only argument%s) were given"
                            % (qualname, takes, given, "" if given == 1 else "s",
                               kw_given, "" if kw_given == 1 else "s"))
        raise TypeError("%s() %s but %d %s given" % (qualname, takes, given, "was" if given == 1 else "were"))
    values = {}
    for name, value in zip(names, args):
        values[name] = value
    missing = []
    for name in names[len(args):]:
        if name in kwargs:
            values[name] = kwargs[name]
        elif name in defaults:
            values[name] = defaults[name]
        else:
            missing.append(name)
    if missing:
        raise TypeError("%s() missing %d required positional argument%s: %s"
                        % (qualname, len(missing), "" if len(missing) == 1 else "s", _join_names(missing)))
    for name in kwonly:
        if name in kwargs:
            values[name] = kwargs[name]
        elif name in defaults:
            values[name] = defaults[name]
        else:
            missing.append(name)
    if missing:
        raise TypeError("%s() missing %d required keyword-only argument%s: %s"
                        % (qualname, len(missing), "" if len(missing) == 1 else "s", _join_names(missing)))
    return values

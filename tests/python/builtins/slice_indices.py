# slice.indices(length) for every combination of small bounds, steps and lengths, big ints, errors.
out = []
vals = [None, -12, -5, -1, 0, 1, 3, 7, 12]
for length in [0, 1, 5, 10]:
    for start in vals:
        for stop in vals:
            for step in [None, -3, -1, 1, 2]:
                s = slice(start, stop, step)
                t = s.indices(length)
                assert list(range(*t)) == list(range(length))[s], (s, length)
                out.append(t)
print(len(out), out[:8], out[-8:])
print(slice(None, None, -1).indices(2 ** 70), slice(-2 ** 80, 2 ** 80, 2 ** 65).indices(2 ** 70))
for bad in [lambda: slice(0, 1, 0).indices(3), lambda: slice(0, 1).indices(-1), lambda: slice("a").indices(3), lambda: slice(1).indices("x")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

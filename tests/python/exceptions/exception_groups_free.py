# Exception handling inside loops and comprehensions of results.
def parse_all(items):
    ok, bad = [], []
    for item in items:
        try:
            ok.append(int(item))
        except ValueError:
            bad.append(item)
        except TypeError:
            bad.append(repr(item))
    return ok, bad
print(parse_all(["1", "2", "three", None, "4", [5]]))
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return float("inf")
print([safe_div(1, n) for n in [2, 0, 4]])

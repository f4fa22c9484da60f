# Star patterns in the middle, wildcards in sequences, and matching tuples and lists alike.
def shape(seq):
    match seq:
        case (0, *_, 0):
            return "zero-bounded"
        case [_, _, *tail] if not tail:
            return "pair"
        case [x, *_, y] if x == y:
            return f"same ends {x}"
        case (*_, "end"):
            return "ends with end"
        case _:
            return "other"
for s in [(0, 1, 2, 0), [1, 2], [5, 3, 5], ("a", "end"), [1, 2, 3], (0, 0)]:
    print(s, shape(s))

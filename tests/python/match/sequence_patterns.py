# Sequence patterns: fixed length, star captures, nested, and strings not matching sequences.
def describe(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one: {a}"
        case [a, b]:
            return f"two: {a}, {b}"
        case [first, *rest] if len(rest) > 3:
            return f"long, first {first}, {len(rest)} more"
        case [first, *middle, last]:
            return f"first {first}, middle {middle}, last {last}"
        case _:
            return "not a sequence"
for v in [[], [1], (1, 2), [1, 2, 3], list(range(7)), "ab", 5, [[1, 2], 3]]:
    print(repr(v), describe(v))
match [1, [2, 3]]:
    case [x, [y, z]]:
        print("nested", x, y, z)

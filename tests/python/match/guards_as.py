# Guards, as-captures, capture of the subject, and match falling through without a match.
def classify(n):
    match n:
        case int() as i if i < 0:
            return "negative"
        case 0:
            return "zero"
        case int() as i if i % 2 == 0:
            return f"even {i}"
        case (1 | 3 | 5) as small:
            return f"small odd {small}"
        case other:
            return f"other {other}"
print([classify(n) for n in [-3, 0, 4, 3, 9]])
result = "unchanged"
match 42:
    case str():
        result = "string"
print(result)
match {"cmd": ["go", "north"]}:
    case {"cmd": ["go", ("north" | "south") as direction]}:
        print("going", direction)

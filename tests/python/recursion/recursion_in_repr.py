# Recursive structures: repr of self-containing containers and recursive tree walks.
a = [1, 2]
a.append(a)
d = {"self": None}
d["self"] = d
print(a, d)
def tree(depth):
    return [] if depth == 0 else [tree(depth - 1), tree(depth - 1)]
def count(t):
    return 1 + sum(count(c) for c in t)
print(count(tree(12)))

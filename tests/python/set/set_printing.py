# Printing sets of small ints follows CPython's table order: slot = value modulo the table size, so 9 sits before 7 in an 8-slot table.
print({3, 1, 2}, {0}, {5, 4, 3, 2, 1, 0}, set([9, 8, 7]), frozenset({2, 1}))
print({x for x in range(10) if x % 3 == 0}, set(range(7)) - {0, 6})
print(repr(set()), repr(frozenset()), str({1}))

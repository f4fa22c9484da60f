# return inside a generator stops it early; a for loop over it sees only the yields.
def first_n_even(items, n):
    found = 0
    for x in items:
        if found == n:
            return
        if x % 2 == 0:
            found += 1
            yield x
print(list(first_n_even(range(100), 4)))
def gen_with_exception():
    yield 1
    raise ValueError("inside generator")
try:
    for v in gen_with_exception():
        print("got", v)
except ValueError as e:
    print("ValueError:", e)

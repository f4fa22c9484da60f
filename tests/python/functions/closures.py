# Closures capture variables, not values; factories; late binding in loops.
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1, c2 = make_counter(), make_counter()
print(c1(), c1(), c1(), c2())
def make_adders():
    return [lambda x: x + i for i in range(3)]
print([f(10) for f in make_adders()])
def make_adders_bound():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make_adders_bound()])
def outer():
    x = "before"
    def show():
        return x
    x = "after"
    return show
print(outer()())
print(c1.__closure__ is not None, make_counter.__closure__)

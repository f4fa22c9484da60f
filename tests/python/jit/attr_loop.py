# Attribute loads and stores on instances in compiled loops, with the object's layout, its
# class and its attributes' types changing while the loop is hot.


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def walk(n):
    p = P(0, 0)
    for i in range(n):
        p.x = p.x + i
        p.y = p.y - 1
    return p.x, p.y


def shape_changes(n):
    ps = [P(i, i) for i in range(4)]
    t = 0
    for i in range(n):
        q = ps[i % 4]
        if i == n // 2:
            q.z = 5
            ps[1] = P(1.5, "s")
        t += q.x
    return t


class WithProp:
    def __init__(self):
        self.v = 1


def property_added(n):
    w = WithProp()
    t = 0
    for i in range(n):
        if i == n - 100:
            WithProp.v = property(lambda self: 100)
        t += w.v
    return t


def missing_attr(n):
    p = P(1, 2)
    t = 0
    try:
        for i in range(n):
            if i == n - 10:
                del p.y
            t += p.y
    except AttributeError as e:
        return t, str(e)


print(walk(5000))
print(shape_changes(4000))
print(property_added(3000))
print(missing_attr(3000))

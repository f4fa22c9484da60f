# str.format: positional, numbered, named, attribute and index fields, conversions and specs.
print("{} {} {}".format(1, "a", 2.5))
print("{1} {0} {1}".format("x", "y"))
print("{name} is {age:>4}".format(name="Bo", age=7))
point = {"x": 1, "y": 2}
print("{0[x]},{0[y]} {1[0]}".format(point, [9, 8]))
class C:
    attr = "attribute"
print("{0.attr} {c.attr}".format(C(), c=C()))
print("{!r} {!s} {:>5} {:.2%} {:08.3f}".format("q", "q", "r", 0.1234, -3.14159))
print("{{}} {:{}}|".format("w", 6), "{:^{w}.{p}f}".format(2.71828, w=10, p=2))
print(format("text", "<8") + "|", format(12, "b"), "{0}{0}".format("ab"))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
print("{:,}".format(10 ** 10), "{:_x}".format(2 ** 40), "{:=+8}".format(42))

# %-formatting: conversions, widths, flags, tuples, dicts, and %%.
print("%s %r %d %i %5d|%-5d|%05d" % ("s", "r", 42, 7, 3, 3, 3))
print("%x %X %o %e %f %.2f %10.3f|%-10.1f|" % (255, 255, 8, 1500.0, 1.5, 2.345, 3.14159, 2.5))
print("%c%c %s %%" % (72, "i", [1, 2]))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%s" % (1,), "%s" % "single", "%s and %s" % ("a", "b"), "%.3s" % "abcdef", "%5s|%-5s|" % ("ab", "ab"))
print("%+d %+d % d" % (5, -5, 5), "%g %g" % (1e-5, 123456789))
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError:", e)
try:
    "%s %s" % ("a",)
except TypeError as e:
    print("TypeError:", e)

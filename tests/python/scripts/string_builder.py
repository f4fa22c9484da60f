# Text formatting utilities: str.format with alignment, textwrap, string constants, io.StringIO,
# print with sep/end/file, and %-formatting with dicts.
import textwrap
import string
import io
import sys

para = ("Python is a programming language that lets you work quickly and integrate systems "
        "more effectively. It is easy to learn and powerful.")
print(textwrap.fill(para, width=40))
print(textwrap.wrap(para, 30)[:2])
print(textwrap.indent("a\nb\n", "> "), end="")
print(textwrap.dedent("""\
    indented
      more
    back"""))
print(textwrap.shorten(para, width=50))
print(string.ascii_lowercase[:5], string.digits, string.punctuation[:6], string.ascii_uppercase[-3:])
tbl = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 10.0)]
for name, n, price in tbl:
    print("{:<8}|{:>5}|{:>8.2f}|{:^7}".format(name, n, price, "x" * (n % 5)))
print("{:,}".format(1234567), "{:_}".format(1234567), "{:.1%}".format(0.256), "{:e}".format(12345.678))
print("{0[0]} {0[1]} {1.real}".format(["p", "q"], 5), "{:{w}.{p}f}".format(3.14159, w=10, p=3))
buf = io.StringIO()
print("hello", "world", sep=", ", end="!\n", file=buf)
buf.write("second line\n")
print(repr(buf.getvalue()))
out = io.StringIO("l1\nl2\nl3\n")
print([line.rstrip() for line in out], out.getvalue().count("\n"))
print("%(name)s is %(age)d years" % {"name": "Ann", "age": 31}, "%5.1f%%" % 99.5, "%-6s|" % "ab", "%+d" % 5)
tmpl = string.Template("$who likes $what")
print(tmpl.substitute(who="tim", what="kung pao"), tmpl.safe_substitute(who="x"))
print("a\tb".expandtabs(4), "Hello"[::-1], "hello world".title(), "ß".upper(), "İ".lower() == "i̇")
lines = ["x = 1", "y = 22", "zzz = 333"]
width = max(len(l.split("=")[0].strip()) for l in lines)
for l in lines:
    k, v = (p.strip() for p in l.split("="))
    print(f"{k:>{width}} := {int(v):04d}")
sys.stdout.write("written directly\n")
print(f"{'nested ' + str(len(lines)):>15}", f"{3 + 4=}", f"{'a'!r}", f"{{literal}}")
print(str(12).zfill(5), "-12".zfill(5), format(3.5, ".0f"), format(4.5, ".0f"), round(2.675, 2))

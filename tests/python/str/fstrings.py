# f-strings: expressions, conversions, format specs, nested specs, `=` debugging and braces.
name, n, pi = "World", 42, 3.14159265
print(f"Hello, {name}! {n + 1} {pi:.3f} {name!r} {name!s} {'é'!a}")
print(f"{n:>6}|{n:<6}|{n:^6}|{n:06}|{n:x}|{n:#b}|{n:,}|{1e6:,.1f}")
width, prec = 10, 2
print(f"[{pi:{width}.{prec}f}] [{name:*^{width}}]")
print(f"{n=} {pi = :.2f} {name=!s} {n*2=}")
print(f"{{literal braces}} {{{n}}}")
items = [1, 2, 3]
print(f"{len(items)} items: {', '.join(map(str, items))} {items[0]} {items[-1]}")
d = {"k": "v"}
print(f"{d['k']} {d!r}")
print(f"{'nested ' + f'{n}'}")
x = 5
print(f"{'big' if x > 3 else 'small'} {x:{'>' if x else '<'}5}")
class P:
    def __format__(self, spec):
        return f"P<{spec}>"
print(f"{P():hello} {P()}")

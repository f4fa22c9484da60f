# eval of expressions and exec of statements, with explicit namespaces.
print(eval("1 + 2 * 3"), eval("[x * 2 for x in range(3)]"), eval("len('abc')"))
ns = {"a": 5}
print(eval("a * 10", ns), eval("b + 1", {"b": 1}, {"b": 100}))
code = """
def square(n):
    return n * n
result = square(7)
"""
env = {}
exec(code, env)
print(env["result"], env["square"](3))
exec("counter = 1\nfor i in range(5):\n    counter *= 2")
print(counter)
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
try:
    eval("undefined_name")
except NameError as e:
    print("NameError:", e)

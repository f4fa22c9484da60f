# Comprehension variables do not leak; class bodies are not enclosing scopes for them.
x = "outer"
squares = [x * x for x in range(4)]
print(x, squares)
class C:
    factor = 10
    values = [1, 2, 3]
    doubled = [v * 2 for v in values]
    try:
        scaled = [v * factor for v in values]
    except NameError as e:
        scaled = str(e)
print(C.doubled, C.scaled)
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])

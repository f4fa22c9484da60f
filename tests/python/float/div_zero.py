# Division by zero raises ZeroDivisionError with the message each operation uses.
cases = [lambda: 1 / 0, lambda: 1.0 / 0, lambda: 1 // 0, lambda: 1.5 // 0.0, lambda: 1 % 0,
         lambda: 2.0 % 0.0, lambda: divmod(1, 0), lambda: divmod(1.0, 0.0), lambda: 0 ** -1, lambda: 0.0 ** -1]
for i, c in enumerate(cases):
    try:
        c()
    except ZeroDivisionError as e:
        print(i, type(e).__name__, e)

# The `as` name is deleted after the except block; exceptions are objects that can be stored.
saved = None
try:
    raise ValueError("stored")
except ValueError as err:
    saved = err
try:
    err
except NameError as e:
    print("NameError:", e)
print(saved, type(saved).__name__)
errors = []
for v in ["1", "x", "2", "y"]:
    try:
        int(v)
    except ValueError as e:
        errors.append(e)
print(len(errors), [str(e) for e in errors])

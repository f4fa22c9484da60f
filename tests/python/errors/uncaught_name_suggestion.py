# Uncaught NameError for a misspelt name: CPython 3.11 adds a "Did you mean" suggestion.
print("start")
value = 3
print(valeu)

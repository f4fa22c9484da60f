# Uncaught NameError: exit 1 and the last stderr line names the variable.
print("start")
value = 3
print(undefined_thing)

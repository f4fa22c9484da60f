-- Uncaught error: arithmetic on an undefined global; the output before it is still printed.
print("before")
local y = 1
print(y + undefined_value)
print("never printed")

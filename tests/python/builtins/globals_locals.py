# globals() and locals() dictionaries inside functions and at module level.
g_value = 10
def f(a, b=2):
    c = a + b
    loc = locals()
    return sorted(loc.items())
print(f(1))
print("g_value" in globals(), globals()["g_value"], globals()["__name__"])
globals()["made_dynamically"] = "yes"
print(made_dynamically)
print(locals() is globals())

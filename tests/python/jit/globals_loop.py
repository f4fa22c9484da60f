# Global loads in compiled loops, and globals that change while the loop is hot.

LIMIT = 4000
SCALE = 3


def uses_globals():
    t = 0
    i = 0
    while i < LIMIT:
        t += i * SCALE
        i += 1
    return t


def set_scale(v):
    global SCALE
    SCALE = v


def changes_global():
    t = 0
    for i in range(4000):
        if i == 2500:
            set_scale(7)
        t += SCALE
    return t


def global_becomes_float():
    t = 0
    for i in range(4000):
        if i == 3000:
            globals()["SCALE"] = 0.5
        t += SCALE
    return t


def name_error_later():
    t = 0
    try:
        for i in range(4000):
            if i == 3500:
                del globals()["LIMIT"]
            t += LIMIT
    except NameError as e:
        return t, str(e)


print(uses_globals())
print(changes_global())
print(global_becomes_float())
print(name_error_later())
total = 0
for k in range(5000):
    total += k % 11
print(total)

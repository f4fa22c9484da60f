# send() passes values into a generator; close() raises GeneratorExit inside it.
def averager():
    total = count = 0
    avg = None
    while True:
        try:
            value = yield avg
        except GeneratorExit:
            print("closing with", count, "values")
            raise
        total += value
        count += 1
        avg = total / count
a = averager()
print(next(a), a.send(10), a.send(20), a.send(60))
a.close()
try:
    a.send(1)
except StopIteration:
    print("closed generator raises StopIteration")
def echo():
    received = yield "ready"
    while True:
        received = yield f"got {received}"
e = echo()
print(e.send(None), e.send("x"), e.send(42))
try:
    echo().send(5)
except TypeError as err:
    print("TypeError:", err)

# throw() raises inside the generator at the paused yield; it can be handled or propagate.
def worker():
    while True:
        try:
            yield "working"
        except ValueError as e:
            print("worker handled", e)
            yield "recovered"
w = worker()
print(next(w), w.throw(ValueError("glitch")), next(w))
try:
    w.throw(KeyError("fatal"))
except KeyError as e:
    print("propagated", e)
print(list(w))

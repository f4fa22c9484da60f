# An exception raised inside a generator propagates to the consumer uncaught.
def gen():
    yield 1
    yield 2
    raise LookupError("generator failed at step 3")
for v in gen():
    print(v)

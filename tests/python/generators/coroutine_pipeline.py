# Generator-based coroutines wired into a push pipeline with send().
def printer(prefix):
    while True:
        item = yield
        print(prefix, item)
def filter_even(target):
    while True:
        item = yield
        if item % 2 == 0:
            target.send(item)
def scale(k, target):
    while True:
        item = yield
        target.send(item * k)
sink = printer("got")
next(sink)
f = filter_even(sink)
next(f)
s = scale(3, f)
next(s)
for i in range(6):
    s.send(i)
s.close()
print("done")

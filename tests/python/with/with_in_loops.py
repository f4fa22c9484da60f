# with inside loops with break and continue still runs __exit__ every time.
class Trace:
    def __init__(self, i): self.i = i
    def __enter__(self): print("enter", self.i)
    def __exit__(self, *a): print("exit", self.i)
for i in range(5):
    with Trace(i):
        if i == 1:
            continue
        if i == 3:
            break
        print("body", i)
def find():
    for i in range(10):
        with Trace(i):
            if i == 2:
                return i
print("found", find())

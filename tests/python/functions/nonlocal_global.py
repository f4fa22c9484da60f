# nonlocal rebinds the enclosing function's variable; global rebinds the module's.
total = 0
def add(n):
    global total
    total += n
add(5); add(7)
print(total)
def outer():
    x = 1
    def middle():
        def inner():
            nonlocal x
            x *= 10
        inner()
        inner()
    middle()
    return x
print(outer())
def make():
    state = []
    def push(v):
        state.append(v)
        return len(state)
    return push
push = make()
print(push("a"), push("b"))
def declare_global():
    global created_later
    created_later = "made in function"
declare_global()
print(created_later)

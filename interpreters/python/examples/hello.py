"""The smallest pyvgc program: run with `pyvgc examples/hello.py`."""


def greet(name):
    return f"Hello, {name}!"


if __name__ == "__main__":
    print(greet("world"))
    print(sum(i * i for i in range(10)), sorted({3, 1, 2}), {"a": 1})

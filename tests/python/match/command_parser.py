# match used for a small command interpreter over split strings.
def run(line, state):
    match line.split():
        case ["push", value]:
            state.append(int(value))
        case ["pop"]:
            return state.pop() if state else "empty"
        case ["add"]:
            b, a = state.pop(), state.pop()
            state.append(a + b)
        case ["mul"]:
            b, a = state.pop(), state.pop()
            state.append(a * b)
        case ["dup", *_]:
            state.append(state[-1])
        case []:
            return "blank"
        case [cmd, *args]:
            return f"unknown {cmd} {args}"
    return state
st = []
for line in ["push 3", "push 4", "add", "dup", "mul", "", "frobnicate 1 2", "pop", "pop"]:
    print(repr(line), run(line, st))

# closure_interp: an interpreter written in the language: a small loop program
# given as a tree is compiled to nested closures, then run. Exercises closure
# creation, indirect calls and captured-variable reads.
# argv[1] = loop count of the interpreted program (default 300000);
# argv[2] = iterations ("iter K SECONDS" on stderr).
import sys
import time

# Slots of the interpreted program's variables.
I, S, N = 0, 1, 2


def compile_node(node):
    op = node[0]
    if op == "num":
        v = node[1]
        return lambda env: v
    if op == "var":
        k = node[1]
        return lambda env: env[k]
    if op in ("add", "sub", "mul", "mod", "lt", "eq"):
        a = compile_node(node[1])
        b = compile_node(node[2])
        if op == "add":
            return lambda env: a(env) + b(env)
        if op == "sub":
            return lambda env: a(env) - b(env)
        if op == "mul":
            return lambda env: a(env) * b(env)
        if op == "mod":
            return lambda env: a(env) % b(env)
        if op == "lt":
            return lambda env: a(env) < b(env)
        return lambda env: a(env) == b(env)
    if op == "set":
        k = node[1]
        e = compile_node(node[2])

        def run_set(env):
            env[k] = e(env)
            return 0
        return run_set
    if op == "seq":
        stmts = [compile_node(s) for s in node[1]]

        def run_seq(env):
            for s in stmts:
                s(env)
            return 0
        return run_seq
    if op == "if":
        c = compile_node(node[1])
        t = compile_node(node[2])
        f = compile_node(node[3])

        def run_if(env):
            if c(env):
                return t(env)
            return f(env)
        return run_if
    if op == "while":
        c = compile_node(node[1])
        body = compile_node(node[2])

        def run_while(env):
            while c(env):
                body(env)
            return 0
        return run_while
    raise ValueError("unknown node " + op)


# i = 0; s = 0
# while i < n:
#     if i % 3 == 0: s = (s + i * 2) % 1000003
#     else: s = (s + 1) % 1000003
#     i = i + 1
PROGRAM = ("seq", [
    ("set", I, ("num", 0)),
    ("set", S, ("num", 0)),
    ("while", ("lt", ("var", I), ("var", N)), ("seq", [
        ("if", ("eq", ("mod", ("var", I), ("num", 3)), ("num", 0)),
         ("set", S, ("mod", ("add", ("var", S), ("mul", ("var", I), ("num", 2))), ("num", 1000003))),
         ("set", S, ("mod", ("add", ("var", S), ("num", 1)), ("num", 1000003)))),
        ("set", I, ("add", ("var", I), ("num", 1))),
    ])),
])


def run(n):
    env = [0, 0, n]
    compile_node(PROGRAM)(env)
    return env[S]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300000
    iters = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    r = 0
    for k in range(1, iters + 1):
        t0 = time.process_time()
        r = run(n)
        if iters > 1:
            sys.stderr.write("iter %d %.6f\n" % (k, time.process_time() - t0))
    print("%d" % r)


main()

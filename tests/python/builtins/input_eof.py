# input() at end of input raises EOFError (the runner gives programs an empty stdin).
try:
    line = input()
    print("read", repr(line))
except EOFError as e:
    print("EOFError", repr(str(e)))

# sys._getframe(depth): code name, line, f_back chain, f_globals, module f_locals.
import sys
def f():
    fr = sys._getframe(); line = fr.f_lineno
    print(fr.f_code.co_name, line, fr.f_back.f_code.co_name, fr.f_back.f_lineno, fr.f_back.f_back)
    print(sys._getframe(1).f_lineno, sys._getframe(1).f_globals is globals())
    return g()
def g():
    return sys._getframe(2).f_lineno
print(f())
x = 5
print(sys._getframe().f_locals["x"], sys._getframe().f_code.co_filename == __file__)
try:
    sys._getframe(50)
except ValueError as e:
    print(e)

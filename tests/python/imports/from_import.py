# from-imports with aliases and star-import honouring __all__.
from _mod_util import shout as yell, GREETING
from _mod_util import *
print(yell("x"), GREETING, Helper())
try:
    _private
except NameError as e:
    print("NameError:", e)
from _mod_util import _private
print(_private)
try:
    from _mod_util import does_not_exist
except ImportError as e:
    print("ImportError:", e)

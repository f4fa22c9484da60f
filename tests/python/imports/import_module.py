# import of a sibling module: runs once, attributes, module identity in sys.modules.
import sys
import _mod_util
import _mod_util as again
print(_mod_util.GREETING, _mod_util.shout("hi"), _mod_util.Helper())
print(again is _mod_util, "_mod_util" in sys.modules, _mod_util.__name__)
print(_mod_util.bump(), _mod_util.bump(), again.counter)

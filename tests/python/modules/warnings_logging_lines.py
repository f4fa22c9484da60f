# warnings and logging name the calling file, line and function (sys._getframe), as CPython does.
import sys
sys.stderr = sys.stdout
import logging, warnings, sys
def helper():
    warnings.warn("careful", UserWarning)
    warnings.warn("deeper", RuntimeWarning, stacklevel=2)
helper()
warnings.warn("top level")
for i in range(2):
    warnings.warn("once per line")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("recorded", DeprecationWarning)
    print(w[0].lineno, w[0].filename == __file__, w[0].category.__name__)
logging.basicConfig(format="%(levelname)s %(module)s:%(lineno)d %(funcName)s %(message)s", stream=sys.stdout)
log = logging.getLogger("app")
def work():
    log.warning("in work")
    logging.error("root error")
work()
log.warning("at module level")
adapter = logging.LoggerAdapter(log, {})
adapter.warning("through adapter")
def wrapper(msg):
    log.warning(msg, stacklevel=2)
wrapper("stacklevel two")
